/**
 * Surnames: faker's `ru` locale holds 250 paired male/female surnames (Абрамов/Абрамова),
 * which keeps a family's surname consistent across sexes; picked with Zipf-like weights.
 */
// The Russian locale alone: importing the package root would load every locale (~5× the start-up cost).
import { faker } from '@faker-js/faker/locale/ru';
import { hashString, unit } from '../random/hash.ts';
import type { Sex } from './first-names.ts';

const ru = faker.rawDefinitions;
const MALE = ru.person?.last_name && !Array.isArray(ru.person.last_name) ? (ru.person.last_name.male ?? []) : [];
const FEMALE = ru.person?.last_name && !Array.isArray(ru.person.last_name) ? (ru.person.last_name.female ?? []) : [];
if (MALE.length === 0 || MALE.length !== FEMALE.length) {
  throw new Error('[edusim] @faker-js/faker ru locale no longer has paired surnames: pin faker 10.6');
}

const CUMULATIVE = (() => {
  const weights = MALE.map((_, i) => 1 / (i + 8) ** 0.8);
  const total = weights.reduce((a, b) => a + b, 0);
  let running = 0;
  return Float64Array.from(weights, (w) => (running += w / total));
})();

/** Frequency rank → list position: the faker list is alphabetical, ranks must not be. */
const BY_RANK = MALE.map((name, i) => ({ i, h: hashString(name) }))
  .sort((a, b) => a.h - b.h)
  .map((entry) => entry.i);

/** The index of a surname pair; the same index gives the same family name for both sexes. */
export function surnameIndex(key: number, ...parts: number[]): number {
  const u = unit(key, ...parts);
  let lo = 0;
  let hi = CUMULATIVE.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (u < (CUMULATIVE[mid] ?? 1)) hi = mid;
    else lo = mid + 1;
  }
  return BY_RANK[lo] ?? 0;
}

export function surname(index: number, sex: Sex): string {
  return (sex === 'M' ? MALE[index] : FEMALE[index]) ?? '';
}

export const SURNAME_COUNT = MALE.length;
