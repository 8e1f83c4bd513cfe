/**
 * Faults and the request journal with `edusim/client`: break a regional diary on purpose, see what
 * «Моя школа» makes of it, and check in the sandbox's journal which calls were made.
 */
import { GraphQLResponseError, JournalVerificationError } from 'edusim/client';
import { edusimTest } from 'edusim/vitest';
import { expect } from 'vitest';

const test = edusimTest({ sandbox: { seed: 42, date: '2026-11-23', clock: { at: '2026-11-23T09:00:00+03:00', frozen: true } } });

const WEEK = 'query Week { me { fullName diary(from: "2026-11-16", to: "2026-11-20") { region } } }';

test('region 36’s diary fails on the next call: DIARY_UNAVAILABLE, the fault in the trace, one diary call in the journal', async ({ sandbox }) => {
  const teacher = await sandbox.login('teacher-with-rights', { consent: true });
  await sandbox.faults.add({ system: 'diary', region: '36', operation: 'schedule', action: { kind: 'status', status: 503 }, times: 1 });

  const failed = await teacher.graphql(WEEK, undefined, { trace: true }).catch((error: unknown) => error);
  expect(failed).toBeInstanceOf(GraphQLResponseError);
  const error = failed as GraphQLResponseError;
  expect(error.codes).toEqual(['DIARY_UNAVAILABLE']);
  expect(error.data).toEqual({ me: { fullName: 'Королева Татьяна Валерьевна', diary: null } }); // the rest still arrives
  expect(error.extensions?.trace?.find((step) => step.step === 'diary')).toMatchObject({ ok: false, region: '36', status: 503, fault: 'rule f1: HTTP 503' });

  // The gateway's trace id files the request and the calls it made: the schedule was asked for exactly once.
  const trace = error.traceId ?? '';
  await sandbox.journal.verify({ system: 'diary', region: '36', operation: 'schedule', trace }, { count: 1 });
  expect((await sandbox.journal.list({ trace })).map((e) => [e.system, e.operation, e.status, e.fault ?? null])).toEqual([
    ['diary', 'token', 200, null],
    ['diary', 'schedule', 503, 'rule f1: HTTP 503'],
    ['gateway', 'Week', 200, null],
  ]);

  // It fired once: the next request gets the diary.
  expect((await teacher.graphql(WEEK)).data).toEqual({ me: { fullName: 'Королева Татьяна Валерьевна', diary: { region: '36' } } });
  expect(await sandbox.faults.list()).toMatchObject([{ id: 'f1', fired: 1, remaining: 0 }]);
});

test('a verification that fails says what it counted', async ({ sandbox }) => {
  const teacher = await sandbox.login('teacher-with-rights', { consent: true });
  await teacher.graphql(WEEK);
  await teacher.graphql(WEEK);

  const failed = await sandbox.journal.verify({ system: 'diary', operation: 'schedule' }, { count: 1 }).catch((error: unknown) => error);
  expect(failed).toBeInstanceOf(JournalVerificationError);
  expect(failed).toMatchObject({ count: 2, expected: 'exactly 1' });
  expect((failed as JournalVerificationError).message.split('\n')[0]).toBe(
    'journal: expected exactly 1 entry matching system=diary operation=schedule, found 2:',
  );
});

test('a slow diary: the answer comes, 300 ms late', async ({ sandbox }) => {
  const teacher = await sandbox.login('teacher-with-rights', { consent: true });
  await sandbox.faults.add({ system: 'diary', region: '36', operation: 'schedule', action: { kind: 'latency', ms: 300 } });

  const { data, traceId } = await teacher.graphql(WEEK);
  expect(data).toEqual({ me: { fullName: 'Королева Татьяна Валерьевна', diary: { region: '36' } } });
  const [schedule] = await sandbox.journal.list({ operation: 'schedule', trace: traceId ?? '' });
  expect(schedule?.fault).toBe('rule f1: latency 300 ms');
  expect(schedule?.latencyMs).toBeGreaterThanOrEqual(300);
});

test('the journal as JSON lines', async ({ sandbox }) => {
  const teacher = await sandbox.login('teacher-with-rights', { consent: true });
  await teacher.graphql(WEEK);

  const lines = await sandbox.journal.export({ system: 'diary' });
  expect(
    lines
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as { seq: number; operation: string; path: string; query?: string; caller: string }),
  ).toEqual([
    expect.objectContaining({ seq: 2, operation: 'token', path: '/token', caller: 'gateway' }),
    expect.objectContaining({ seq: 3, operation: 'schedule', path: '/Schedule/1861968956', query: 'start=2026-11-16&end=2026-11-20', caller: 'gateway' }),
  ]);
});
