/**
 * The activity indicators at region scale (Воронежская область, seed 42: 245 000 pupils, their
 * parents, 16 000 teachers), in a fresh process: the first report (the walk over the world's login
 * history), a report for a later date (counted from the walk), one for an earlier date (the history
 * asked again per person), a cached one, and a person's last login alone. CPU milliseconds.
 */
import { createWorld, dayOf, loginHistoryOf } from '../seeds/index.ts';
import { worldAccountCounts } from '../sandbox/indicators/account-counts.ts';
import { indicatorsReport, type IndicatorSources } from '../sandbox/indicators/report.ts';

const round = (n: number, digits = 0) => Math.round(n * 10 ** digits) / 10 ** digits;

export function benchActivity(): Record<string, number> {
  const world = createWorld({ seed: 42, scale: 'region', region: '36' });
  // CPU time of this process (user + system), not wall time: on a shared machine it is what the work costs.
  const time = <T>(fn: () => T): [number, T] => {
    const start = process.cpuUsage();
    const value = fn();
    const used = process.cpuUsage(start);
    return [(used.user + used.system) / 1000, value];
  };
  const [skeletonMs, people] = time(() => world.region('36'));
  const sources = (at: string): IndicatorSources => ({ sandbox: 'bench', world, links: new Map(), usage: [], now: new Date(at) });
  // Child-account counts of the day are paid first, so the figures below are activity's alone.
  for (const date of ['2026-11-23', '2026-12-01', '2026-10-01']) worldAccountCounts(world, '36', date);
  const [firstMs, first] = time(() => indicatorsReport(sources('2026-11-23T09:00:00Z'), { level: 'region' }));
  const [laterMs] = time(() => indicatorsReport(sources('2026-12-01T09:00:00Z'), { level: 'school' }));
  const [earlierMs] = time(() => indicatorsReport(sources('2026-10-01T09:00:00Z'), { level: 'region' }));
  const [cachedMs] = time(() => indicatorsReport(sources('2026-11-23T09:00:00Z'), { level: 'school' }));
  const history = loginHistoryOf(people);
  const day = dayOf('2026-11-01');
  const samples = 20_000;
  const [lookupMs] = time(() => {
    for (let i = 0; i < samples; i++) history.lastLogin('pupil', (i * 7919) % people.layout.pupilCount, day);
  });
  const activity = first.rows[0]?.activity;
  return {
    pupils: activity?.pupils.total ?? 0,
    parents: activity?.parents.total ?? 0,
    teachers: activity?.teachers.total ?? 0,
    schools: activity?.schools.total ?? 0,
    skeletonMs: round(skeletonMs),
    firstMs: round(firstMs),
    laterMs: round(laterMs),
    earlierMs: round(earlierMs),
    cachedMs: round(cachedMs, 1),
    lastLoginUs: round((lookupMs * 1000) / samples, 2),
    pupilsActivePercent: activity?.pupils.share ?? 0,
    teachersActivePercent: activity?.teachers.share ?? 0,
    schoolsUsingPercent: activity?.schools.share ?? 0,
  };
}
