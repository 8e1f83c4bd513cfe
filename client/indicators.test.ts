/** `sandbox.indicators()` against the whole edusim app in this process (as client.test.ts). */
import { afterAll, describe, expect, it } from 'vitest';
// Tests may run edusim in-process; the client itself imports nothing of the project (eslint.config.js).
// eslint-disable-next-line @typescript-eslint/no-restricted-imports
import { createEdusimHandlers } from '../testing/msw.ts';
import { Edusim, EdusimBadRequestError, type IndicatorsReport } from './index.ts';

const host = await createEdusimHandlers({ seed: 42, date: '2026-11-23' });
afterAll(() => host.close());
const edusim = new Edusim({ url: host.baseUrl, fetch: (url: string, init: RequestInit) => host.handle(new Request(url, init)) });
/** Active pupils of the demo world on 2026-11-23 (sandbox/indicators/activity.test.ts has the rest). */
const DEMO_PUPILS = { 30: { total: 600, active: 293, share: 48.8 }, 365: { total: 600, active: 315, share: 52.5 } } as const;
/** 36-pupil-378's oid in the world of seed 42. */
const IDLE_PUPIL_OID = 1_899_244_201;
const SPEC = { seed: 42, date: '2026-11-23', clock: { at: '2026-11-23T09:00:00+03:00', frozen: true } };

describe('sandbox.indicators()', () => {
  it('answers the typed report, and ЦОК usage moves when the persona opens an item', async () => {
    const sb = await edusim.createSandbox({ ...SPEC, id: 'client-indicators-1' });
    const before: IndicatorsReport = await sb.indicators();
    expect(before.rows[0]?.childAccounts).toEqual({ pupils: 385, k10to14: 120, k14to18: 137, share: 66.8, grade: 'неудовлетворительно' });
    expect(before.rows[0]?.library.teachers.opened).toBe(0);
    const session = await sb.login('teacher-with-rights');
    const opened = await session.graphql('mutation { openLibraryItem(id: "PHY-08-0001") { openedAt } }');
    expect(opened.data).toEqual({ openLibraryItem: { openedAt: expect.any(String) } });
    const after = await sb.indicators({ level: 'municipality', region: '36' });
    expect(after.rows.reduce((s, r) => s + r.library.teachers.opened, 0)).toBe(1);
    expect(after.contentDemand.opened).toBe(1);
    await sb.delete();
  });

  it('counts a login made through the client: one more active pupil in the month and in the year', async () => {
    const sb = await edusim.createSandbox({ ...SPEC, id: 'client-indicators-2' });
    const month = async () => (await sb.indicators()).rows[0]?.activity.pupils;
    const year = async () => (await sb.indicators({ period: 365 })).rows[0]?.activity.pupils;
    expect([await month(), await year()]).toEqual([DEMO_PUPILS[30], DEMO_PUPILS[365]]);
    // 36-pupil-378 has an ESIA account and has not logged in for over a year (sandbox/http/indicator-routes.test.ts).
    await sb.login({ oid: IDLE_PUPIL_OID });
    expect([await month(), await year()]).toEqual([
      { ...DEMO_PUPILS[30], active: DEMO_PUPILS[30].active + 1, share: 49 },
      { ...DEMO_PUPILS[365], active: DEMO_PUPILS[365].active + 1, share: 52.7 },
    ]);
    await sb.delete();
  });

  it('throws EdusimBadRequestError naming the field', async () => {
    const sb = edusim.sandbox('default');
    const error = await sb.indicators({ level: 'county' as 'region' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EdusimBadRequestError);
    expect((error as Error).message).toMatch(/indicators: level: /);
    const period = await sb.indicators({ period: 7 as 30 }).catch((e: unknown) => e);
    expect((period as Error).message).toMatch(/indicators: period: expected 30 or 365 \(days\)$/);
  });
});
