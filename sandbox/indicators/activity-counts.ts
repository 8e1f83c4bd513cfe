/**
 * Who of a region's pupils, parents, teachers and administrators logged in during the last 30
 * and 365 days before a date, counted per school: the world's login history (seeds) with the
 * sandbox's own logins laid over it. The world's part is walked once per region (each person's
 * school, habit and last login before the world's date), then counted per date and cached.
 */
import { dayOf, loginHistoryOf, type LoginHabit, type LoginHistory, type LoginHolder, type World } from '../../seeds/index.ts';

export const ACTIVITY_ROLES = ['pupils', 'parents', 'teachers', 'administrators'] as const;
export type ActivityRole = (typeof ACTIVITY_ROLES)[number];
export const ACTIVITY_PERIODS = [30, 365] as const;
export type ActivityPeriod = (typeof ACTIVITY_PERIODS)[number];

const ROLE_OF: Readonly<Record<LoginHolder, ActivityRole>> = {
  pupil: 'pupils',
  mother: 'parents',
  father: 'parents',
  teacher: 'teachers',
  administrator: 'administrators',
};
const NONE = -1;

/** Per role, per school index: everyone, and who was active in each window. */
export type SchoolActivityCounts = Readonly<
  Record<ActivityRole, { readonly total: Int32Array; readonly active: Readonly<Record<ActivityPeriod, Int32Array>> }>
>;

/** A region's people as the history sees them: per kind, each one's school, habit and last login before the world's date. */
interface Roster {
  readonly history: LoginHistory;
  readonly byHolder: Readonly<Record<LoginHolder, RosterEntry>>;
}

interface RosterEntry {
  readonly school: Int32Array;
  /** The profile's habit (index in HABITS), first and last day of use: an earlier date asks the history again with them. */
  readonly habit: Uint8Array;
  /** Days are kept from the history's start (11 bytes a person in all). */
  readonly first: Int16Array;
  readonly lastOfUse: Int16Array;
  /** The last login before the world's date; -1: none. */
  readonly last: Int16Array;
}

const HABITS: readonly LoginHabit[] = ['never', 'stopped', 'regular'];

const rosters = new WeakMap<LoginHistory, Roster>();

function rosterOf(world: World, code: string): Roster {
  const history = loginHistoryOf(world.region(code));
  const cached = rosters.get(history);
  if (cached) return cached;
  const { layout, families } = history.people;
  const pupilSchool = new Int32Array(layout.pupilCount);
  const familySchool = new Int32Array(families.familyCapacity).fill(NONE);
  // Walking classes in order gives each family its first (lowest-numbered) child's school, as the world does.
  for (let c = 0; c < layout.classGrade.length; c++) {
    const school = layout.classSchool[c] ?? NONE;
    const first = layout.classPupilFirst[c] ?? 0;
    for (let p = first; p < first + (layout.classSize[c] ?? 0); p++) pupilSchool[p] = school;
  }
  for (let p = 0; p < layout.pupilCount; p++) {
    const family = families.familyOfPupil(p);
    if (familySchool[family] === NONE) familySchool[family] = pupilSchool[p] ?? NONE;
  }
  const parentSchool = (exists: (family: number) => boolean) => familySchool.map((s, f) => (s !== NONE && exists(f) ? s : NONE));
  const staffSchool = (firsts: Int32Array, count: number) => {
    const schools = new Int32Array(count);
    for (let s = 0; s < firsts.length; s++) schools.fill(s, firsts[s] ?? count, firsts[s + 1] ?? count);
    return schools;
  };
  const schools: Record<LoginHolder, Int32Array> = {
    pupil: pupilSchool,
    mother: parentSchool((f) => history.people.motherExists(f)),
    father: parentSchool((f) => history.people.fatherExists(f)),
    teacher: staffSchool(layout.schoolTeacherFirst, layout.teacherCount),
    administrator: staffSchool(layout.schoolAdminFirst, layout.adminCount),
  };
  const entry = (holder: LoginHolder): RosterEntry => {
    const school = schools[holder];
    const n = school.length;
    const row = { school, habit: new Uint8Array(n), first: new Int16Array(n), lastOfUse: new Int16Array(n), last: new Int16Array(n).fill(NONE) };
    for (let i = 0; i < n; i++) {
      const s = school[i] ?? NONE;
      if (s === NONE) continue;
      const profile = history.profile(holder, i, s);
      row.habit[i] = HABITS.indexOf(profile.habit);
      row.first[i] = profile.first - history.start;
      row.lastOfUse[i] = profile.last - history.start;
      const last = history.lastLogin(holder, i, history.asOf - 1, profile);
      row.last[i] = last === null ? NONE : last - history.start;
    }
    return row;
  };
  const roster: Roster = {
    history,
    byHolder: { pupil: entry('pupil'), mother: entry('mother'), father: entry('father'), teacher: entry('teacher'), administrator: entry('administrator') },
  };
  rosters.set(history, roster);
  return roster;
}

