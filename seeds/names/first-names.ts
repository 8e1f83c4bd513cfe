/**
 * First names by pool and birth cohort, most frequent first, picked with Zipf-like weights
 * (docs/world-realism.md «Names»).
 */
import { unit } from '../random/hash.ts';
import { cohortOf, firstNameList, type Sex } from './pools.ts';
import { zipfRank } from './zipf.ts';

export type { Sex } from './pools.ts';

export function firstName(pool: string, birthYear: number, sex: Sex, key: number, ...parts: number[]): string {
  const list = firstNameList(pool, cohortOf(birthYear), sex);
  return list[zipfRank(list.length, unit(key, ...parts))] ?? list[0] ?? '';
}
