import { describe, expect, it } from 'vitest';
import { createWorld } from './world.ts';
import { dayOf } from './calendar.ts';
import { LOGIN_HOLDERS, LOOKBACK_DAYS, loginHistoryOf, PLATFORM_START, type LoginHolder } from './login-history.ts';

const world = createWorld({ seed: 42, scale: 'demo' });
const history = loginHistoryOf(world.region('36'));
const ASOF = dayOf('2026-11-23');

/** Demo world, seed 42, region 36, as of 2026-11-23: people of each kind, and who logged in within 30 / 365 days. */
const DEMO = {
  pupil: { people: 600, active30: 293, active365: 315 },
  mother: { people: 446, active30: 266, active365: 332 },
  father: { people: 362, active30: 113, active365: 213 },
  teacher: { people: 47, active30: 45, active365: 46 },
  administrator: { people: 9, active30: 9, active365: 9 },
} as const satisfies Record<LoginHolder, unknown>;

function tally(holder: LoginHolder) {
  let people = 0;
  let active30 = 0;
  let active365 = 0;
  for (let i = 0; i < history.count(holder); i++) {
    const profile = history.profile(holder, i);
    if (profile.school < 0) continue;
    people++;
    const last = history.lastLogin(holder, i, ASOF, profile);
    if (last !== null && last > ASOF - 30) active30++;
    if (last !== null && last > ASOF - 365) active365++;
  }
  return { people, active30, active365 };
}

/** The last login the slow way: every day back from `day`, asking whether the person logged in. */
function lastLoginByScan(holder: LoginHolder, local: number, day: number): number | null {
  for (let d = day; d > day - LOOKBACK_DAYS; d--) if (history.loggedInOn(holder, local, d)) return d;
  return null;
}

describe('the login history of the demo world (seed 42)', () => {
  it.each(LOGIN_HOLDERS)('gives the %s figures of the demo world', (holder) => {
    expect(tally(holder)).toEqual(DEMO[holder]);
  });

  it('is the same in another world of the same seed, whatever order people are asked in', () => {
    const other = loginHistoryOf(createWorld({ seed: 42, scale: 'demo' }).region('36'));
    const asked = [599, 3, 17, 250].map((p) => other.lastLogin('pupil', p, ASOF - 10));
    expect(asked).toEqual([599, 3, 17, 250].map((p) => history.lastLogin('pupil', p, ASOF - 10)));
    const seed7 = loginHistoryOf(createWorld({ seed: 7, scale: 'demo' }).region('36'));
    expect(Array.from({ length: 40 }, (_, t) => seed7.lastLogin('teacher', t, ASOF))).not.toEqual(
      Array.from({ length: 40 }, (_, t) => history.lastLogin('teacher', t, ASOF)),
    );
  });

  it('answers the last login on or before a day as walking back day by day would', () => {
    for (const holder of LOGIN_HOLDERS)
      for (let i = 0; i < history.count(holder); i += 7)
        for (const day of [ASOF, ASOF - 45, ASOF - 200])
          expect([holder, i, day, history.lastLogin(holder, i, day)]).toEqual([holder, i, day, lastLoginByScan(holder, i, day)]);
  });

  it('has no login before the platform started or on and after the world’s date, and none for pupils without an ESIA account', () => {
    const people = history.people;
    for (let p = 0; p < people.layout.pupilCount; p++) {
      const profile = history.profile('pupil', p);
      if (people.pupilAccount(p) === null) expect(profile.habit).toBe('never');
      expect(history.loggedInOn('pupil', p, ASOF)).toBe(false);
      expect(history.loggedInOn('pupil', p, dayOf(PLATFORM_START) - 1)).toBe(false);
      if (profile.habit !== 'never') expect(profile.first).toBeGreaterThanOrEqual(dayOf(PLATFORM_START));
      // Someone who stopped logged in last more than 30 days ago (found if within the lookback): never active in the month.
      if (profile.habit === 'stopped') expect(history.lastLogin('pupil', p, ASOF)).toBe(profile.last > ASOF - LOOKBACK_DAYS ? profile.last : null);
      if (profile.habit === 'stopped') expect(profile.last).toBeLessThanOrEqual(ASOF - 31);
    }
  });

  it('logs teachers in more often than pupils and mothers more often than fathers, on school days more than on Sundays', () => {
    const share = (holder: LoginHolder) => DEMO[holder].active30 / DEMO[holder].people;
    expect(share('teacher')).toBeGreaterThan(share('pupil'));
    expect(share('mother')).toBeGreaterThan(share('father'));
    const monday = dayOf('2026-11-16');
    const sunday = dayOf('2026-11-15');
    const on = (day: number) => Array.from({ length: 47 }, (_, t) => history.loggedInOn('teacher', t, day)).filter(Boolean).length;
    expect([on(monday), on(sunday)]).toEqual([25, 7]);
  });

  it('gives each school its own adoption, between 0.6 and 1.4', () => {
    const adoption = world.region('36').layout.schools.map((s) => Math.round(history.schoolAdoption(s.index) * 1000) / 1000);
    expect(adoption).toEqual([1.126, 1.106, 1.137]);
    const region = loginHistoryOf(createWorld({ seed: 42, scale: 'region', region: '01' }).region('01'));
    const spread = region.people.layout.schools.map((s) => region.schoolAdoption(s.index));
    expect(Math.min(...spread)).toBeGreaterThanOrEqual(0.6);
    expect(Math.max(...spread)).toBeLessThan(1.4);
    expect(Math.max(...spread) - Math.min(...spread)).toBeGreaterThan(0.6);
  });
});
