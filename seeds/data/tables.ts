/** The reference tables shipped with edusim (described in docs/world-realism.md). */
import { readFileSync } from 'node:fs';

export function readTsv(name: string): Record<string, string>[] {
  const text = readFileSync(new URL(`./${name}`, import.meta.url), 'utf8');
  const [header, ...rows] = text.split('\n').filter((line) => line.trim() !== '');
  const columns = (header ?? '').split('\t');
  return rows.map((row) => {
    const cells = row.split('\t');
    return Object.fromEntries(columns.map((column, i) => [column, (cells[i] ?? '').trim()]));
  });
}

/** The middle of the 55–75 % spread, for a region the targets table does not list. */
const DEFAULT_CHILD_ACCOUNT_TARGET = 0.65;

export interface RegionRow {
  readonly code: string;
  /** The region's ОКАТО code: 2 digits, 5 for the autonomous okrugs nested in a region. */
  readonly okato: string;
  readonly oktmo: string;
  readonly name: string;
  readonly federalDistrict: string;
  readonly pupilsThousands: number;
  readonly diaryPlatform: string;
  /** Target child-account share A (0–1) from `child-account-targets.tsv`: published where known, else an estimate. */
  readonly childAccountTarget: number;
  /** The UTC offset of the region's capital in winter and summer alike (`time-zones.tsv`), e.g. `+10:00`. */
  readonly utcOffset: string;
}

const platforms = new Map(readTsv('diary-platforms.tsv').map((row) => [row['code'] ?? '', row['platform_sep2026'] ?? '']));
const offsets = new Map(readTsv('time-zones.tsv').map((row) => [row['code'] ?? '', row['utc_offset'] ?? '']));
const accountTargets = new Map(readTsv('child-account-targets.tsv').map((row) => [row['code'] ?? '', Number(row['target_share']) / 100]));

export const REGIONS: readonly RegionRow[] = Object.freeze(
  readTsv('regions.tsv').map((row) =>
    Object.freeze({
      code: row['code'] ?? '',
      okato: row['okato'] ?? '',
      oktmo: row['oktmo'] ?? '',
      name: row['name'] ?? '',
      federalDistrict: row['fd'] ?? '',
      pupilsThousands: Number(row['pupils_k']),
      diaryPlatform: platforms.get(row['code'] ?? '') ?? 'неизвестно',
      childAccountTarget: accountTargets.get(row['code'] ?? '') ?? DEFAULT_CHILD_ACCOUNT_TARGET,
      utcOffset: offsets.get(row['code'] ?? '') ?? '+03:00',
    }),
  ),
);

export interface SubjectHoursRow {
  readonly level: 'НОО' | 'ООО' | 'СОО';
  readonly subject: string;
  /** Weekly hours for grades 1..11 (index 0 is grade 1). */
  readonly hours: readonly number[];
}

export const SUBJECT_HOURS: readonly SubjectHoursRow[] = Object.freeze(
  readTsv('subjects-hours.tsv').map((row) =>
    Object.freeze({
      level: row['level'] as SubjectHoursRow['level'],
      subject: row['subject'] ?? '',
      hours: Array.from({ length: 11 }, (_, g) => Number(row[`g${g + 1}`] || 0)),
    }),
  ),
);
