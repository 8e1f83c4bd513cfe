/**
 * The fixed skeleton of one region: municipalities, schools (with branches), classes and staff
 * counts. Built once per region on first use, from the world key alone; pupils, parents and
 * teachers are then derived from their index within this skeleton.
 */
import { legalInn, ogrn } from '../ids/checksums.ts';
import { hashInts, hashString, unit } from '../random/hash.ts';
import { Stream } from '../random/stream.ts';
import { geographyOf, type RegionGeography } from '../data/geography.ts';
import type { RegionRow } from '../data/tables.ts';
import { officialRegionName } from '../names/place-cases.ts';
import { FEDERAL_CITIES, landline, postcode } from './addresses.ts';
import { DISTRICT_ADJECTIVES, STREETS, VILLAGES } from './places.ts';
import { chooseType, nameSchool, type SchoolKind, type SchoolType } from './school-names.ts';
import { planStaffing, type Staffing } from './staffing.ts';

export const CLASS_LETTERS = 'АБВГДЕЖЗИКЛМНОПРСТ';

export interface Municipality {
  readonly index: number;
  readonly name: string;
  /** 8-digit ОКТМО of the municipal formation (docs/world-realism.md «Schools and places»). */
  readonly oktmo: string;
  readonly urban: boolean;
  /** The town an urban municipality is named after (the regional capital first); empty for a rural one. */
  readonly town: string;
}

export interface School {
  readonly id: string;
  readonly index: number;
  readonly regionCode: string;
  readonly municipality: Municipality;
  readonly kind: SchoolKind;
  readonly type: SchoolType;
  readonly shortName: string;
  readonly fullName: string;
  /** Index of the head school when this school is a branch (филиал). */
  readonly headSchoolIndex: number | null;
  readonly ogrn: string;
  readonly inn: string;
  readonly kpp: string;
  /** 11-digit ОКТМО of the settlement. */
  readonly oktmo: string;
  readonly address: string;
  readonly phone: string;
  readonly email: string;
  readonly cokAccess: boolean;
  readonly roundingPolicy: 'threshold-0.65' | 'half-up';
  readonly classFirst: number;
  readonly classCount: number;
  readonly pupilFirst: number;
  readonly pupilCount: number;
  readonly teacherFirst: number;
  readonly adminFirst: number;
  readonly staffing: Staffing;
}

export interface RegionLayout {
  readonly region: RegionRow;
  readonly ordinal: number;
  readonly municipalities: readonly Municipality[];
  readonly schools: readonly School[];
  readonly pupilCount: number;
  readonly teacherCount: number;
  readonly adminCount: number;
  readonly classGrade: Uint8Array;
  readonly classLetter: Uint8Array;
  readonly classSize: Uint16Array;
  readonly classPupilFirst: Int32Array;
  readonly classSchool: Int32Array;
  readonly schoolTeacherFirst: Int32Array;
  readonly schoolAdminFirst: Int32Array;
}

export interface LayoutOptions {
  readonly worldKey: number;
  readonly region: RegionRow;
  readonly ordinal: number;
  readonly pupilTarget: number;
  /** Demo worlds cycle through these kinds so that a few schools show every kind. */
  readonly kindSequence?: readonly SchoolKind[];
  /** Demo worlds keep one class per grade so that 600 pupils fill a few schools. */
  readonly singleParallel?: boolean;
}

interface ClassPlan {
  grade: number;
  letter: number;
  size: number;
}

function planClasses(kind: SchoolKind, type: SchoolType, stream: Stream, singleParallel: boolean): ClassPlan[] {
  const lastGrade = type === 'НОШ' ? 4 : type === 'ООШ' ? 9 : 11;
  const [pMin, pMax, sMin, sMax] = kind === 'rural' ? [1, 1, 5, 16] : kind === 'town' ? [1, 3, 18, 26] : kind === 'city' ? [2, 5, 22, 30] : [3, 7, 24, 30];
  const parallels = singleParallel ? 1 : stream.int(pMin, pMax);
  const classes: ClassPlan[] = [];
  for (let grade = 1; grade <= lastGrade; grade++) {
    const count = grade >= 10 ? Math.max(1, Math.floor(parallels / 2)) : parallels;
    for (let letter = 0; letter < count; letter++) {
      const size = grade >= 10 && kind === 'rural' ? stream.int(3, 9) : stream.int(sMin, sMax);
      classes.push({ grade, letter, size });
    }
  }
  return classes;
}

