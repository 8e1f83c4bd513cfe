/**
 * Whom and which dates the kit asks a diary about, drawn from the world the vendor loaded
 * (`edusim world export` with the same seed, scale, region and date): a pupil, a parent with
 * children in two schools, a teacher, a person the registry does not list as anyone's pupil
 * (the world has no leavers; an ESIA account holder outside the registry stands for one), an oid
 * nobody has; and ranges relative to the world's date, all before it (what has been held).
 */
import { dayOf, findPersona, isoOf, type World } from '../../seeds/index.ts';

export interface Range {
  readonly start: string;
  readonly end: string;
}

export interface DiarySubject {
  readonly kind: 'pupil' | 'parent' | 'teacher';
  /** As a report names them: «ученик», «родитель двоих детей», «учитель». */
  readonly label: string;
  readonly oid: number;
}

export interface VerifyPlan {
  readonly region: string;
  /** The world's date: the diary's «today». */
  readonly today: string;
  readonly subjects: readonly DiarySubject[];
  readonly leftPupilOid: number;
  readonly unknownOid: number;
  readonly ranges: {
    readonly oneDay: Range;
    readonly week: Range;
    readonly quarter: Range;
    /** Exactly 93 days: the longest range the contract allows. */
    readonly limit: Range;
    /** 94 days: one too many. */
    readonly overLimit: Range;
    /** What a diary answers when no range is given, as of `today`. */
    readonly byDefault: Range;
  };
}

export const MAX_RANGE_DAYS = 93;

function oidOf(world: World, handle: string): number {
  const oid = findPersona(world, handle).person.account?.oid;
  if (oid === undefined) throw new Error(`persona ${handle} has no ESIA account in this world`);
  return oid;
}

function range(start: number, end: number): Range {
  return { start: isoOf(start), end: isoOf(end) };
}

/** The first oid from 1 000 000 001 up that nobody in the world has. */
function unknownOid(world: World): number {
  let oid = 1_000_000_001;
  while (world.personByOid(oid) !== undefined) oid += 1;
  return oid;
}

export function planFor(world: World, region: string): VerifyPlan {
  const today = world.options.asOf;
  const day = dayOf(today);
  const monday = day - ((day + 3) % 7);
  const lastMonday = monday - 7;
  const lastSunday = lastMonday + 6;
  const finished = world.year.quarters.filter((q) => q.end < day).at(-1);
  const quarter = finished ? range(finished.start, finished.end) : range(Math.max(world.year.start, lastSunday - 60), lastSunday);
  return {
    region,
    today,
    subjects: [
      { kind: 'pupil', label: 'ученик', oid: oidOf(world, 'pupil-child-account') },
      { kind: 'parent', label: 'родитель двоих детей', oid: oidOf(world, 'parent-two-schools') },
      { kind: 'teacher', label: 'учитель', oid: oidOf(world, 'teacher-with-rights') },
    ],
    leftPupilOid: oidOf(world, 'esia-only-adult'),
    unknownOid: unknownOid(world),
    ranges: {
      oneDay: range(lastMonday + 2, lastMonday + 2),
      week: range(lastMonday, lastSunday),
      quarter,
      limit: range(lastSunday - (MAX_RANGE_DAYS - 1), lastSunday),
      overLimit: range(lastSunday - MAX_RANGE_DAYS, lastSunday),
      byDefault: range(monday - 7, monday + 13),
    },
  };
}
