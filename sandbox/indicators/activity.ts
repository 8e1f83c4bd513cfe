/**
 * The activity indicators from the per-school counts: active pupils, parents and teachers in the
 * period, active schools, schools using the platform (≥ 50 % of teachers and of pupils active in
 * the month) and the schools' ranking (docs/indicators.md «Activity»).
 */
import { dayOf, isoOf, LOGIN_HOLDERS, moscowDateOf, type LoginHolder, type School, type World } from '../../seeds/index.ts';
import type { ActivityPeriod, SandboxLoginDay, SchoolActivityCounts } from './activity-counts.ts';
import { USING_SCHOOL_THRESHOLD, type IndicatorRow, type IndicatorsReport } from './schema.ts';

const MONTH: ActivityPeriod = 30;

/** The sandbox's logins of the region's people, as day numbers (Moscow dates), for the counts. */
export function loginDaysOf(world: World, code: string, logins: Iterable<{ readonly oid: number; readonly at: Date }>): SandboxLoginDay[] {
  const days: SandboxLoginDay[] = [];
  for (const { oid, at } of logins) {
    const person = world.personByOid(oid);
    if (person?.regionCode !== code || !(LOGIN_HOLDERS as readonly string[]).includes(person.kind)) continue;
    days.push({ holder: person.kind as LoginHolder, local: Number(person.id.slice(person.id.lastIndexOf('-') + 1)), day: dayOf(moscowDateOf(at)) });
  }
  return days;
}

const shareOf = (active: number, total: number): number | null => (total === 0 ? null : Math.round((active * 1000) / total) / 10);
const sum = (values: Int32Array, schools: readonly School[]): number => schools.reduce((s, school) => s + (values[school.index] ?? 0), 0);

function usesPlatform(counts: SchoolActivityCounts, school: number): boolean {
  const meets = (role: 'pupils' | 'teachers') => {
    const total = counts[role].total[school] ?? 0;
    return total > 0 && (counts[role].active[MONTH][school] ?? 0) * 100 >= USING_SCHOOL_THRESHOLD * total;
  };
  return meets('teachers') && meets('pupils');
}

function isActiveSchool(counts: SchoolActivityCounts, school: number, period: ActivityPeriod): boolean {
  return (['pupils', 'teachers', 'administrators'] as const).some((role) => (counts[role].active[period][school] ?? 0) > 0);
}

export function activityRow(schools: readonly School[], counts: SchoolActivityCounts, period: ActivityPeriod): IndicatorRow['activity'] {
  const role = (name: 'pupils' | 'parents' | 'teachers') => {
    const total = sum(counts[name].total, schools);
    const active = sum(counts[name].active[period], schools);
    return { total, active, share: shareOf(active, total) };
  };
  const using = schools.filter((s) => usesPlatform(counts, s.index)).length;
  return {
    pupils: role('pupils'),
    parents: role('parents'),
    teachers: role('teachers'),
    schools: {
      total: schools.length,
      active: schools.filter((s) => isActiveSchool(counts, s.index, period)).length,
      using,
      share: shareOf(using, schools.length),
    },
  };
}

/** Every school, the most active first: by the mean of the pupils' and teachers' active shares, then by id. */
export function schoolRanking(schools: readonly School[], counts: SchoolActivityCounts, period: ActivityPeriod): IndicatorsReport['activity']['ranking'] {
  const rows = schools.map((s) => {
    const share = (name: 'pupils' | 'parents' | 'teachers') => shareOf(counts[name].active[period][s.index] ?? 0, counts[name].total[s.index] ?? 0);
    const pupils = share('pupils');
    const teachers = share('teachers');
    const known = [pupils, teachers].filter((x): x is number => x !== null);
    const exact = known.length === 0 ? 0 : known.reduce((a, b) => a + b, 0) / known.length;
    return {
      rank: 0,
      id: s.id,
      name: s.shortName,
      municipality: s.municipality.name,
      score: Math.round(exact * 10) / 10,
      pupils,
      teachers,
      parents: share('parents'),
      using: usesPlatform(counts, s.index),
    };
  });
  rows.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
  rows.forEach((row, i) => (row.rank = i > 0 && rows[i - 1]?.score === row.score ? (rows[i - 1]?.rank ?? i + 1) : i + 1));
  return rows;
}

/** The period's first and last day. */
export function periodOf(date: string, period: ActivityPeriod): { from: string; to: string } {
  return { from: isoOf(dayOf(date) - period + 1), to: date };
}
