/**
 * Derives the people of one region from their slot: names, documents, ESIA accounts, roles.
 * Everything is a pure function of (world key, region, kind, index), so any person can be
 * produced alone, in any order, at any scale.
 */
import { personalInn } from '../ids/checksums.ts';
import { firstName, type Sex } from '../names/first-names.ts';
import { namePoolOf } from '../names/pools.ts';
import { patronymic } from '../names/patronymic.ts';
import { surname, surnameIndex } from '../names/surnames.ts';
import { officialRegionName } from '../names/place-cases.ts';
import { translit } from '../names/translit.ts';
import { hashInts, hashString, unit } from '../random/hash.ts';
import { ageOn, dayOf, isoOf, type SchoolYear } from './calendar.ts';
import { planFamilies, type FamilyPlan } from './families.ts';
import { createPermutation, type Permutation } from '../random/permutation.ts';
import { FIRST_INDICATOR_GRADE, planCountedBand, type CountedBand } from './child-accounts.ts';
import { className, floorIndex, type RegionLayout, type School } from './region-layout.ts';
import { FEDERAL_CITIES, passportOffice, passportSeries, postcode, registryOffice } from './addresses.ts';
import { geographyOf } from '../data/geography.ts';
import { REGIONS } from '../data/tables.ts';
import { STREETS } from './places.ts';
import { teacherAge } from './teacher-ages.ts';
import { slotOf, type PersonKind } from './slots.ts';
import { SUBJECTS } from './subjects.ts';
import type { BirthCertificate, EsiaAccount, Membership, Passport, Person, TrustLevel } from './types.ts';

export interface PeopleContext {
  readonly worldKey: number;
  readonly asOf: string;
  readonly year: SchoolYear;
  /** Target child-account share A for every region, or null for each region's own (`RegionRow.childAccountTarget`). */
  readonly childAccountCoverage: number | null;
  readonly allRegionCodes: readonly string[];
  oidOf(slot: number): number;
  snilsOf(slot: number): string;
}

/** Among teachers aged 28–49 (about 44 % of them), so that about 12 % of all teachers are parents of the region's pupils. */
const TEACHER_PARENT_SHARE = 0.27;
const FATHER_PRESENT = 0.78;
const MOTHER_OWN_SURNAME = 0.15;
const PARENT_ELSEWHERE = 0.03;
/** Pupils whose registry record misses citizenship (ESIA has it). */
const CITIZENSHIP_MISSING = 0.03;
const LESSON_PERMISSION = 0.8;
const REPEATED_A_YEAR = 0.03;
/** Started grade 1 between 7½ and 8. */
const LATE_START = 0.15;
/** Pupils of grades 1–4 hold child accounts less often than the indicator's grades 5–11. */
const YOUNG_ACCOUNT_FACTOR = 0.55;
/** Teenagers outside the counted band who still hold an account the indicator does not count. */
const UNCOUNTED_TEEN_ACCOUNT = 0.3;
const TEEN_CREATED_BY_PARENT = 0.3;
const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII', 'XIII', 'XIV', 'XV', 'XVI', 'XVII', 'XVIII', 'XIX', 'XX'];
const CYRILLIC_UPPER = 'АБВГДЕЖЗИКЛМНОПРСТУФХЦЧШЭЮЯ';

type Tag = number;
const T = {
  sex: 1,
  name: 2,
  birth: 3,
  citizenship: 4,
  inn: 5,
  account: 6,
  level: 7,
  permission: 9,
  doc: 10,
  father: 11,
  ownSurname: 12,
  elsewhere: 13,
  mobile: 14,
  teen: 15,
  teacherParent: 16,
  rights: 17,
  age: 18,
  pool: 19,
} as const satisfies Record<string, Tag>;

function yearOf(isoDate: string): number {
  return Number(isoDate.slice(0, 4));
}

export class RegionPeople {
  readonly families: FamilyPlan;
  readonly teacherFamilies: Permutation;
  readonly citizenCount: number;
  readonly #key: number;
  #band: CountedBand | undefined;

