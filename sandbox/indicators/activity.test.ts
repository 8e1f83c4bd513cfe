import { describe, expect, it } from 'vitest';
import { createWorld, dayOf, loginHistoryOf, type LoginHolder } from '../../seeds/index.ts';
import { indicatorsReport, type IndicatorSources } from './report.ts';

const world = createWorld({ seed: 42, scale: 'demo' });
const history = loginHistoryOf(world.region('36'));
const NOW = new Date('2026-11-23T09:00:00Z');
const DAY_MS = 86_400_000;
const sources = (over: Partial<IndicatorSources> = {}): IndicatorSources => ({ sandbox: 'test', world, links: new Map(), usage: [], now: NOW, ...over });

/** The demo world (seed 42, region 36) on 2026-11-23, in one place: per school, actives of 30 days. */
const DEMO = {
  region: {
    30: {
      pupils: { total: 600, active: 293, share: 48.8 },
      parents: { total: 808, active: 379, share: 46.9 },
      teachers: { total: 47, active: 45, share: 95.7 },
      schools: { total: 3, active: 3, using: 1, share: 33.3 },
    },
    365: {
      pupils: { total: 600, active: 315, share: 52.5 },
      parents: { total: 808, active: 545, share: 67.5 },
      teachers: { total: 47, active: 46, share: 97.9 },
      schools: { total: 3, active: 3, using: 1, share: 33.3 },
    },
  },
  ranking: [
    ['36-00003', 1, 76, 51.9, 100, 45.8, true],
    ['36-00001', 2, 71.1, 48.3, 93.8, 45.7, false],
    ['36-00002', 3, 68.7, 44, 93.3, 51.1, false],
  ],
  /** 36-00001: 112 of its 232 pupils active, 4 short of half (116): it does not use the platform yet. */
  school1: { id: '36-00001', pupils: { total: 232, active: 112, share: 48.3 } },
} as const;

/** People of the region the world's history does not count as active on `day` within `period` days. */
function inactive(holder: LoginHolder, school: number, day: number, period: number): number[] {
  const found: number[] = [];
  for (let i = 0; i < history.count(holder); i++) {
    const profile = history.profile(holder, i);
    if (profile.school !== school || profile.habit === 'never') continue;
    const last = history.lastLogin(holder, i, day, profile);
    if (last === null || last <= day - period) found.push(i);
  }
  return found;
}

const oidOf = (id: string) => world.personById(id)?.account?.oid ?? 0;

