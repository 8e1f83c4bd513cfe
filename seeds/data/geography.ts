/**
 * Each region's real places and numbering: capital, towns, postcode prefixes (Почта России),
 * telephone zone codes (Россвязь ABC plan). Sources and estimates: docs/world-realism.md «Geography».
 */
import { z } from 'zod';
import { readTsv } from './tables.ts';

const list = (pattern: RegExp, what: string) =>
  z
    .string()
    .transform((cell) => (cell === '' ? [] : cell.split(',').map((item) => item.trim())))
    .pipe(z.array(z.string().regex(pattern, `expected ${what}`)));

const GeographyRow = z.object({
  code: z.string().regex(/^\d{2}$/, 'expected a two-digit region code'),
  capital: z.string().min(2, 'expected the name of the regional capital'),
  /** Real towns of the region besides the capital, the largest first. */
  towns: list(/^[А-ЯЁ][А-ЯЁа-яё -]+$/, 'town names in Cyrillic, comma-separated'),
  /** Prefixes (3 or 4 digits) of the capital's postcodes. */
  capital_postcodes: list(/^\d{3,4}$/, 'postcode prefixes of 3 or 4 digits, comma-separated').pipe(z.array(z.string()).min(1)),
  /** 3-digit postcode prefixes of the whole region (the first 3 digits of every postcode there). */
  postcodes: list(/^\d{3}$/, 'postcode prefixes of 3 digits, comma-separated').pipe(z.array(z.string()).min(1)),
  /** 3-digit telephone zone codes, the capital's first. */
  phone_codes: list(/^\d{3}$/, 'telephone zone codes of 3 digits, comma-separated').pipe(z.array(z.string()).min(1)),
  /** Columns of this row that are estimates rather than taken from the classifier or plan. */
  estimated: list(/^(postcodes|phone_codes)$/, 'postcodes and/or phone_codes'),
});

export type RegionGeography = Readonly<{
  code: string;
  capital: string;
  towns: readonly string[];
  capitalPostcodes: readonly string[];
  postcodes: readonly string[];
  phoneCodes: readonly string[];
  estimated: readonly string[];
}>;

function parse(row: Record<string, string>, line: number): RegionGeography {
  const parsed = GeographyRow.safeParse(row);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`[edusim] seeds/data/geography.tsv row ${line}: "${issue?.path.join('.')}" ${issue?.message}`);
  }
  const { code, capital, towns, capital_postcodes, postcodes, phone_codes, estimated } = parsed.data;
  return Object.freeze({ code, capital, towns, capitalPostcodes: capital_postcodes, postcodes, phoneCodes: phone_codes, estimated });
}

export const GEOGRAPHY: ReadonlyMap<string, RegionGeography> = new Map(
  readTsv('geography.tsv').map((row, i) => {
    const geography = parse(row, i + 2);
    return [geography.code, geography];
  }),
);

export function geographyOf(regionCode: string): RegionGeography {
  const geography = GEOGRAPHY.get(regionCode);
  if (!geography) throw new Error(`[edusim] seeds/data/geography.tsv has no row for region "${regionCode}"`);
  return geography;
}
