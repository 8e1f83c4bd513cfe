/**
 * Name pools: the Russian pool everywhere, and the pools of the republics' peoples mixed in by region
 * (seeds/data/first-names.tsv, surnames.tsv, name-pools.tsv; docs/world-realism.md «Names»).
 */
import { z } from 'zod';
import { readTsv } from '../data/tables.ts';

export type Sex = 'M' | 'F';
/** Birth cohorts with their own name fashions: born 2005 on, 1966–2004, before 1966. */
export type Cohort = 'child' | 'adult' | 'elder';

export const RUSSIAN_POOL = 'russian';

const names = z
  .string()
  .transform((cell) => cell.split(','))
  .pipe(z.array(z.string().regex(/^[А-ЯЁ][а-яё]+(?:-[А-ЯЁа-яё][а-яё]+)?$/, 'expected Cyrillic names, comma-separated')).min(20));

const FirstNameRow = z.object({
  pool: z.string().regex(/^[a-z]+$/),
  cohort: z.enum(['child', 'adult', 'elder']),
  sex: z.enum(['M', 'F']),
  names,
});

const SurnameRow = z.object({
  pool: z.string().regex(/^[a-z]+$/),
  /** "yes" when the surname takes a feminine form (Гарипов/Гарипова), "no" for clan names (Монгуш). */
  gendered: z.enum(['yes', 'no']),
  names,
});

const MixRow = z.object({
  code: z.string().regex(/^\d{2}$/),
  pools: z
    .string()
    .transform((cell) => cell.split(',').map((part) => part.trim().split(' ')))
    .pipe(z.array(z.tuple([z.string().regex(/^[a-z]+$/, 'expected a pool name'), z.string().regex(/^[1-9]\d?$/, 'expected a share in per cent, 1–99')]))),
});

function parseTable<T>(file: string, schema: z.ZodType<T>): T[] {
  return readTsv(file).map((row, i) => {
    const parsed = schema.safeParse(row);
    if (parsed.success) return parsed.data;
    const issue = parsed.error.issues[0];
    throw new Error(`[edusim] seeds/data/${file} row ${i + 2}: "${issue?.path.join('.')}" ${issue?.message}`);
  });
}

const FIRST_NAMES = new Map(parseTable('first-names.tsv', FirstNameRow).map((row) => [`${row.pool}/${row.cohort}/${row.sex}`, Object.freeze(row.names)]));

export interface SurnamePool {
  readonly male: readonly string[];
  readonly gendered: boolean;
}

const SURNAMES: ReadonlyMap<string, SurnamePool> = new Map(
  parseTable('surnames.tsv', SurnameRow).map((row) => [row.pool, Object.freeze({ male: Object.freeze(row.names), gendered: row.gendered === 'yes' })]),
);

/** Per region: cumulative shares of its local pools (the Russian pool takes the rest). */
const MIXES: ReadonlyMap<string, readonly (readonly [string, number])[]> = new Map(
  parseTable('name-pools.tsv', MixRow).map((row) => {
    let running = 0;
    return [row.code, row.pools.map(([pool, percent]) => [pool, (running += Number(percent) / 100)] as const)];
  }),
);

for (const [code, mix] of MIXES) {
  for (const [pool] of mix) {
    if (!FIRST_NAMES.has(`${pool}/child/M`) || !SURNAMES.has(pool))
      throw new Error(`[edusim] seeds/data/name-pools.tsv: region ${code} names pool "${pool}", which has no names`);
  }
}

/** The pool a family (or a person) of a region takes its names from, for a uniform u in [0, 1). */
export function namePoolOf(regionCode: string, u: number): string {
  for (const [pool, upTo] of MIXES.get(regionCode) ?? []) if (u < upTo) return pool;
  return RUSSIAN_POOL;
}

/** The local pools of a region (the Russian pool, which takes the rest, not listed). */
export function regionPools(regionCode: string): readonly string[] {
  return (MIXES.get(regionCode) ?? []).map(([pool]) => pool);
}

export function cohortOf(birthYear: number): Cohort {
  return birthYear >= 2005 ? 'child' : birthYear >= 1966 ? 'adult' : 'elder';
}

/** First names of a pool, cohort and sex, most frequent first; an elder cohort a pool lacks falls back to its adults. */
export function firstNameList(pool: string, cohort: Cohort, sex: Sex): readonly string[] {
  const list = FIRST_NAMES.get(`${pool}/${cohort}/${sex}`) ?? FIRST_NAMES.get(`${pool}/adult/${sex}`) ?? FIRST_NAMES.get(`${RUSSIAN_POOL}/${cohort}/${sex}`);
  if (!list) throw new Error(`[edusim] seeds/data/first-names.tsv has no ${cohort} ${sex} names for pool "${pool}"`);
  return list;
}

/** A regional pool's surnames; undefined for the Russian pool, which takes faker's. */
export function regionalSurnames(pool: string): SurnamePool | undefined {
  return SURNAMES.get(pool);
}