/** The world's last login of a person on or before `day` (the walk's answer, or the history's for an earlier day). */
function worldLastLogin(roster: Roster, holder: LoginHolder, local: number, day: number): number {
  const entry = roster.byHolder[holder];
  const school = entry.school[local] ?? NONE;
  if (school === NONE) return NONE;
  const { history } = roster;
  if (day >= history.asOf - 1) {
    const last = entry.last[local] ?? NONE;
    return last === NONE ? NONE : history.start + last;
  }
  const habit = HABITS[entry.habit[local] ?? 0] ?? 'never';
  if (habit === 'never') return NONE;
  const first = history.start + (entry.first[local] ?? 0);
  const profile = { school, habit, daily: history.daily(holder), first, last: history.start + (entry.lastOfUse[local] ?? 0) };
  return history.lastLogin(holder, local, day, profile) ?? NONE;
}

const active = (last: number, day: number, period: number): boolean => last !== NONE && last <= day && last > day - period;

function emptyCounts(schools: number): Record<ActivityRole, { total: Int32Array; active: Record<ActivityPeriod, Int32Array> }> {
  const role = () => ({ total: new Int32Array(schools), active: { 30: new Int32Array(schools), 365: new Int32Array(schools) } });
  return { pupils: role(), parents: role(), teachers: role(), administrators: role() };
}

const cache = new WeakMap<World, Map<string, SchoolActivityCounts>>();
const CACHED_DATES = 8;

/** The world's counts as of a date (no sandbox logins): cached per world, region and date. */
export function worldActivityCounts(world: World, code: string, date: string): SchoolActivityCounts {
  let byKey = cache.get(world);
  if (!byKey) cache.set(world, (byKey = new Map()));
  const key = `${code}|${date}`;
  const hit = byKey.get(key);
  if (hit) return hit;
  const roster = rosterOf(world, code);
  const day = dayOf(date);
  const counts = emptyCounts(roster.history.people.layout.schools.length);
  for (const holder of Object.keys(roster.byHolder) as LoginHolder[]) {
    const { school } = roster.byHolder[holder];
    const role = counts[ROLE_OF[holder]];
    for (let i = 0; i < school.length; i++) {
      const s = school[i] ?? NONE;
      if (s === NONE) continue;
      role.total[s] = (role.total[s] ?? 0) + 1;
      const last = worldLastLogin(roster, holder, i, day);
      for (const period of ACTIVITY_PERIODS) if (active(last, day, period)) role.active[period][s] = (role.active[period][s] ?? 0) + 1;
    }
  }
  byKey.set(key, counts);
  while (byKey.size > CACHED_DATES) byKey.delete(byKey.keys().next().value as string);
  return counts;
}

/** A sandbox login: whose (the person's kind and index in the region) and the day, already found. */
export interface SandboxLoginDay {
  readonly holder: LoginHolder;
  readonly local: number;
  /** The person's last sandbox login on or before the date, as a day number. */
  readonly day: number;
}

/**
 * The world's counts with the sandbox's logins laid over them: a person the world does not count
 * as active in a window and who logged in in the sandbox within it is added. A fresh copy.
 */
export function activityCounts(world: World, code: string, date: string, logins: readonly SandboxLoginDay[]): SchoolActivityCounts {
  const base = worldActivityCounts(world, code, date);
  if (logins.length === 0) return base;
  const roster = rosterOf(world, code);
  const day = dayOf(date);
  const counts = emptyCounts(roster.history.people.layout.schools.length);
  for (const role of ACTIVITY_ROLES) {
    counts[role].total.set(base[role].total);
    for (const period of ACTIVITY_PERIODS) counts[role].active[period].set(base[role].active[period]);
  }
  for (const login of logins) {
    const s = roster.byHolder[login.holder].school[login.local] ?? NONE;
    if (s === NONE) continue;
    const worldLast = worldLastLogin(roster, login.holder, login.local, day);
    const role = counts[ROLE_OF[login.holder]];
    for (const period of ACTIVITY_PERIODS)
      if (!active(worldLast, day, period) && active(login.day, day, period)) role.active[period][s] = (role.active[period][s] ?? 0) + 1;
  }
  return counts;
}
