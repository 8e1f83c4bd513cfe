/**
 * The school year calendar, as day numbers (days since 1970-01-01, UTC) for speed.
 * 2026/27 follows the federal pattern (docs/world-realism.md «Calendar»): four quarters,
 * breaks of at least a week, an extra February week for grade 1, public holidays off.
 * Other years reuse the same month/day boundaries.
 */

export type Day = number;
const MS_PER_DAY = 86_400_000;

export function dayOf(isoDate: string): Day {
  return Math.floor(Date.parse(`${isoDate}T00:00:00Z`) / MS_PER_DAY);
}

export function isoOf(day: Day): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** 0 = Monday … 6 = Sunday. */
export function weekdayOf(day: Day): number {
  return (day + 3) % 7;
}

/** `dd.MM.yyyy`, as ESIA writes dates. */
export function ruDate(isoDate: string): string {
  return `${isoDate.slice(8, 10)}.${isoDate.slice(5, 7)}.${isoDate.slice(0, 4)}`;
}

export interface Quarter {
  readonly number: 1 | 2 | 3 | 4;
  readonly start: Day;
  readonly end: Day;
}

export interface SchoolYear {
  /** The calendar year the school year starts in (2026 for 2026/27). */
  readonly startYear: number;
  readonly label: string;
  readonly start: Day;
  readonly end: Day;
  readonly quarters: readonly Quarter[];
  isSchoolDay(day: Day, grade: number): boolean;
  quarterOf(day: Day): Quarter | undefined;
  /** How many school days with this weekday lie in [start, day) for the grade. */
  weekdaysBefore(day: Day, weekday: number, grade: number): number;
}

export function schoolYearStartingIn(startYear: number): SchoolYear {
  const y1 = startYear;
  const y2 = startYear + 1;
  const d = (year: number, monthDay: string): Day => dayOf(`${year}-${monthDay}`);
  const quarters: Quarter[] = [
    { number: 1, start: d(y1, '09-01'), end: d(y1, '10-24') },
    { number: 2, start: d(y1, '11-05'), end: d(y1, '12-29') },
    { number: 3, start: d(y2, '01-11'), end: d(y2, '03-26') },
    { number: 4, start: d(y2, '04-05'), end: d(y2, '05-26') },
  ];
  const holidays = new Set([d(y1, '11-04'), d(y2, '02-23'), d(y2, '03-08'), d(y2, '05-01'), d(y2, '05-09')]);
  const firstGradeBreak = { start: d(y2, '02-15'), end: d(y2, '02-21') };
  const start = quarters[0]?.start ?? 0;
  const end = quarters[3]?.end ?? 0;
  const length = end - start + 1;

  const open = (day: Day, grade: number): boolean => {
    if (day < start || day > end) return false;
    if (weekdayOf(day) > 4 || holidays.has(day)) return false;
    if (grade === 1 && day >= firstGradeBreak.start && day <= firstGradeBreak.end) return false;
    return quarters.some((q) => day >= q.start && day <= q.end);
  };

  // prefix[grade01][weekday][i] = school days with that weekday in [start, start + i)
  const prefix = [1, 2].map((g) =>
    Array.from({ length: 5 }, (_, weekday) => {
      const counts = new Int32Array(length + 1);
      for (let i = 0; i < length; i++) {
        const day = start + i;
        counts[i + 1] = (counts[i] ?? 0) + (weekdayOf(day) === weekday && open(day, g) ? 1 : 0);
      }
      return counts;
    }),
  );

  return {
    startYear,
    label: `${y1}/${String(y2).slice(2)}`,
    start,
    end,
    quarters,
    isSchoolDay: open,
    quarterOf: (day) => quarters.find((q) => day >= q.start && day <= q.end),
    weekdaysBefore(day, weekday, grade) {
      const i = Math.max(0, Math.min(length, day - start));
      return prefix[grade === 1 ? 0 : 1]?.[weekday]?.[i] ?? 0;
    },
  };
}

/** The school year a date falls in: from 1 September to 31 August. */
export function schoolYearOf(isoDate: string): SchoolYear {
  const year = Number(isoDate.slice(0, 4));
  const month = Number(isoDate.slice(5, 7));
  return schoolYearStartingIn(month >= 9 ? year : year - 1);
}

/** Lesson times, first shift, 45-minute lessons (docs/world-realism.md «Calendar»). Index 0 is lesson 1. */
export const BELLS: readonly (readonly [string, string])[] = [
  ['08:30', '09:15'],
  ['09:25', '10:10'],
  ['10:30', '11:15'],
  ['11:35', '12:20'],
  ['12:30', '13:15'],
  ['13:25', '14:10'],
  ['14:20', '15:05'],
];

/** Years completed on `onDay` by someone born on `birthIso`. */
export function ageOn(birthIso: string, onIso: string): number {
  const [by, bm, bd] = birthIso.split('-').map(Number) as [number, number, number];
  const [y, m, d] = onIso.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** Moscow time has had no daylight saving since 2014: UTC+3 all year. */
const MOSCOW_OFFSET_MS = 3 * 3_600_000;

/** The calendar date (ISO) in Moscow at an instant: the day ages and school weeks count by. */
export function moscowDateOf(instant: Date): string {
  return new Date(instant.getTime() + MOSCOW_OFFSET_MS).toISOString().slice(0, 10);
}