/** Spreads exactly `pupils` over the classes, keeping each at least one pupil. */
function fitClasses(classes: ClassPlan[], pupils: number): ClassPlan[] {
  const kept = classes.slice(0, Math.max(1, Math.min(classes.length, pupils)));
  const base = Math.floor(pupils / kept.length);
  const extra = pupils % kept.length;
  return kept.map((c, i) => ({ ...c, size: base + (i < extra ? 1 : 0) }));
}

/**
 * The capital's городской округ first, then one городской округ per real town of the region (as many
 * as the region has, about 27 % of its municipalities), then rural districts and okrugs.
 */
function buildMunicipalities(region: RegionRow, geography: RegionGeography, count: number, stream: Stream): Municipality[] {
  const capital = FEDERAL_CITIES.has(region.code);
  const urbanCount = capital ? count : Math.min(1 + geography.towns.length, Math.max(1, Math.ceil(count * 0.27)));
  return Array.from({ length: count }, (_, index) => {
    const urban = index < urbanCount;
    const number = String(index + 1).padStart(2, '0');
    const typeDigit = capital ? '3' : urban ? '7' : stream.next() < 0.2 ? '5' : '6';
    // This draw once picked a made-up town; it stays so that every later draw of the region keeps its value.
    stream.next();
    const town = capital || index === 0 ? geography.capital : urban ? (geography.towns[index - 1] ?? '') : '';
    const adjective = stream.pick(DISTRICT_ADJECTIVES);
    const name = capital
      ? `${adjective.replace(/ый$|ий$|ой$/, 'ое')} (внутригородская территория)`
      : urban
        ? `городской округ город ${town}`
        : `${adjective} муниципальный ${typeDigit === '5' ? 'округ' : 'район'}`;
    return { index, name, oktmo: `${region.oktmo}${typeDigit}${number}000`, urban, town };
  });
}

