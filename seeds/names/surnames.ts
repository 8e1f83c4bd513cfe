/**
 * Surnames. The Russian pool takes faker's `ru` locale: 250 paired male/female surnames
 * (Абрамов/Абрамова). Regional pools come from seeds/data/surnames.tsv with the feminine form made
 * by the rule of their language, or none for Tyvan clan names (Монгуш for both sexes).
 * Picked with Zipf-like weights; a family shares one index.
 */
// The Russian locale alone: importing the package root would load every locale (~5× the start-up cost).
import { faker } from '@faker-js/faker/locale/ru';
import { hashString, unit } from '../random/hash.ts';
import { regionalSurnames, type Sex } from './pools.ts';
import { zipfRank } from './zipf.ts';

const ru = faker.rawDefinitions;
const MALE = ru.person?.last_name && !Array.isArray(ru.person.last_name) ? (ru.person.last_name.male ?? []) : [];
const FEMALE = ru.person?.last_name && !Array.isArray(ru.person.last_name) ? (ru.person.last_name.female ?? []) : [];
if (MALE.length === 0 || MALE.length !== FEMALE.length) {
  throw new Error('[edusim] @faker-js/faker ru locale no longer has paired surnames: pin faker 10.6');
}

const RUSSIAN_CUMULATIVE = (() => {
  const weights = MALE.map((_, i) => 1 / (i + 8) ** 0.8);
  const total = weights.reduce((a, b) => a + b, 0);
  let running = 0;
  return Float64Array.from(weights, (w) => (running += w / total));
})();

/** Frequency rank → list position: the faker list is alphabetical, ranks must not be. */
const BY_RANK = MALE.map((name, i) => ({ i, h: hashString(name) }))
  .sort((a, b) => a.h - b.h)
  .map((entry) => entry.i);

function russianIndex(u: number): number {
  let lo = 0;
  let hi = RUSSIAN_CUMULATIVE.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (u < (RUSSIAN_CUMULATIVE[mid] ?? 1)) hi = mid;
    else lo = mid + 1;
  }
  return BY_RANK[lo] ?? 0;
}

/** The index of a surname in a pool; the same index gives the same family name for both sexes. */
export function surnameIndex(pool: string, key: number, ...parts: number[]): number {
  const u = unit(key, ...parts);
  const regional = regionalSurnames(pool);
  return regional ? zipfRank(regional.male.length, u) : russianIndex(u);
}

/** Feminine surname: -ов/-ев/-ёв/-ин/-ын + а, -ский/-цкий → -ская/-цкая, -ой → -ая; others unchanged. */
export function feminineSurname(male: string): string {
  if (/(ов|ев|ёв|ин|ын)$/.test(male)) return `${male}а`;
  if (/[сц]кий$/.test(male)) return `${male.slice(0, -2)}ая`;
  if (/ой$/.test(male)) return `${male.slice(0, -2)}ая`;
  return male;
}

export function surname(pool: string, index: number, sex: Sex): string {
  const regional = regionalSurnames(pool);
  if (!regional) return (sex === 'M' ? MALE[index] : FEMALE[index]) ?? '';
  const male = regional.male[index] ?? '';
  return sex === 'M' || !regional.gendered ? male : feminineSurname(male);
}
