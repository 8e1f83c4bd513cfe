/**
 * Which pupils hold a child account the federal indicator counts, so that a region's share
 * A = (K10–14 + K14–18) / K_pupils over grades 5–11 lands on its target
 * (docs/world-realism.md «Child accounts»).
 *
 * Each school gets its own target around the region's (municipal and school spread, weighted so
 * the region's mean is exactly the target). A pupil is in the school's "counted band" when a
 * low-discrepancy value of their index falls below the school's target divided by the share of
 * pupils who can be counted at all (an under-14 needs a confirmed parent, a teenager a parent with
 * an account, nobody 18+ counts). That share is measured once per region on an even sample, so the
 * region lands within a fraction of a point at any size, and every pupil stays O(1).
 */
import { unit } from '../random/hash.ts';
import type { EsiaAccount } from './types.ts';
import type { RegionLayout } from './region-layout.ts';

export type ChildAccountCount = 'k10to14' | 'k14to18' | null;

/** Which count of the indicator a pupil of grades 5–11 is in, by age on the date, the account and its parent links. */
export function countedAs(account: EsiaAccount | null, links: readonly number[], age: number): ChildAccountCount {
  if (account === null || links.length === 0) return null;
  if (age >= 10 && age < 14) return account.createdByParent ? 'k10to14' : null;
  if (age >= 14 && age < 18) return account.level !== 'simplified' ? 'k14to18' : null;
  return null;
}

/** How far a school's target strays from the region's, as a share of the room to 0 or 1. */
const SCHOOL_SPREAD = 0.3;
const ELIGIBILITY_SAMPLE = 12_000;
const GOLDEN = 0.6180339887498949;
export const FIRST_INDICATOR_GRADE = 5;

export interface CountedBand {
  /** Below this, a pupil of grades 5–11 is in the counted band (targets over the countable share). */
  readonly threshold: Float64Array;
  /** The pupil's low-discrepancy value in [0, 1). */
  valueOf(pupil: number): number;
}

/**
 * Plans the band of a region. `countable(pupil)` says whether a pupil of grades 5–11 would be
 * counted if in the band (parents, age); it is sampled, never called for every pupil.
 */
export function planCountedBand(layout: RegionLayout, target: number, key: number, countable: (pupil: number) => boolean): CountedBand {
  const schools = layout.schools.length;
  const indicatorPupils = new Float64Array(schools);
  for (let c = 0; c < layout.classGrade.length; c++) {
    if ((layout.classGrade[c] ?? 0) < FIRST_INDICATOR_GRADE) continue;
    const s = layout.classSchool[c] ?? 0;
    indicatorPupils[s] = (indicatorPupils[s] ?? 0) + (layout.classSize[c] ?? 0);
  }
  const spread = Array.from(
    layout.schools,
    (school) => 0.5 * (2 * unit(key, 0x3a, school.municipality.index) - 1) + 0.5 * (2 * unit(key, 0x5c, school.index) - 1),
  );
  const total = indicatorPupils.reduce((sum, n) => sum + n, 0);
  const mean = total === 0 ? 0 : spread.reduce((sum, d, s) => sum + d * (indicatorPupils[s] ?? 0), 0) / total;
  const widest = Math.max(1e-9, ...spread.map((d) => Math.abs(d - mean)));
  const room = SCHOOL_SPREAD * Math.min(target, 1 - target);
  const share = countableShare(layout, countable);
  const offset = unit(key, 0x0ff);
  return {
    threshold: Float64Array.from(spread, (d) => Math.min(1, (target + (room * (d - mean)) / widest) / share)),
    valueOf: (pupil) => (offset + pupil * GOLDEN) % 1,
  };
}

/** The share of pupils of grades 5–11 who can be counted, on an even sample of at most ELIGIBILITY_SAMPLE. */
function countableShare(layout: RegionLayout, countable: (pupil: number) => boolean): number {
  let indicatorPupils = 0;
  for (let c = 0; c < layout.classGrade.length; c++) if ((layout.classGrade[c] ?? 0) >= FIRST_INDICATOR_GRADE) indicatorPupils += layout.classSize[c] ?? 0;
  const step = Math.max(1, indicatorPupils / ELIGIBILITY_SAMPLE);
  let sampled = 0;
  let yes = 0;
  let next = 0;
  let seen = 0;
  for (let c = 0; c < layout.classGrade.length; c++) {
    if ((layout.classGrade[c] ?? 0) < FIRST_INDICATOR_GRADE) continue;
    const first = layout.classPupilFirst[c] ?? 0;
    const size = layout.classSize[c] ?? 0;
    while (next < seen + size) {
      sampled++;
      if (countable(first + Math.floor(next) - seen)) yes++;
      next += step;
    }
    seen += size;
  }
  return sampled === 0 || yes === 0 ? 1 : yes / sampled;
}