export function buildRegionLayout(options: LayoutOptions): RegionLayout {
  const { region, worldKey, pupilTarget } = options;
  const regionKey = hashInts(worldKey, hashString(`region:${region.code}`));
  const stream = new Stream(regionKey);
  const capital = FEDERAL_CITIES.has(region.code);
  const geography = geographyOf(region.code);
  const regionName = officialRegionName(region.name);
  const estimatedSchools = Math.max(1, Math.round(pupilTarget / 450));
  const municipalityCount = Math.max(options.kindSequence ? 2 : 1, Math.min(60, Math.round(estimatedSchools / 14)));
  const municipalities = buildMunicipalities(region, geography, municipalityCount, stream);

  const schools: School[] = [];
  const grades: number[] = [];
  const letters: number[] = [];
  const sizes: number[] = [];
  const schoolOfClass: number[] = [];
  const pupilFirsts: number[] = [];
  let pupils = 0;
  let teachers = 0;
  let admins = 0;
  const numbersByMunicipality = new Map<number, number>();
  const headsByMunicipality = new Map<number, number[]>();

  while (pupils < pupilTarget) {
    const index = schools.length;
    const sequence = options.kindSequence;
    const sequenced = sequence?.[index % sequence.length];
    const municipality = sequenced
      ? (municipalities[sequenced === 'rural' ? municipalities.length - 1 : 0] as Municipality)
      : (municipalities[Math.floor(stream.next() * municipalities.length)] as Municipality);
    const kind: SchoolKind = sequenced
      ? sequenced
      : capital
        ? 'capital'
        : municipality.urban
          ? stream.weighted({ city: 60, town: 40 })
          : stream.weighted({ rural: 65, town: 35 });
    const type = chooseType(kind, stream);
    let classes = planClasses(kind, type, stream, options.singleParallel === true);
    const planned = classes.reduce((sum, c) => sum + c.size, 0);
    const remaining = pupilTarget - pupils;
    if (planned >= remaining) classes = fitClasses(classes, remaining);
    const schoolPupils = classes.reduce((sum, c) => sum + c.size, 0);

    const number = (numbersByMunicipality.get(municipality.index) ?? 0) + stream.int(1, 6);
    numbersByMunicipality.set(municipality.index, number);
    const [village, villageAdjective] = stream.pick(VILLAGES);
    const heads = headsByMunicipality.get(municipality.index) ?? [];
    const head = kind === 'rural' && heads.length > 0 && stream.next() < 0.18 ? (heads[Math.floor(stream.next() * heads.length)] as number) : null;
    const headSchool = head === null ? undefined : schools[head];
    const name = nameSchool(kind, type, number, villageAdjective, region.code, stream);

    const taxOffice = `${region.code}${String(stream.int(1, 36)).padStart(2, '0')}`;
    const inn = headSchool ? headSchool.inn : legalInn(`${taxOffice}${String(stream.int(0, 99999)).padStart(5, '0')}`);
    const ogrnValue = headSchool
      ? headSchool.ogrn
      : ogrn(
          `1${stream.next() < 0.85 ? stream.pick(['02', '03']) : String(stream.int(11, 25))}${region.code}${taxOffice.slice(2)}${String(stream.int(0, 99999)).padStart(5, '0')}`,
        );
    const kpp = headSchool ? `${headSchool.inn.slice(0, 4)}43${String(stream.int(1, 20)).padStart(3, '0')}` : `${inn.slice(0, 4)}01001`;
    const inCapital = capital || (municipality.urban && municipality.index === 0);
    const place = capital ? '' : municipality.urban ? `г. ${municipality.town}, ` : `${municipality.name}, ${village}, `;
    const settlement = municipality.urban ? '001' : String(101 + 5 * stream.int(0, 40));
    const oktmo = municipality.urban
      ? `${municipality.oktmo}${settlement}`
      : `${municipality.oktmo.slice(0, 5)}4${String(stream.int(1, 40)).padStart(2, '0')}${settlement}`;
    const zip = postcode(geography, inCapital, unit(regionKey, 0x219, index), stream.int(0, 999));
    const address = `${zip}, ${regionName}, ${place}${stream.pick(STREETS)}, д. ${stream.int(1, 120)}`;
    const shortName = headSchool ? `Филиал ${headSchool.shortName} — «${villageAdjective} ${type}»` : name.shortName;
    const fullName = headSchool ? `Филиал ${headSchool.fullName} в ${village}` : name.fullName;

    const classFirst = grades.length;
    const schoolGrades: number[] = [];
    let cursor = pupils;
    for (const c of classes) {
      grades.push(c.grade);
      letters.push(c.letter);
      sizes.push(c.size);
      schoolOfClass.push(index);
      pupilFirsts.push(cursor);
      cursor += c.size;
      schoolGrades.push(c.grade);
    }
    const schoolKey = hashInts(regionKey, 0x5c4, index);
    // The first school always has a teacher without lessons, so that persona exists in every world.
    const staffing = planStaffing(schoolGrades, schoolKey, kind, index === 0);
    schools.push({
      id: `${region.code}-${String(index + 1).padStart(5, '0')}`,
      index,
      regionCode: region.code,
      municipality,
      kind,
      type,
      shortName,
      fullName,
      headSchoolIndex: head,
      ogrn: ogrnValue,
      inn,
      kpp,
      oktmo,
      address,
      phone: landline(geography, inCapital, (stream.int(300, 499) - 300) / 200, [stream.int(200, 799), stream.int(0, 99), stream.int(0, 99)]),
      email: `school${index + 1}@edu${region.code}.ru`,
      cokAccess: stream.next() < 0.93,
      roundingPolicy: stream.next() < 0.6 ? 'threshold-0.65' : 'half-up',
      classFirst,
      classCount: classes.length,
      pupilFirst: pupils,
      pupilCount: schoolPupils,
      teacherFirst: teachers,
      adminFirst: admins,
      staffing,
    });
    if (!headSchool && kind === 'rural' && type !== 'НОШ') headsByMunicipality.set(municipality.index, [...heads, index]);
    pupils += schoolPupils;
    teachers += staffing.teachers.length;
    admins += staffing.administrators.length;
  }

  return {
    region,
    ordinal: options.ordinal,
    municipalities,
    schools,
    pupilCount: pupils,
    teacherCount: teachers,
    adminCount: admins,
    classGrade: Uint8Array.from(grades),
    classLetter: Uint8Array.from(letters),
    classSize: Uint16Array.from(sizes),
    classPupilFirst: Int32Array.from(pupilFirsts),
    classSchool: Int32Array.from(schoolOfClass),
    schoolTeacherFirst: Int32Array.from(schools, (s) => s.teacherFirst),
    schoolAdminFirst: Int32Array.from(schools, (s) => s.adminFirst),
  };
}

/** The last index i with sorted[i] <= value (sorted ascending, value >= sorted[0]). */
export function floorIndex(sorted: Int32Array, value: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((sorted[mid] ?? 0) <= value) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export function className(layout: RegionLayout, classIndex: number): string {
  return `${layout.classGrade[classIndex] ?? 0}${CLASS_LETTERS[layout.classLetter[classIndex] ?? 0] ?? ''}`;
}
