import { describe, expect, it } from 'vitest';
import { createWorld, findPersona, type Person } from '../../seeds/index.ts';
import type { SimRequest, SimResponse } from '../http/sim-http.ts';
import { checkOperationOutcome, checkSchedule, type Schedule } from './contract.ts';
import { DEFAULT_DIARY_CLIENT, RegionalDiaries } from './regional-diary.ts';

const world = createWorld({ seed: 42, scale: 'demo' });
const slept: number[] = [];
const diaries = new RegionalDiaries(world, () => new Date('2026-11-23T07:00:00Z'));
const diary = diaries.diary('36');
if (!diary) throw new Error('no diary for 36');
Object.defineProperty(diary, 'sleep', { value: async (ms: number) => void slept.push(ms) });

function call(method: string, path: string, options: { body?: string; headers?: Record<string, string> } = {}): Promise<SimResponse> {
  const url = new URL(`http://diary.test/diary${path}`);
  const request: SimRequest = {
    method,
    path: url.pathname.slice('/diary'.length),
    query: url.searchParams,
    headers: options.headers ?? {},
    body: options.body,
    baseUrl: 'http://diary.test/diary',
  };
  return diaries.handle(request);
}

async function token(): Promise<string> {
  const response = await call('POST', '/36/token', {
    body: `grant_type=client_credentials&client_id=${DEFAULT_DIARY_CLIENT.clientId}&client_secret=${DEFAULT_DIARY_CLIENT.clientSecret}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
  return (JSON.parse(response.body) as { access_token: string }).access_token;
}

async function schedule(person: Person, query = '?start=2026-11-16&end=2026-11-22'): Promise<{ status: number; body: Schedule }> {
  const response = await call('GET', `/36/Schedule/${person.account?.oid}${query}`, { headers: { authorization: `Bearer ${await token()}` } });
  return { status: response.status, body: JSON.parse(response.body) as Schedule };
}

describe('a regional diary on the federal contract', () => {
  it('gives a pupil their class week with topics, homework, marks and attendance, conforming to the contract', async () => {
    const { person } = findPersona(world, 'pupil-child-account');
    const { status, body } = await schedule(person);
    expect(status).toBe(200);
    expect(checkSchedule(body)).toEqual([]);
    expect(body.meta.source).toBe('ТОР «Моя школа» (ранее Дневник.ру)');
    expect(body.meta.lastUpdated).toBe('2026-11-23T07:00:00.000Z');
    const pupilClass = person.memberships[0]?.role === 'pupil' ? person.memberships[0].className : '';
    expect(body.school).toHaveLength(1);
    expect(body.school[0]?.class.map((c) => c.class)).toEqual([pupilClass]);
    const lessons = body.school[0]?.class[0]?.lesson ?? [];
    expect(lessons.length).toBeGreaterThan(20);
    expect(lessons[0]?.period.start).toBe('2026-11-16T08:00:00+03:00');
    expect(lessons.every((l) => l.period.start >= '2026-11-16' && l.period.start < '2026-11-23')).toBe(true);
    expect(body.school[0]?.academYear).toBe('2026/27');
  });

  it('gives a parent each child’s school and class, marked with the child', async () => {
    const { person } = findPersona(world, 'parent-two-schools');
    const { body } = await schedule(person);
    expect(checkSchedule(body)).toEqual([]);
    const children = person.memberships.flatMap((m) => (m.role === 'parent' ? m.childIds : [])).map((id) => world.personById(id));
    expect(body.school.length).toBe(new Set(children.map((c) => (c?.memberships[0]?.role === 'pupil' ? c.memberships[0].schoolId : ''))).size);
    expect(body.school.flatMap((s) => s.class.map((c) => c.student?.name)).sort()).toEqual(
      children.map((c) => `${c?.lastName} ${c?.firstName} ${c?.middleName}`).sort(),
    );
  });

  it('gives a teacher only the lessons they teach, and an empty school for a teacher without lessons', async () => {
    const { person } = findPersona(world, 'teacher-with-rights');
    const { body } = await schedule(person);
    expect(checkSchedule(body)).toEqual([]);
    const lessons = body.school.flatMap((s) => s.class.flatMap((c) => c.lesson));
    expect(lessons.length).toBeGreaterThan(5);
    expect(lessons.every((l) => l.score === undefined)).toBe(true);
    const idle = await schedule(findPersona(world, 'teacher-no-lessons').person);
    expect(idle.body.school.map((s) => s.class)).toEqual([[]]);
  });

  it('defaults to the previous, current and next week', async () => {
    const { body } = await schedule(findPersona(world, 'pupil-child-account').person, '');
    expect(body.school[0]?.period).toEqual({ start: '2026-11-16', end: '2026-12-06' });
  });

  it.each([
    ['?start=2026-11-16', 400, 'required', 'укажите оба параметра start и end (YYYY-MM-DD) или ни одного'],
    ['?start=2026-11-16&end=2026-13-01', 400, 'value', 'end=2026-13-01: ожидается дата YYYY-MM-DD'],
    ['?start=2026-11-20&end=2026-11-16', 400, 'value', 'end=2026-11-16 раньше start=2026-11-20'],
    ['?start=2026-09-01&end=2026-12-31', 400, 'too-costly', 'период больше 93 дней'],
  ])('refuses %s with an OperationOutcome', async (query, status, code, text) => {
    const { person } = findPersona(world, 'pupil-child-account');
    const response = await call('GET', `/36/Schedule/${person.account?.oid}${query}`, { headers: { authorization: `Bearer ${await token()}` } });
    expect(response.status).toBe(status);
    const body = JSON.parse(response.body);
    expect(checkOperationOutcome(body)).toEqual([]);
    expect(body.issue).toEqual([{ severity: 'error', code, details: { text } }]);
  });

  it('answers an unknown oid and a missing token with OperationOutcome', async () => {
    const unknown = await call('GET', '/36/Schedule/1000000001', { headers: { authorization: `Bearer ${await token()}` } });
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.body).issue[0].code).toBe('not-found');
    const anonymous = await call('GET', `/36/Schedule/${findPersona(world, 'pupil-child-account').person.account?.oid}`);
    expect(anonymous.status).toBe(401);
    expect(JSON.parse(anonymous.body).issue[0].code).toBe('security');
    const wrongSecret = await call('POST', '/36/token', { body: 'grant_type=client_credentials&client_id=FGIS_MYSCHOOL&client_secret=nope' });
    expect(wrongSecret.status).toBe(401);
    expect(JSON.parse(wrongSecret.body)).toEqual({ error: 'invalid_client', error_description: 'unknown client_id or wrong client_secret' });
    const region = await call('GET', '/77/Schedule/1');
    expect(region.status).toBe(404);
  });

  it('can be broken on purpose: down, slow, off-contract', async () => {
    const person = findPersona(world, 'pupil-child-account').person;
    const put = (body: unknown) => call('PUT', '/36/sim/fault', { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
    try {
      expect((await put({ mode: 'down' })).status).toBe(200);
      const down = await call('GET', `/36/Schedule/${person.account?.oid}`);
      expect(down.status).toBe(503);
      expect(JSON.parse(down.body).issue[0]).toEqual({
        severity: 'fatal',
        code: 'transient',
        details: { text: 'дневник региона 36 недоступен (сбой, включённый в edusim)' },
      });
      await put({ mode: 'slow', delayMs: 2500 });
      expect((await schedule(person)).status).toBe(200);
      expect(slept).toContain(2500);
      await put({ mode: 'off-contract' });
      const broken = await schedule(person);
      expect(checkSchedule(broken.body).slice(0, 2)).toEqual(['resourceType: expected "Schedule", got "Bundle"', 'id: expected a string, got nothing']);
      const bad = await put({ mode: 'flaky' });
      expect(JSON.parse(bad.body).issue[0].details.text).toBe(
        'mode: expected {"mode": "ok" | "down" | "off-contract"} or {"mode": "slow", "delayMs": 0–120000}',
      );
      for (const body of [{ mode: 'slow', delayMs: null }, { mode: 'slow' }, null, [], { mode: 'down', extra: 1 }]) expect((await put(body)).status).toBe(400);
      expect(JSON.parse((await put({ mode: 'slow', delayMs: null })).body).issue[0].details.text).toBe(
        'delayMs: Invalid input: expected number, received null',
      );
      const plain = await call('PUT', '/36/sim/fault', { body: '{"mode":"down"}', headers: { 'content-type': 'text/plain' } });
      expect(plain.status).toBe(415);
    } finally {
      await put({ mode: 'ok' });
    }
  });
});
