/**
 * The federal child-account indicator as a pure function of its three counts (docs/indicators.md):
 * `A = (K10–14 + K14–18) / K_pupils × 100 %` over pupils of grades 5–11, and its grade. A region
 * can check its own figures with it; the sandbox's counts go through it too.
 */

export const GRADES = ['отлично', 'хорошо', 'удовлетворительно', 'неудовлетворительно'] as const;
export type IndicatorGrade = (typeof GRADES)[number];

/** Lower bounds of the grades, in percent (below the last: «неудовлетворительно»). */
export const GRADE_BOUNDS: readonly { readonly atLeast: number; readonly grade: IndicatorGrade }[] = [
  { atLeast: 95, grade: 'отлично' },
  { atLeast: 90, grade: 'хорошо' },
  { atLeast: 80, grade: 'удовлетворительно' },
];

export interface ChildAccountCounts {
  /** Child accounts (ages 10–13) created from a parent's cabinet with complete data. */
  readonly k10to14: number;
  /** Accounts of 14–17-year-olds linked to a parent, standard or confirmed. */
  readonly k14to18: number;
  /** Pupils of grades 5–11. */
  readonly pupils: number;
}

export interface ChildAccountShare {
  /** Percent, one decimal; null when there are no pupils. */
  readonly share: number | null;
  readonly grade: IndicatorGrade | null;
}

/** Counts that cannot be: not non-negative integers, or more accounts than pupils. */
export class IndicatorInputError extends Error {
  override readonly name = 'IndicatorInputError';
}

function checkCount(field: keyof ChildAccountCounts, value: unknown): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0)
    throw new IndicatorInputError(`${field}: expected a non-negative integer, got ${JSON.stringify(value) ?? String(value)}`);
  return value;
}

export function childAccountShare(counts: ChildAccountCounts): ChildAccountShare {
  const k10to14 = checkCount('k10to14', counts.k10to14);
  const k14to18 = checkCount('k14to18', counts.k14to18);
  const pupils = checkCount('pupils', counts.pupils);
  if (k10to14 + k14to18 > pupils)
    throw new IndicatorInputError(`k10to14 + k14to18 (${k10to14} + ${k14to18} = ${k10to14 + k14to18}) must not exceed pupils (${pupils})`);
  if (pupils === 0) return { share: null, grade: null };
  const counted = k10to14 + k14to18;
  // Integer comparison: 95 % is 95 % exactly, without floating-point doubt at the bounds.
  const grade = GRADE_BOUNDS.find((b) => counted * 100 >= b.atLeast * pupils)?.grade ?? 'неудовлетворительно';
  return { share: Math.round((counted * 1000) / pupils) / 10, grade };
}