  constructor(
    readonly layout: RegionLayout,
    readonly context: PeopleContext,
  ) {
    this.#key = hashInts(context.worldKey, hashString(`people:${layout.region.code}`));
    this.families = planFamilies(layout.pupilCount, this.#key);
    this.teacherFamilies = createPermutation(Math.max(this.families.familyCapacity, layout.teacherCount, 1), hashInts(this.#key, 0x7ea));
    this.citizenCount = Math.ceil(layout.pupilCount * 0.05);
  }

  get code(): string {
    return this.layout.region.code;
  }

  #u(kind: number, index: number, tag: Tag, extra = 0): number {
    return unit(this.#key, kind, index, tag, extra);
  }

  #slot(kind: PersonKind, local: number): number {
    return slotOf(this.layout.ordinal, kind, local);
  }

  // ---------- families ----------

  /** The teacher who is this family's parent, if any. */
  teacherParentOf(family: number): number | null {
    const t = this.teacherFamilies.inverse(family);
    return t < this.layout.teacherCount && this.#isTeacherParent(t) ? t : null;
  }

  /**
   * Only teachers of an age to have a child at school are parents in the world; a teacher without
   * lessons never is, so that the persona «teacher-no-lessons» keeps one role in most worlds.
   */
  #isTeacherParent(teacher: number): boolean {
    const age = this.#teacherAge(teacher);
    if (age < 28 || age >= 50 || this.#u(3, teacher, T.teacherParent) >= TEACHER_PARENT_SHARE) return false;
    const school = this.teacherSchool(teacher);
    return (school.staffing.teachers[teacher - school.teacherFirst]?.weeklyHours ?? 0) > 0;
  }

  /** Age in years on 1 September of the school year. */
  #teacherAge(teacher: number): number {
    return teacherAge(this.#u(3, teacher, T.age), this.#u(3, teacher, T.birth));
  }

  familyOfTeacher(teacher: number): number | null {
    if (!this.#isTeacherParent(teacher)) return null;
    const family = this.teacherFamilies.forward(teacher);
    return this.families.sizeOf(family) > 0 ? family : null;
  }

  /** Slots of a family's parents (mother first); a teacher-parent stands in their own slot. */
  parentSlotsOf(family: number): number[] {
    if (this.families.sizeOf(family) === 0) return [];
    const teacher = this.teacherParentOf(family);
    const teacherSex = teacher === null ? null : this.#teacherSex(teacher);
    const slots: number[] = [];
    slots.push(teacherSex === 'F' ? this.#slot('teacher', teacher as number) : this.#slot('mother', family));
    if (teacherSex === 'M') slots.push(this.#slot('teacher', teacher as number));
    else if (this.#fatherPresent(family)) slots.push(this.#slot('father', family));
    return slots;
  }

  #fatherPresent(family: number): boolean {
    return this.#u(1, family, T.father) < FATHER_PRESENT;
  }

  motherExists(family: number): boolean {
    if (this.families.sizeOf(family) === 0) return false;
    const teacher = this.teacherParentOf(family);
    return teacher === null || this.#teacherSex(teacher) !== 'F';
  }

  fatherExists(family: number): boolean {
    if (this.families.sizeOf(family) === 0) return false;
    const teacher = this.teacherParentOf(family);
    if (teacher !== null && this.#teacherSex(teacher) === 'M') return false;
    return this.#fatherPresent(family);
  }

  /** The name pool of a family: a teacher-parent's own, else drawn from the region's mix. */
  #familyPool(family: number): string {
    const teacher = this.teacherParentOf(family);
    if (teacher !== null) return this.#teacherPool(teacher);
    return namePoolOf(this.code, this.#u(1, family, T.pool));
  }

  #familySurname(family: number): number {
    const teacher = this.teacherParentOf(family);
    if (teacher !== null && this.#teacherSex(teacher) === 'M') return surnameIndex(this.#teacherPool(teacher), this.#key, 3, teacher, T.name);
    return surnameIndex(this.#familyPool(family), this.#key, 1, family, T.name);
  }

  #familyFatherName(family: number): string {
    const teacher = this.teacherParentOf(family);
    if (teacher !== null && this.#teacherSex(teacher) === 'M') {
      return firstName(this.#teacherPool(teacher), yearOf(this.#teacherBirthDate(teacher)), 'M', this.#key, 3, teacher, T.name, 1);
    }
    return firstName(this.#familyPool(family), yearOf(this.#parentBirthDate(2, family)), 'M', this.#key, 2, family, T.name, 1);
  }

  /** The patronymic of an adult: from a father's name of the generation before (about 28 years older). */
  #adultPatronymic(pool: string, birthDate: string, sex: Sex, k: number, index: number): string {
    return patronymic(firstName(pool, yearOf(birthDate) - 28, 'M', this.#key, k, index, T.name, 2), sex);
  }

  // ---------- pupils ----------

  pupilClass(pupil: number): number {
    return floorIndex(this.layout.classPupilFirst, pupil);
  }

  pupilSchool(pupil: number): School {
    return this.layout.schools[this.layout.classSchool[this.pupilClass(pupil)] ?? 0] as School;
  }

  /**
   * Born so that the pupil started grade 1 on 1 September at 6 years 6 months at the earliest
   * (273-ФЗ art. 67 п. 1): most within the following year, some later (up to 8), a few repeating a year.
   */
  pupilBirthDate(pupil: number): string {
    const grade = this.layout.classGrade[this.pupilClass(pupil)] ?? 1;
    const repeated = grade > 1 && this.#u(0, pupil, T.age) < REPEATED_A_YEAR ? 1 : 0;
    const firstSeptember = this.context.year.startYear - (grade - 1) - repeated;
    const youngest = dayOf(`${firstSeptember - 6}-03-01`);
    const late = this.#u(0, pupil, T.age, 1) < LATE_START;
    const days = Math.floor(this.#u(0, pupil, T.birth) * (late ? 182 : 365)) + (late ? 365 : 0);
    return isoOf(youngest - days);
  }

  pupilSex(pupil: number): Sex {
    return this.#u(0, pupil, T.sex) < 0.5 ? 'M' : 'F';
  }

  /** The target child-account share A of this region. */
  get childAccountTarget(): number {
    return this.context.childAccountCoverage ?? this.layout.region.childAccountTarget;
  }

  #countedBand(): CountedBand {
    // Who would be counted if in the band (countedAs): 10–13 with a confirmed parent, 14–17 with a parent's account.
    this.#band ??= planCountedBand(this.layout, this.childAccountTarget, hashInts(this.#key, 0xc0b), (pupil) => {
      const age = ageOn(this.pupilBirthDate(pupil), this.context.asOf);
      const parents = this.#parentLevels(pupil);
      if (age >= 10 && age < 14) return parents.some((p) => p.level === 'confirmed');
      return age >= 14 && age < 18 && parents.length > 0;
    });
    return this.#band;
  }

  #parentLevels(pupil: number): { slot: number; level: TrustLevel }[] {
    const parents = this.parentSlotsOf(this.families.familyOfPupil(pupil)).map((slot) => ({ slot, level: this.#adultLevelBySlot(slot) }));
    return parents.filter((p): p is { slot: number; level: TrustLevel } => p.level !== null);
  }

  /** The child account facts of a pupil, as ESIA would hold them (before run-time changes). */
  pupilAccount(pupil: number): EsiaAccount | null {
    const age = ageOn(this.pupilBirthDate(pupil), this.context.asOf);
    const parents = this.#parentLevels(pupil);
    const confirmedOids = parents.filter((p) => p.level === 'confirmed').map((p) => this.context.oidOf(p.slot));
    const oid = this.context.oidOf(this.#slot('pupil', pupil));
    const c = this.pupilClass(pupil);
    const band = this.#countedBand();
    const threshold =
      (band.threshold[this.layout.classSchool[c] ?? 0] ?? 0) * ((this.layout.classGrade[c] ?? 1) < FIRST_INDICATOR_GRADE ? YOUNG_ACCOUNT_FACTOR : 1);
    const inBand = band.valueOf(pupil) < threshold;
    if (age < 14) {
      // Created from a confirmed parent's cabinet: a child cannot register alone.
      if (!inBand || confirmedOids.length === 0) return null;
      return { oid, level: 'standard', createdByParent: true, linkedParentOids: confirmedOids };
    }
    const withAccount = parents.map((p) => this.context.oidOf(p.slot));
    if (!inBand) {
      // Outside the band some teenagers still hold an account that is not counted: simplified, or not linked to a parent.
      if (this.#u(0, pupil, T.account) >= UNCOUNTED_TEEN_ACCOUNT) return null;
      // An unlinked one registered with a passport; about half confirmed it (a bank, an МФЦ).
      const simplified = this.#u(0, pupil, T.level) < 0.5;
      const level: TrustLevel = simplified ? 'simplified' : this.#u(0, pupil, T.level, 1) < 0.5 ? 'confirmed' : 'standard';
      return { oid, level, createdByParent: false, linkedParentOids: simplified && age < 18 ? withAccount : [] };
    }
    const level: TrustLevel = this.#u(0, pupil, T.level, 1) < 0.55 ? 'confirmed' : 'standard';
    const createdByParent = confirmedOids.length > 0 && this.#u(0, pupil, T.teen) < TEEN_CREATED_BY_PARENT;
    const linked = age >= 18 ? [] : createdByParent ? confirmedOids : withAccount;
    return { oid, level, createdByParent, linkedParentOids: linked };
  }

  pupilLessonPermission(pupil: number): boolean {
    return this.#u(0, pupil, T.permission) < LESSON_PERMISSION;
  }

  pupil(pupil: number): Person {
    const c = this.pupilClass(pupil);
    const school = this.pupilSchool(pupil);
    const grade = this.layout.classGrade[c] ?? 1;
    const sex = this.pupilSex(pupil);
    const family = this.families.familyOfPupil(pupil);
    const birthDate = this.pupilBirthDate(pupil);
    const age = ageOn(birthDate, this.context.asOf);
    const slot = this.#slot('pupil', pupil);
    const account = this.pupilAccount(pupil);
    const pool = this.#familyPool(family);
    const lastName = surname(pool, this.#familySurname(family), sex);
    const first = firstName(pool, yearOf(birthDate), sex, this.#key, 0, pupil, T.name);
    const documents: (BirthCertificate | Passport)[] = [this.#birthCertificate(pupil, birthDate, school)];
    if (age >= 14) documents.push(this.#passport(0, pupil, birthDate));
    return {
      id: `${this.code}-pupil-${pupil}`,
      slot,
      kind: 'pupil',
      regionCode: this.code,
      homeRegionCode: this.code,
      lastName,
      firstName: first,
      middleName: patronymic(this.#familyFatherName(family), sex),
      sex,
      birthDate,
      birthPlace: `${school.municipality.urban ? `г. ${school.municipality.town}` : school.municipality.name}, ${officialRegionName(this.layout.region.name)}`,
      snils: this.context.snilsOf(slot),
      inn: this.#u(0, pupil, T.inn) < 0.35 ? this.#inn(slot) : null,
      citizenship: 'RUS',
      registryCitizenship: this.#u(0, pupil, T.citizenship) < CITIZENSHIP_MISSING ? null : 'RUS',
      documents,
      contacts: account ? this.#contacts(0, pupil, lastName, first, age >= 14) : { email: null, mobile: null },
      address: this.#familyAddress(family, school),
      account,
      lessonPermission: this.pupilLessonPermission(pupil),
      memberships: [{ role: 'pupil', schoolId: school.id, classId: `${this.code}-class-${c}`, className: className(this.layout, c), grade }],
    };
  }

  // ---------- parents ----------

  #parentBirthDate(kind: 1 | 2, family: number): string {
    const children = this.families.childrenOf(family);
    const eldest = children.map((p) => this.pupilBirthDate(p)).sort()[0] ?? `${this.context.year.startYear - 10}-01-01`;
    const gap = 21 + Math.floor(this.#u(kind, family, T.birth) * 16) + (kind === 2 ? 2 : 0);
    return isoOf(dayOf(eldest) - gap * 365 - Math.floor(this.#u(kind, family, T.birth, 1) * 300));
  }

  #adultLevelBySlot(slot: number): TrustLevel | null {
    const block = Math.floor((slot % 2 ** 23) / 2 ** 21); // 1 mothers, 2 fathers, 3 staff
    const roll = unit(this.#key, 0xacc, slot);
    if (block === 3) return roll < 0.99 ? 'confirmed' : 'standard';
    return roll < 0.93 ? 'confirmed' : roll < 0.97 ? 'standard' : roll < 0.99 ? 'simplified' : null;
  }

  /** The trust level of an adult's ESIA account by slot; null: no account. */
  adultLevel(slot: number): TrustLevel | null {
    return this.#adultLevelBySlot(slot);
  }

  #adultAccount(slot: number): EsiaAccount | null {
    const level = this.#adultLevelBySlot(slot);
    return level === null ? null : { oid: this.context.oidOf(slot), level, createdByParent: false, linkedParentOids: [] };
  }

  parent(kind: 'mother' | 'father', family: number): Person | undefined {
    if (kind === 'mother' ? !this.motherExists(family) : !this.fatherExists(family)) return undefined;
    const k = kind === 'mother' ? 1 : 2;
    const sex: Sex = kind === 'mother' ? 'F' : 'M';
    const slot = this.#slot(kind, family);
    const children = this.families.childrenOf(family);
    const school = this.pupilSchool(children[0] ?? 0);
    const pool = this.#familyPool(family);
    const lastName =
      kind === 'mother' && this.#u(k, family, T.ownSurname) < MOTHER_OWN_SURNAME
        ? surname(pool, surnameIndex(pool, this.#key, k, family, T.ownSurname), 'F')
        : surname(pool, this.#familySurname(family), sex);
    const birthDate = this.#parentBirthDate(k, family);
    const first = kind === 'father' ? this.#familyFatherName(family) : firstName(pool, yearOf(birthDate), 'F', this.#key, 1, family, T.name);
    const elsewhere = this.#u(k, family, T.elsewhere) < PARENT_ELSEWHERE;
    const others = this.context.allRegionCodes.filter((c) => c !== this.code);
    const homeRegionCode = elsewhere && others.length > 0 ? (others[Math.floor(this.#u(k, family, T.elsewhere, 1) * others.length)] as string) : this.code;
    return {
      id: `${this.code}-${kind}-${family}`,
      slot,
      kind,
      regionCode: this.code,
      homeRegionCode,
      lastName,
      firstName: first,
      middleName: this.#adultPatronymic(pool, birthDate, sex, k, family),
      sex,
      birthDate,
      birthPlace: officialRegionName(this.layout.region.name),
      snils: this.context.snilsOf(slot),
      inn: this.#inn(slot),
      citizenship: 'RUS',
      registryCitizenship: 'RUS',
      documents: [this.#passport(k, family, birthDate)],
      contacts: this.#contacts(k, family, lastName, first, true),
      address: homeRegionCode === this.code ? this.#familyAddress(family, school) : this.#addressElsewhere(homeRegionCode, k, family),
      account: this.#adultAccount(slot),
      lessonPermission: false,
      memberships: [{ role: 'parent', childIds: children.map((p) => `${this.code}-pupil-${p}`) }],
    };
  }

  // ---------- staff ----------

  teacherSchool(teacher: number): School {
    return this.layout.schools[floorIndex(this.layout.schoolTeacherFirst, teacher)] as School;
  }

  #teacherPool(teacher: number): string {
    return namePoolOf(this.code, this.#u(3, teacher, T.pool));
  }

  /** Born so as to be `#teacherAge` on 1 September of the school year (the pyramid in teacher-ages.ts). */
  #teacherBirthDate(teacher: number): string {
    return isoOf(dayOf(`${this.context.year.startYear}-09-01`) - Math.floor(this.#teacherAge(teacher) * 365.25));
  }

  #teacherSex(teacher: number): Sex {
    return this.#u(3, teacher, T.sex) < 0.82 ? 'F' : 'M';
  }

  teacherLibraryRights(teacher: number): boolean {
    return this.teacherSchool(teacher).cokAccess && this.#u(3, teacher, T.rights) < 0.85;
  }

  teacher(teacher: number): Person | undefined {
    if (teacher < 0 || teacher >= this.layout.teacherCount) return undefined;
    const school = this.teacherSchool(teacher);
    const local = teacher - school.teacherFirst;
    const plan = school.staffing.teachers[local];
    if (!plan) return undefined;
    const sex = this.#teacherSex(teacher);
    const slot = this.#slot('teacher', teacher);
    const pool = this.#teacherPool(teacher);
    const lastName = surname(pool, surnameIndex(pool, this.#key, 3, teacher, T.name), sex);
    const birthDate = this.#teacherBirthDate(teacher);
    const first = firstName(pool, yearOf(birthDate), sex, this.#key, 3, teacher, T.name, 1);
    const classTeacherOf: string[] = [];
    school.staffing.classTeacher.forEach((t, c) => {
      if (t === local) classTeacherOf.push(`${this.code}-class-${school.classFirst + c}`);
    });
    const memberships: Membership[] = [
      {
        role: 'teacher',
        schoolId: school.id,
        subjects: plan.subjectIds.map((id) => SUBJECTS[id]?.name ?? ''),
        weeklyHours: plan.weeklyHours,
        libraryRights: this.teacherLibraryRights(teacher),
        classTeacherOf,
      },
    ];
    const family = this.familyOfTeacher(teacher);
    if (family !== null) memberships.push({ role: 'parent', childIds: this.families.childrenOf(family).map((p) => `${this.code}-pupil-${p}`) });
    return {
      id: `${this.code}-teacher-${teacher}`,
      slot,
      kind: 'teacher',
      regionCode: this.code,
      homeRegionCode: this.code,
      lastName,
      firstName: first,
      middleName: this.#adultPatronymic(pool, birthDate, sex, 3, teacher),
      sex,
      birthDate,
      birthPlace: officialRegionName(this.layout.region.name),
      snils: this.context.snilsOf(slot),
      inn: this.#inn(slot),
      citizenship: 'RUS',
      registryCitizenship: 'RUS',
      documents: [this.#passport(3, teacher, birthDate)],
      contacts: this.#contacts(3, teacher, lastName, first, true),
      address: `${officialRegionName(this.layout.region.name)}, ${school.municipality.urban ? `г. ${school.municipality.town}` : school.municipality.name}`,
      account: this.#adultAccount(slot),
      lessonPermission: false,
      memberships,
    };
  }

  adminSchool(admin: number): School {
    return this.layout.schools[floorIndex(this.layout.schoolAdminFirst, admin)] as School;
  }

  administrator(admin: number): Person | undefined {
    if (admin < 0 || admin >= this.layout.adminCount) return undefined;
    const school = this.adminSchool(admin);
    const post = school.staffing.administrators[admin - school.adminFirst] ?? 'Директор';
    return this.#adult('administrator', 4, admin, [{ role: 'administrator', schoolId: school.id, post }], school.address);
  }

  citizen(index: number): Person | undefined {
    if (index < 0 || index >= this.citizenCount) return undefined;
    const person = this.#adult('citizen', 5, index, [], officialRegionName(this.layout.region.name));
    const roll = this.#u(5, index, T.level);
    const level: TrustLevel = roll < 0.55 ? 'confirmed' : roll < 0.8 ? 'standard' : 'simplified';
    return { ...person, account: { oid: this.context.oidOf(person.slot), level, createdByParent: false, linkedParentOids: [] } };
  }

  #adult(kind: 'administrator' | 'citizen', k: number, index: number, memberships: Membership[], address: string): Person {
    const sex: Sex = this.#u(k, index, T.sex) < 0.7 ? 'F' : 'M';
    const slot = this.#slot(kind, index);
    const pool = namePoolOf(this.code, this.#u(k, index, T.pool));
    const lastName = surname(pool, surnameIndex(pool, this.#key, k, index, T.name), sex);
    const birthDate = isoOf(dayOf(`${this.context.year.startYear - 25}-01-01`) - Math.floor(this.#u(k, index, T.birth) * 40 * 365));
    const first = firstName(pool, yearOf(birthDate), sex, this.#key, k, index, T.name, 1);
    return {
      id: `${this.code}-${kind}-${index}`,
      slot,
      kind,
      regionCode: this.code,
      homeRegionCode: this.code,
      lastName,
      firstName: first,
      middleName: this.#adultPatronymic(pool, birthDate, sex, k, index),
      sex,
      birthDate,
      birthPlace: officialRegionName(this.layout.region.name),
      snils: this.context.snilsOf(slot),
      inn: this.#inn(slot),
      citizenship: 'RUS',
      registryCitizenship: 'RUS',
      documents: [this.#passport(k, index, birthDate)],
      contacts: this.#contacts(k, index, lastName, first, true),
      address,
      account: kind === 'citizen' ? null : this.#adultAccount(slot),
      lessonPermission: false,
      memberships,
    };
  }

  // ---------- documents and contacts ----------

  #inn(slot: number): string {
    const body = `${this.code}${String(hashInts(this.#key, T.inn, slot) % 100_000_000).padStart(8, '0')}`;
    return personalInn(body);
  }

  #birthCertificate(pupil: number, birthDate: string, school: School): BirthCertificate {
    const h = hashInts(this.#key, T.doc, pupil);
    return {
      type: 'RF_BRTH_CERT',
      series: `${ROMAN[h % ROMAN.length]}-${CYRILLIC_UPPER[(h >>> 8) % CYRILLIC_UPPER.length]}${CYRILLIC_UPPER[(h >>> 16) % CYRILLIC_UPPER.length]}`,
      number: String(hashInts(h, 1) % 1_000_000).padStart(6, '0'),
      issueDate: isoOf(dayOf(birthDate) + 5 + (h % 25)),
      issuedBy: registryOffice(this.layout.region, school.municipality),
    };
  }

  #passport(k: number, index: number, birthDate: string): Passport {
    const h = hashInts(this.#key, T.doc, k, index);
    const age = ageOn(birthDate, this.context.asOf);
    const years = age >= 45 ? 45 : age >= 20 ? 20 : 14;
    const issueDate = isoOf(dayOf(birthDate) + years * 365 + 10 + (h % 60));
    return {
      type: 'RF_PASSPORT',
      series: passportSeries(this.layout.region, issueDate),
      number: String(hashInts(h, 1) % 1_000_000).padStart(6, '0'),
      issueDate,
      issueId: `${this.code}0${String(hashInts(h, 2) % 100).padStart(2, '0')}`.padEnd(6, '1'),
      issuedBy: passportOffice(this.layout.region),
    };
  }

  #contacts(k: number, index: number, lastName: string, first: string, adult: boolean): { email: string; mobile: string | null } {
    const h = hashInts(this.#key, T.mobile, k, index);
    const domain = ['mail.ru', 'yandex.ru', 'gmail.com', 'bk.ru', 'inbox.ru'][h % 5] ?? 'mail.ru';
    const mobile = `+7(9${String(10 + (h % 90))})${String(hashInts(h, 1) % 10_000_000).padStart(7, '0')}`;
    return { email: `${translit(first)}.${translit(lastName)}${h % 1000}@${domain}`, mobile: adult ? mobile : null };
  }

  /** The home of a parent who lives in another region: a flat in that region's capital. */
  #addressElsewhere(regionCode: string, k: number, family: number): string {
    const h = hashInts(this.#key, 0xe15, k, family);
    const geography = geographyOf(regionCode);
    const regionName = officialRegionName(REGIONS.find((r) => r.code === regionCode)?.name ?? regionCode);
    const town = FEDERAL_CITIES.has(regionCode) ? '' : `г. ${geography.capital}, `;
    const street = STREETS[(h >>> 4) % STREETS.length] ?? STREETS[0];
    return `${postcode(geography, true, (h % 1000) / 1000, h >>> 10)}, ${regionName}, ${town}${street}, д. ${1 + ((h >>> 8) % 90)}, кв. ${1 + ((h >>> 16) % 180)}`;
  }

  #familyAddress(family: number, school: School): string {
    const h = hashInts(this.#key, 0xadd, family);
    const place = school.address.slice(0, school.address.lastIndexOf(', ', school.address.lastIndexOf(', ') - 1));
    return `${place}, ${STREETS[h % STREETS.length] ?? STREETS[0]}, д. ${1 + ((h >>> 8) % 90)}, кв. ${1 + ((h >>> 16) % 180)}`;
  }
}
