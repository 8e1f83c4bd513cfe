import { describe, expect, it } from 'vitest';
import { DEFAULT_DIARY_CLIENT, type SimHandler } from '../../mocks/index.ts';
import { createWorld } from '../../seeds/index.ts';
import { diaryFixtures } from './broken-diaries.ts';
import { inProcessTransport } from './probe.ts';
import { verifyDiary } from './run-diary.ts';
import { judgeFixture } from './self-test.ts';
import { reportFailed, type VerifyReport } from './verdict.ts';

// The whole kit in-process (no socket, a tiny load phase, no latency budget to meet): what each
// broken diary gets wrong is found by its own check. The slow diary is the integration test's.
const world = createWorld({ seed: 42, scale: 'demo', region: '68' });
const now = () => new Date('2026-11-23T12:00:00+03:00');
const fixtures = diaryFixtures({ world, region: '68', now, slowMs: 0 });
const BASE = 'http://vendor.test/api';

function verify(handler: SimHandler, clientSecret = DEFAULT_DIARY_CLIENT.clientSecret): Promise<VerifyReport> {
  return verifyDiary({
    baseUrl: BASE,
    clientId: DEFAULT_DIARY_CLIENT.clientId,
    clientSecret,
    world,
    region: '68',
    load: { rate: 200, durationMs: 50 },
    p95BudgetMs: 60_000,
    transport: inProcessTransport(BASE, handler),
  });
}

const fixture = (name: string) => fixtures.find((f) => f.name === name) ?? fixtures[0]!;
const check = (report: VerifyReport, id: string) => report.checks.find((c) => c.id === id);

describe('edusim verify diary against edusim’s own diary and the broken ones', () => {
  it('passes every check on edusim’s own diary, with the requests it made as evidence', async () => {
    const report = await verify(fixture('builtin').handler);
    expect(report.counts).toEqual({ pass: 23, warning: 0, failed: 0, skipped: 0 });
    expect(reportFailed(report)).toBe(false);
    expect(check(report, 'token.issued')?.evidence).toEqual([
      {
        label: 'верные учётные данные',
        request: `POST ${BASE}/token\ngrant_type=client_credentials&client_id=FGIS_MYSCHOOL&client_secret=***`,
        status: 200,
        response: expect.stringMatching(/^\{"access_token":"defa\*\*\*","token_type":"Bearer","expires_in":3600\}$/),
        latencyMs: expect.any(Number),
      },
    ]);
    expect(check(report, 'world.lessons')?.summary).toMatch(/^Уроки: как в мире \(ответов: 9, уроков: \d+\)$/);
  });

  it.each([
    ['wrong-field-name', 'contract.shape'],
    ['naive-dates', 'contract.dates'],
    ['marks-of-another-pupil', 'world.marks'],
    ['error-on-unknown-oid', 'errors.unknown-oid'],
    ['any-secret', 'token.wrong-secret'],
  ])('catches %s by %s and by no other check', async (name, id) => {
    const report = await verify(fixture(name).handler);
    const outcome = judgeFixture(fixture(name), report);
    expect(outcome.failed).toEqual([id]);
    expect(outcome.ok).toBe(true);
    expect(check(report, id)?.fix).not.toBeNull();
  });

  it('names the renamed field by its path, and leaves the world checks skipped rather than passed', async () => {
    const report = await verify(fixture('wrong-field-name').handler);
    expect(check(report, 'contract.shape')?.problems[0]).toBe('ученик, один день: school[0].class[0].lesson[0].subject: expected a string, got nothing');
    expect(check(report, 'world.marks')).toMatchObject({ status: 'skipped', summary: expect.stringMatching(/^Не сравнить: не по контракту ответов \d+ из 9/) });
  });

  it('names a naive time as a departure from the contract’s format', async () => {
    const report = await verify(fixture('naive-dates').handler);
    expect(check(report, 'contract.dates')?.problems[0]).toBe(
      'ученик, один день: school[0].class[0].lesson[0].period.start: expected ISO-8601 with an offset, e.g. 2026-11-23T08:30:00+03:00, got "2026-11-18T08:30:00"',
    );
  });

  it('shows whose marks came: the lesson, the marks the world has and the ones the diary sent', async () => {
    const report = await verify(fixture('marks-of-another-pupil').handler);
    expect(check(report, 'world.marks')?.problems[0]).toMatch(
      /^ученик, (один день|неделя|четверть): урок .+ \d{4}-\d{2}-\d{2}T.+: оценки ожидались \[.*\], пришли \[.*\]$/,
    );
  });

  it('reports a diary that gives no token as not set up — never as a pass — and fails the run', async () => {
    const report = await verify(fixture('builtin').handler, 'not-the-secret');
    expect(check(report, 'token.issued')).toMatchObject({ status: 'failed', problems: ['ожидался HTTP 200, пришёл HTTP 401'] });
    expect(check(report, 'world.lessons')).toMatchObject({ status: 'skipped', setupFailed: 'маркер не получен (см. token.issued)' });
    expect(report.checks.filter((c) => c.setupFailed !== undefined).map((c) => c.id)).toEqual([
      'token.required',
      'contract.shape',
      'contract.dates',
      'contract.marks',
      'contract.attendance',
      'world.lessons',
      'world.marks',
      'world.homework',
      'world.attendance',
      'range.default',
      'range.accepted',
      'errors.half-range',
      'errors.reversed',
      'errors.malformed',
      'errors.too-long',
      'errors.unknown-oid',
      'errors.left-pupil',
      'load.latency',
      'load.errors',
    ]);
    expect(reportFailed(report)).toBe(true);
  });

  it('reports an unreachable diary as failed token checks, naming the refused connection', async () => {
    const report = await verify(() => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:9')));
    expect(check(report, 'token.issued')?.problems).toEqual(['ожидался HTTP 200, пришёл соединение не удалось: connect ECONNREFUSED 127.0.0.1:9']);
    expect(check(report, 'token.wrong-secret')?.status).toBe('failed');
    expect(reportFailed(report)).toBe(true);
  });
});
