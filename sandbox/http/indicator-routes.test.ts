import { afterAll, describe, expect, it } from 'vitest';
import { createWorld, findPersona, loginHistoryOf, type Person } from '../../seeds/index.ts';
import type { IndicatorsReport } from '../indicators/schema.ts';
import { createApp } from '../index.ts';

const world = createWorld({ seed: 42, scale: 'demo' });
const app = await createApp({ world });
afterAll(() => app.fastify.close());

const created = await app.fastify.inject({
  method: 'POST',
  url: '/_edusim/sandboxes',
  payload: { id: 'ind-other', clock: { at: '2026-11-23T12:00:00+03:00' } },
});
if (created.statusCode !== 201) throw new Error(created.body);

/** The demo world's activity on 2026-11-23 in the last 30 days (sandbox/indicators/activity.test.ts has the rest). */
const DEMO_ACTIVITY = {
  pupils: { total: 600, active: 293, share: 48.8 },
  parents: { total: 808, active: 379, share: 46.9 },
  teachers: { total: 47, active: 45, share: 95.7 },
  schools: { total: 3, active: 3, using: 1, share: 33.3 },
};

/** The first pupil of 36-00003 with an ESIA account whom the world's history has inactive for over a year (36-pupil-378). */
const IDLE_PUPIL_SCHOOL = '36-00003';
const IDLE_PUPIL = ((): string => {
  const history = loginHistoryOf(world.region('36'));
  const school = world.region('36').layout.schools.find((s) => s.id === IDLE_PUPIL_SCHOOL)?.index;
  for (let p = 0; p < history.count('pupil'); p++) {
    const profile = history.profile('pupil', p);
    if (profile.school !== school || profile.habit === 'never') continue;
    const last = history.lastLogin('pupil', p, history.asOf, profile);
    if (last === null || last <= history.asOf - 365) return `36-pupil-${p}`;
  }
  throw new Error(`no idle pupil with an account in ${IDLE_PUPIL_SCHOOL}`);
})();

async function indicators(sandbox: string, query = ''): Promise<{ status: number; body: IndicatorsReport & { message?: string } }> {
  const response = await app.fastify.inject({ method: 'GET', url: `/_edusim/sandboxes/${sandbox}/indicators${query}` });
  return { status: response.statusCode, body: response.json() };
}

/** Opens an item through the default sandbox's gateway as this person. */
async function open(person: Person, itemId: string): Promise<void> {
  const token = (await app.sandbox.esia.mint(person.account?.oid ?? 0, 'EDUSIM', 'openid fullname')).access_token;
  const answer = await app.fastify.inject({
    method: 'POST',
    url: '/graphql',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    payload: JSON.stringify({ query: `mutation { openLibraryItem(id: "${itemId}") { openedAt } }` }),
  });
  expect((answer.json() as { errors?: unknown }).errors).toBeUndefined();
}