describe('activity in the demo world (seed 42) as of the sandbox clock', () => {
  it('counts active pupils, parents and teachers of the region in the last 30 and 365 days', () => {
    const month = indicatorsReport(sources(), { level: 'region' });
    const year = indicatorsReport(sources(), { level: 'region', period: 365 });
    expect([month.rows[0]?.activity, year.rows[0]?.activity]).toEqual([DEMO.region[30], DEMO.region[365]]);
    expect(month.activity).toMatchObject({ period: 30, from: '2026-10-25', to: '2026-11-23', usingThreshold: 50 });
    expect(year.activity).toMatchObject({ period: 365, from: '2025-11-24', to: '2026-11-23' });
    expect(month.notComputed).toEqual([]);
  });

  it('ranks the schools by activity, and says which use the platform (≥ 50 % of teachers and of pupils in the month)', () => {
    const ranking = indicatorsReport(sources(), { level: 'school' }).activity.ranking;
    expect(ranking.map((r) => [r.id, r.rank, r.score, r.pupils, r.teachers, r.parents, r.using])).toEqual(DEMO.ranking);
  });

  it('gives the same sums per school and per municipality as for the region', () => {
    for (const level of ['school', 'municipality'] as const) {
      const rows = indicatorsReport(sources(), { level }).rows;
      const total = (key: 'pupils' | 'parents' | 'teachers', field: 'total' | 'active') => rows.reduce((s, r) => s + r.activity[key][field], 0);
      expect({ pupils: total('pupils', 'active'), parents: total('parents', 'active'), teachers: total('teachers', 'active') }).toEqual({
        pupils: DEMO.region[30].pupils.active,
        parents: DEMO.region[30].parents.active,
        teachers: DEMO.region[30].teachers.active,
      });
      expect(rows.reduce((s, r) => s + r.activity.schools.using, 0)).toBe(DEMO.region[30].schools.using);
    }
  });

  it('adds exactly one active pupil for a sandbox login of a pupil the world has inactive, none for one already active', () => {
    const today = dayOf('2026-11-23');
    const school = world.region('36').layout.schools.find((s) => s.id === DEMO.school1.id)?.index ?? -1;
    const [idle] = inactive('pupil', school, today, 30);
    const busy = Array.from({ length: 600 }, (_, p) => p).find((p) => (history.lastLogin('pupil', p, today) ?? -1) > today - 30);
    const logins = [
      { oid: oidOf(`36-pupil-${idle}`), at: new Date(NOW.getTime() - 3_600_000) },
      { oid: oidOf(`36-pupil-${busy}`), at: new Date(NOW.getTime() - 3_600_000) },
    ];
    const rows = indicatorsReport(sources({ logins }), { level: 'school' }).rows;
    expect(rows.find((r) => r.id === DEMO.school1.id)?.activity.pupils).toEqual({ total: 232, active: 113, share: 48.7 });
    const region = indicatorsReport(sources({ logins }), { level: 'region' }).rows[0]?.activity;
    expect(region?.pupils).toEqual({ total: 600, active: DEMO.region[30].pupils.active + 1, share: 49 });
    expect(region?.parents).toEqual(DEMO.region[30].parents);
  });

  it('makes the school use the platform once four more of its pupils log in', () => {
    const today = dayOf('2026-11-23');
    const school = world.region('36').layout.schools.find((s) => s.id === DEMO.school1.id)?.index ?? -1;
    const logins = inactive('pupil', school, today, 30)
      .slice(0, 4)
      .map((p) => ({ oid: oidOf(`36-pupil-${p}`), at: NOW }));
    const report = indicatorsReport(sources({ logins }), { level: 'region' });
    expect(report.rows[0]?.activity.schools).toEqual({ total: 3, active: 3, using: 2, share: 66.7 });
    expect(report.activity.ranking.find((r) => r.id === DEMO.school1.id)).toMatchObject({ pupils: 50, using: true });
  });

  it('makes everyone inactive in the month when the clock moves 31 days on, sandbox logins included; the year still counts them', () => {
    const teacher = world.personById('36-teacher-0');
    const logins = [{ oid: teacher?.account?.oid ?? 0, at: NOW }];
    const later = new Date(NOW.getTime() + 31 * DAY_MS);
    const month = indicatorsReport(sources({ logins, now: later }), { level: 'region' }).rows[0]?.activity;
    expect(month).toEqual({
      pupils: { total: 600, active: 0, share: 0 },
      parents: { total: 808, active: 0, share: 0 },
      teachers: { total: 47, active: 0, share: 0 },
      schools: { total: 3, active: 0, using: 0, share: 0 },
    });
    const year = indicatorsReport(sources({ logins, now: later }), { level: 'region', period: 365 }).rows[0]?.activity;
    expect(year?.teachers.active).toBe(DEMO.region[365].teachers.active);
    const thirty = indicatorsReport(sources({ logins, now: new Date(NOW.getTime() + 29 * DAY_MS) }), { level: 'region' }).rows[0]?.activity;
    expect(thirty?.teachers.active).toBe(1);
  });

  it('ignores sandbox logins after the clock (moved back) and counts the world as of the earlier day', () => {
    const earlier = new Date('2026-09-15T09:00:00Z');
    const logins = [{ oid: oidOf('36-teacher-0'), at: NOW }];
    const day = dayOf('2026-09-15');
    const expected = { pupils: 0, teachers: 0 };
    for (const [holder, key] of [
      ['pupil', 'pupils'],
      ['teacher', 'teachers'],
    ] as const)
      for (let i = 0; i < history.count(holder); i++) {
        const last = history.lastLogin(holder, i, day);
        if (last !== null && last > day - 30) expected[key]++;
      }
    const row = indicatorsReport(sources({ logins, now: earlier }), { level: 'region' }).rows[0]?.activity;
    expect({ pupils: row?.pupils.active, teachers: row?.teachers.active }).toEqual(expected);
  });
});
