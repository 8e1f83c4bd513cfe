/**
 * What a place makes of a school's and a person's papers: postcodes and telephone numbers from the
 * region's own ranges, the registry office (ЗАГС) of a municipality, the passport office and the
 * passport series of a region (docs/world-realism.md «Geography»).
 */
import type { RegionGeography } from '../data/geography.ts';
import type { RegionRow } from '../data/tables.ts';
import { officialRegionName, titleCase, townGenitive } from '../names/place-cases.ts';

/** Regions that are cities: every school is in the capital, municipalities are its inner territories. */
export const FEDERAL_CITIES: ReadonlySet<string> = new Set(['77', '78', '92']);

function pickOf<T>(items: readonly T[], roll: number): T {
  const item = items[Math.floor(roll * items.length) % items.length];
  if (item === undefined) throw new RangeError('pickOf() from an empty list');
  return item;
}

/**
 * A postcode: the capital's prefixes for the capital, any of the region's prefixes elsewhere. Outside
 * the capital the fourth digit is never 0, which keeps the capital's own block (e.g. 3920xx) apart.
 * `roll` in [0, 1) picks the prefix; `tail` (0–999) gives the remaining digits.
 */
export function postcode(geography: RegionGeography, inCapital: boolean, roll: number, tail: number): string {
  const prefix = pickOf(inCapital ? geography.capitalPostcodes : geography.postcodes, roll);
  const free = 6 - prefix.length;
  if (inCapital) return `${prefix}${String(tail % 10 ** free).padStart(free, '0')}`;
  return `${prefix}${100 + (tail % 900)}`;
}

/**
 * A landline: +7, the region's telephone zone code (the capital's for the capital), 7 subscriber digits.
 * `codeRoll` picks a zone code outside the capital.
 */
export function landline(geography: RegionGeography, inCapital: boolean, codeRoll: number, subscriber: readonly [number, number, number]): string {
  const zone = inCapital ? (geography.phoneCodes[0] ?? '') : pickOf(geography.phoneCodes, codeRoll);
  const [first, second, third] = subscriber;
  return `+7 (${zone}) ${first}-${String(second).padStart(2, '0')}-${String(third).padStart(2, '0')}`;
}

/** The registry office that issues a birth certificate in a municipality. */
export function registryOffice(region: RegionRow, municipality: { readonly urban: boolean; readonly town: string; readonly name: string }): string {
  switch (region.code) {
    case '77':
      return 'Управление ЗАГС Москвы';
    case '78':
      return 'Комитет по делам ЗАГС Правительства Санкт-Петербурга';
    case '92':
      return 'Управление ЗАГС города Севастополя';
  }
  if (municipality.urban) return `Отдел ЗАГС администрации города ${townGenitive(municipality.town)}`;
  return `Отдел ЗАГС администрации ${titleCase(municipality.name, 'genitive')}`;
}

/** The regional police office that issues passports: «МВД по Республике Тыва», «УМВД России по Тамбовской области». */
export function passportOffice(region: RegionRow): string {
  const name = officialRegionName(region.name);
  const body = /Республика/.test(name) ? 'МВД по' : 'УМВД России по';
  return `${body} ${titleCase(name, 'dative')}`;
}

/** Passport series: the region's ОКАТО code (2 digits) and the last two digits of the blank's year. */
export function passportSeries(region: RegionRow, issueYear: string): string {
  return `${region.okato.slice(0, 2)}${issueYear.slice(2, 4)}`;
}