describe('GET /_edusim/sandboxes/:id/indicators', () => {
  it('answers the region row of the demo world as of the sandbox clock; nobody has opened ЦОК yet', async () => {
    const clock = await app.fastify.inject({
      method: 'PUT',
      url: '/_edusim/sandboxes/default/clock',
      payload: { action: 'set', at: '2026-11-23T12:00:00+03:00' },
    });
    expect(clock.statusCode, clock.body).toBe(200);
    const { status, body } = await indicators('default');
    expect(status).toBe(200);
    expect(body).toMatchObject({
      sandbox: 'default',
      date: '2026-11-23',
      region: { code: '36', name: 'Воронежская область' },
      level: 'region',
      notComputed: [],
    });
    expect(body.activity.ranking.map((r) => r.id)).toEqual(['36-00003', '36-00001', '36-00002']);
    expect(body.rows).toEqual([
      {
        level: 'region',
        id: '36',
        name: 'Воронежская область',
        municipality: null,
        childAccounts: { pupils: 385, k10to14: 120, k14to18: 137, share: 66.8, grade: 'неудовлетворительно' },
        library: {
          target: 80,
          teachers: { total: 47, opened: 0, share: 0, meetsTarget: false },
          pupils: { total: 600, opened: 0, share: 0, meetsTarget: false },
          itemsOpened: 0,
        },
        activity: DEMO_ACTIVITY,
      },
    ]);
    expect(body.contentDemand.opened).toBe(0);
    expect(body.contentDemand.bySubject.reduce((s, r) => s + r.available, 0)).toBe(body.contentDemand.available);
  });

  it('moves ЦОК usage after openLibraryItem in this sandbox, and not in another', async () => {
    const teacher = findPersona(world, 'teacher-with-rights').person;
    const pupil = findPersona(world, 'pupil-child-account').person;
    await open(teacher, 'PHY-08-0001');
    await open(teacher, 'PHY-08-0002');
    await open(pupil, 'PHY-08-0001');
    const { body } = await indicators('default');
    expect(body.rows[0]?.library).toEqual({
      target: 80,
      teachers: { total: 47, opened: 1, share: 2.1, meetsTarget: false },
      pupils: { total: 600, opened: 1, share: 0.2, meetsTarget: false },
      itemsOpened: 2,
    });
    expect(body.contentDemand.bySubject.find((s) => s.subjectCode === 'PHY')).toMatchObject({ opened: 2 });
    expect(body.contentDemand.opened).toBe(2);
    const teacherSchool = teacher.memberships.find((m) => m.role === 'teacher');
    const schools = (await indicators('default', '?level=school')).body.rows;
    const row = schools.find((r) => teacherSchool?.role === 'teacher' && r.id === teacherSchool.schoolId);
    expect(row?.library.teachers.opened).toBe(1);
    expect(schools.reduce((s, r) => s + r.library.teachers.opened, 0)).toBe(1);

    const other = await indicators('ind-other');
    expect(other.body.rows[0]?.library.teachers.opened).toBe(0);
    expect(other.body.rows[0]?.library.pupils.opened).toBe(0);
    expect(other.body.contentDemand.opened).toBe(0);
  });

  it('counts a teen once the parent-linked scenario links the account (in that sandbox only)', async () => {
    const applied = await app.fastify.inject({
      method: 'POST',
      url: '/_edusim/sandboxes/ind-other/scenarios',
      payload: { name: 'parent-linked', params: { persona: 'pupil-teen-unlinked' } },
    });
    expect(applied.statusCode, applied.body).toBe(200);
    expect((await indicators('ind-other')).body.rows[0]?.childAccounts).toEqual({
      pupils: 385,
      k10to14: 120,
      k14to18: 138,
      share: 67,
      grade: 'неудовлетворительно',
    });
    expect((await indicators('default')).body.rows[0]?.childAccounts.k14to18).toBe(137);
  });

  it('counts a login to this sandbox’s ESIA at once, as of its clock, and not in another sandbox', async () => {
    await app.fastify.inject({
      method: 'POST',
      url: '/_edusim/sandboxes',
      payload: { id: 'ind-logins', clock: { at: '2026-11-23T12:00:00+03:00', frozen: true } },
    });
    const before = (await indicators('ind-logins', '?level=school')).body;
    const idle = world.personById(IDLE_PUPIL);
    const login = await app.fastify.inject({
      method: 'POST',
      url: '/sandboxes/ind-logins/esia/sim/login',
      headers: { 'content-type': 'application/json' },
      payload: { oid: idle?.account?.oid },
    });
    expect(login.statusCode, login.body).toBe(200);
    const after = (await indicators('ind-logins', '?level=school')).body;
    const school = (r: IndicatorsReport) => r.rows.find((row) => row.id === IDLE_PUPIL_SCHOOL)?.activity.pupils.active;
    expect([school(before), school(after)]).toEqual([126, 127]);
    expect((await indicators('ind-other', '?level=school')).body.rows.find((row) => row.id === IDLE_PUPIL_SCHOOL)?.activity.pupils.active).toBe(126);
    const later = await app.fastify.inject({ method: 'PUT', url: '/_edusim/sandboxes/ind-logins/clock', payload: { action: 'advance', by: 'P31D' } });
    expect(later.statusCode, later.body).toBe(200);
    const month = (await indicators('ind-logins')).body.rows[0]?.activity;
    expect([month?.pupils.active, month?.teachers.active, month?.parents.active]).toEqual([0, 0, 0]);
    // The year as of 24 December: the world's 314 (one pupil's last login, in December 2025, has left it) and the sandbox login.
    expect((await indicators('ind-logins', '?period=365')).body.rows[0]?.activity.pupils.active).toBe(315);
  });

  it('answers per municipality', async () => {
    const { status, body } = await indicators('default', '?level=municipality&region=36');
    expect(status).toBe(200);
    expect(body.rows.map((r) => r.level)).toEqual(world.region('36').layout.municipalities.map(() => 'municipality'));
  });

  it('refuses bad input with 400 naming the field', async () => {
    for (const [query, field] of [
      ['?level=county', 'level'],
      ['?region=7', 'region'],
      ['?region=68', 'region'],
      ['?levle=school', 'unknown field "levle"'],
      ['?period=7', 'period'],
    ] as const) {
      const { status, body } = await indicators('default', query);
      expect(status, query).toBe(400);
      expect(body.message?.startsWith(`GET /_edusim/sandboxes/default/indicators: ${field}`), body.message).toBe(true);
    }
    expect((await indicators('default', '?region=68')).body.message).toBe(
      "GET /_edusim/sandboxes/default/indicators: region: 68 is not in this sandbox's world (its regions: 36)",
    );
    expect((await indicators('default', '?period=month')).body.message).toBe('GET /_edusim/sandboxes/default/indicators: period: expected 30 or 365 (days)');
    expect((await indicators('nope')).status).toBe(404);
  });

  it('is in the OpenAPI document', async () => {
    const document = (await app.fastify.inject({ method: 'GET', url: '/_edusim/openapi.json' })).json() as {
      paths: Record<string, Record<string, { operationId: string; responses: Record<string, unknown> }>>;
    };
    const operation = document.paths['/_edusim/sandboxes/{id}/indicators']?.['get'];
    expect(operation?.operationId).toBe('getIndicators');
    expect(Object.keys(operation?.responses ?? {})).toEqual(['200', '400', '401', '404']);
  });
});
