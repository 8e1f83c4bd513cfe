/**
 * The client against the whole edusim app in this process: the msw module's `handle` (a `Request`
 * in, the app's `Response` out, through Fastify's inject) is the client's injected `fetch`. So
 * every call goes through real `Request`/`Response` objects — URL, headers, status, body, a
 * dropped connection as `Response.error()` — as over a socket, with no port and without patching
 * the global `fetch` (the files of the fast tier may run side by side).
 */
import { afterAll, describe, expect, it } from 'vitest';
// Tests may run edusim in-process; the client itself imports nothing of the project (eslint.config.js).
// eslint-disable-next-line @typescript-eslint/no-restricted-imports
import { createEdusimHandlers } from '../testing/msw.ts';
import {
  Edusim,
  EdusimBadRequestError,
  EdusimConflictError,
  EdusimError,
  EdusimForbiddenError,
  EdusimNetworkError,
  EdusimNotFoundError,
  EdusimUnauthorizedError,
  GraphQLResponseError,
  JournalVerificationError,
  type SandboxSpec,
} from './index.ts';

const host = await createEdusimHandlers({ seed: 42, date: '2026-11-23' });
afterAll(() => host.close());
const fetchInProcess = (url: string, init: RequestInit) => host.handle(new Request(url, init));
const edusim = new Edusim({ url: host.baseUrl, fetch: fetchInProcess });

/** Every test gets its own sandbox: seed 42, region 36, the clock frozen at 09:00 Moscow on Monday 2026-11-23. */
const AT = '2026-11-23T09:00:00+03:00';
const SPEC = { seed: 42, date: '2026-11-23', clock: { at: AT, frozen: true } } satisfies SandboxSpec;
let made = 0;
const sandbox = (spec: SandboxSpec = {}) => edusim.createSandbox({ ...SPEC, id: `client-${++made}`, ...spec });

const TEACHER = { handle: 'teacher-with-rights', oid: 1861968956, fullName: 'Королева Татьяна Валерьевна' };
const PUPIL = { handle: 'pupil-child-account', oid: 1925793672, fullName: 'Никонов Павел Борисович' };

/** What a promise rejects with (to assert on the whole error). */
async function rejection(promise: Promise<unknown>): Promise<EdusimError> {
  try {
    await promise;
  } catch (error) {
    return error as EdusimError;
  }
  throw new Error('expected a rejection');
}

describe('sandboxes', () => {
  it('creates a sandbox and keeps its id, secret and URLs', async () => {
    const sb = await sandbox({ id: 'made-here', seed: 7, ttl: 'PT10M' });
    expect(sb.id).toBe('made-here');
    expect(sb.secret).toMatch(/^[\w-]{16,}$/);
    expect(sb.urls).toEqual({
      base: 'http://edusim.test/sandboxes/made-here',
      graphql: 'http://edusim.test/sandboxes/made-here/graphql',
      esia: 'http://edusim.test/sandboxes/made-here/esia',
      header: { 'X-Edusim-Sandbox': 'made-here' },
    });
    expect(sb.created).toMatchObject({
      id: 'made-here',
      world: { seed: 7, scale: 'demo', region: '36', date: '2026-11-23' },
      profile: 'lenient',
      clock: { mode: 'frozen', now: '2026-11-23T06:00:00.000Z', today: '2026-11-23' },
      ttl: 'PT10M',
      clients: ['EDUSIM'],
      faults: [],
      journal: { cap: 5000, size: 0, total: 0, dropped: 0, masked: true },
    });
  });

  it('lists, gets, resets and deletes', async () => {
    const sb = await sandbox();
    expect((await edusim.listSandboxes()).map((s) => s.id)).toContain(sb.id);
    expect(await sb.get()).toMatchObject({ id: sb.id, world: { seed: 42 }, urls: sb.urls });
    await sb.clock.advance('P1D');
    expect((await sb.reset()).clock).toMatchObject({ mode: 'frozen', now: '2026-11-23T06:00:00.000Z' });
    await sb.delete();
    expect((await edusim.listSandboxes()).map((s) => s.id)).not.toContain(sb.id);
  });

  it('takes a snapshot and restores it', async () => {
    const sb = await sandbox();
    await sb.faults.add({ system: 'gateway', action: { kind: 'latency', ms: 1 } });
    const snapshot = await sb.snapshot();
    expect(snapshot).toMatchObject({ format: 'edusim-sandbox', version: 3, id: sb.id, world: { seed: 42, scale: 'demo', region: '36', date: '2026-11-23' } });
    expect(snapshot.faults).toEqual([{ id: 'f1', rule: { system: 'gateway', action: { kind: 'latency', ms: 1 } }, fired: 0, remaining: null }]);
    await sb.faults.clear();
    expect((await sb.restore(snapshot)).faults).toEqual(snapshot.faults);
  });

  it('reaches an existing sandbox by id, with no request', async () => {
    const sb = edusim.sandbox('default');
    expect(sb.urls.base).toBe('http://edusim.test/sandboxes/default');
    expect(sb.secret).toBeUndefined();
    expect((await sb.get()).expiresAt).toBeNull();
  });

  it('answers health and the scenario catalogue', async () => {
    expect(await edusim.health()).toMatchObject({ status: 'ok', world: { seed: 42, scale: 'demo', region: '36', asOf: '2026-11-23' } });
    const names = (await edusim.scenarios()).map((s) => s.name);
    expect(names).toEqual([
      'consent-granted',
      'consent-revoked',
      'child-account-created',
      'parent-linked',
      'lesson-permission-given',
      'teacher-library-rights-granted',
      'lesson-added-to-timetable',
      'diary-down',
      'diary-restored',
    ]);
  });
});

describe('the clock', () => {
  it('reads, sets, advances, freezes and resumes', async () => {
    const sb = await sandbox();
    expect(await sb.clock.get()).toMatchObject({ mode: 'frozen', now: '2026-11-23T06:00:00.000Z', today: '2026-11-23' });
    expect(await sb.clock.advance('PT2H')).toMatchObject({ mode: 'frozen', now: '2026-11-23T08:00:00.000Z' });
    expect(await sb.clock.set('2027-05-25T09:00:00+03:00')).toMatchObject({ mode: 'frozen', now: '2027-05-25T06:00:00.000Z', today: '2027-05-25' });
    expect((await sb.clock.resume()).mode).toBe('running');
    expect(await sb.clock.freeze('2026-12-31T23:30:00+03:00')).toMatchObject({ mode: 'frozen', now: '2026-12-31T20:30:00.000Z', today: '2026-12-31' });
    expect(await sb.clock.command({ action: 'advance', by: 'PT1H' })).toMatchObject({ now: '2026-12-31T21:30:00.000Z', today: '2027-01-01' });
  });
});

describe('scenarios', () => {
  it('lists and applies them', async () => {
    const sb = await sandbox();
    expect((await sb.scenarios.list()).find((s) => s.name === 'diary-down')).toEqual({
      name: 'diary-down',
      title: expect.any(String),
      params: 'region?',
    });
    expect(await sb.scenarios.apply('consent-granted', { persona: TEACHER.handle })).toEqual({ scenario: 'consent-granted', done: expect.any(String) });
    const teacher = await sb.login(TEACHER.handle);
    expect((await teacher.graphql<{ me: { fullName: string } }>('{ me { fullName } }')).data).toEqual({ me: { fullName: TEACHER.fullName } });
  });
});

describe('fault rules', () => {
  it('adds, lists, replaces, removes and clears', async () => {
    const sb = await sandbox();
    expect(await sb.faults.add({ system: 'diary', region: '36', operation: 'schedule', action: { kind: 'status', status: 503 }, times: 1 })).toEqual({
      id: 'f1',
      rule: { system: 'diary', region: '36', operation: 'schedule', action: { kind: 'status', status: 503 }, times: 1 },
      fired: 0,
      remaining: 1,
    });
    await sb.faults.add({ system: 'esia', operation: 'token', action: { kind: 'esia-error', code: 'ESIA-007014' } });
    expect((await sb.faults.list()).map((r) => r.id)).toEqual(['f1', 'f2']);
    await sb.faults.remove('f1');
    expect((await sb.faults.list()).map((r) => r.id)).toEqual(['f2']);
    // Ids are never reused within a sandbox.
    expect(await sb.faults.replace([{ system: 'gateway', action: { kind: 'reset' }, probability: 0.5 }])).toEqual([
      { id: 'f3', rule: { system: 'gateway', action: { kind: 'reset' }, probability: 0.5 }, fired: 0, remaining: null },
    ]);
    await sb.faults.clear();
    expect(await sb.faults.list()).toEqual([]);
  });

  it('refuses a bad rule naming the field, and an unknown rule', async () => {
    const sb = await sandbox();
    const bad = await rejection(sb.faults.add({ system: 'esia', region: '36', action: { kind: 'reset' } }));
    expect(bad).toBeInstanceOf(EdusimBadRequestError);
    expect({ status: bad.status, code: bad.code, message: bad.message }).toEqual({
      status: 400,
      code: 'bad_request',
      message: `POST /_edusim/sandboxes/${sb.id}/faults: region: region is only for the diary system`,
    });
    const unknown = await rejection(sb.faults.remove('f9'));
    expect(unknown).toBeInstanceOf(EdusimNotFoundError);
    expect(unknown.message).toBe(`sandbox ${sb.id} has no fault rule f9; GET /_edusim/sandboxes/${sb.id}/faults lists them`);
  });
});

describe('the journal', () => {
  /** A teacher's flow query with a diary call: the journal gets the gateway request and its two diary calls. */
  async function flow(spec: SandboxSpec = {}) {
    const sb = await sandbox(spec);
    const teacher = await sb.login(TEACHER.handle, { consent: true });
    await sb.journal.clear();
    const query = 'query Flow { me { diary(from: "2026-11-16", to: "2026-11-20") { region } } }';
    return { sb, teacher, query };
  }

  it('lists entries with filters, counts them, exports JSON lines and clears', async () => {
    const { sb, teacher, query } = await flow();
    const { traceId } = await teacher.graphql(query);
    expect(traceId).toMatch(/^[0-9a-f]{32}$/);

    const page = await sb.journal.page({ trace: traceId ?? '' });
    expect(page).toMatchObject({ size: 3, total: 3, dropped: 0, cap: 5000, masked: true });
    expect(page.entries.map((e) => [e.seq, e.system, e.region ?? null, e.operation, e.caller, e.status])).toEqual([
      [2, 'diary', '36', 'token', 'gateway', 200], // seq goes on after the clear: the login was 1
      [3, 'diary', '36', 'schedule', 'gateway', 200],
      [4, 'gateway', null, 'Flow', 'client', 200],
    ]);
    expect(page.entries[1]).toMatchObject({
      method: 'GET',
      path: `/Schedule/${TEACHER.oid}`,
      query: 'start=2026-11-16&end=2026-11-20',
      sandboxAt: '2026-11-23T06:00:00.000Z',
    });

    expect((await sb.journal.list({ system: 'diary', operation: 'schedule' })).map((e) => e.seq)).toEqual([3]);
    expect((await sb.journal.list({ caller: 'gateway', limit: 1 })).map((e) => e.seq)).toEqual([3]);
    expect((await sb.journal.list({ since: '3' })).map((e) => e.seq)).toEqual([4]);
    expect(await sb.journal.count({ system: 'diary' })).toBe(2);
    expect(await sb.journal.count({ faulted: true })).toBe(0);
    expect(await sb.journal.count({ since: 3, status: 200 })).toBe(1);
    expect(await sb.journal.count({ status: '2xx', method: 'get' })).toBe(1);

    const lines = await sb.journal.export({ system: 'diary' });
    expect(lines.endsWith('\n')).toBe(true);
    expect(
      lines
        .trim()
        .split('\n')
        .map((line) => (JSON.parse(line) as { operation: string }).operation),
    ).toEqual(['token', 'schedule']);
    expect(await sb.journal.export({ system: 'consent' })).toBe('');

    expect(await sb.journal.clear()).toBe(3);
    expect(await sb.journal.count()).toBe(0);
  });

  it('verifies a count, and throws JournalVerificationError with the count, the expectation and the entries', async () => {
    const { sb, teacher, query } = await flow();
    await teacher.graphql(query);
    await teacher.graphql(query);
    expect(await sb.journal.verify({ system: 'gateway', operation: 'Flow' }, { count: 2 })).toMatchObject({ ok: true, count: 2, expected: 'exactly 2' });
    expect((await sb.journal.verify({ system: 'diary' }, { atLeast: 1, atMost: 4 })).expected).toBe('at least 1 and at most 4');

    const failed = await rejection(sb.journal.verify({ system: 'diary', region: '36', operation: 'schedule' }, { count: 1 }));
    expect(failed).toBeInstanceOf(JournalVerificationError);
    expect(failed).toBeInstanceOf(EdusimError);
    const error = failed as JournalVerificationError;
    expect({ count: error.count, expected: error.expected, expectation: error.expectation, filter: error.filter, code: error.code }).toEqual({
      count: 2,
      expected: 'exactly 1',
      expectation: { count: 1 },
      filter: { system: 'diary', region: '36', operation: 'schedule' },
      code: 'journal_verification_failed',
    });
    expect(error.entries.map((e) => [e.seq, e.operation, e.status])).toEqual([
      [3, 'schedule', 200],
      [5, 'schedule', 200], // the gateway's diary token is still good: no token call the second time
    ]);
    const lines = error.message.split('\n');
    expect(lines[0]).toBe('journal: expected exactly 1 entry matching system=diary region=36 operation=schedule, found 2:');
    expect(lines[1]).toMatch(
      new RegExp(
        `^  #3 \\S+ diary/36 schedule GET /Schedule/${TEACHER.oid}\\?start=2026-11-16&end=2026-11-20 → 200 in \\d+ ms \\(gateway; trace [0-9a-f]{32}\\)$`,
      ),
    );
    expect(lines).toHaveLength(3);
  });

  it('refuses a bad filter naming it', async () => {
    const sb = await sandbox();
    const bad = await rejection(sb.journal.count({ status: '5x' }));
    expect(bad).toBeInstanceOf(EdusimBadRequestError);
    expect(bad.message).toBe(`GET /_edusim/sandboxes/${sb.id}/journal/count: status: expected a status like 503 or a class like 5xx`);
    const nothing = await rejection(sb.journal.verify({ system: 'diary' }, {}));
    expect(nothing.message).toBe(
      `GET /_edusim/sandboxes/${sb.id}/journal/verify: count: give count, atLeast or atMost: what the number of matching entries must be`,
    );
  });
});

describe('personas, people, world and state', () => {
  it('reads the persona catalogue, a person by oid and the world’s counts', async () => {
    const sb = await sandbox();
    const personas = await sb.personas();
    expect(personas).toHaveLength(13);
    expect(personas.find((p) => p.handle === TEACHER.handle)).toMatchObject({ oid: TEACHER.oid, fullName: TEACHER.fullName, expected: { login: 'OK' } });
    expect(await sb.person(TEACHER.oid)).toMatchObject({
      kind: 'teacher',
      regionCode: '36',
      lastName: 'Королева',
      firstName: 'Татьяна',
      middleName: 'Валерьевна',
      account: { oid: TEACHER.oid },
    });
    expect(await sb.world()).toMatchObject({ seed: 42, scale: 'demo', regions: 1, schools: 3, pupils: 600 });
  });

  it('reads and replaces the state document', async () => {
    const sb = await sandbox();
    await sb.scenarios.apply('consent-granted', { persona: TEACHER.handle });
    const document = await sb.state.get();
    expect(document).toMatchObject({ format: 'edusim-state', world: { seed: 42, scale: 'demo', region: '36', asOf: '2026-11-23' } });
    expect(document.state.consents).toHaveLength(1);
    const emptied = await sb.state.replace({ ...document, state: { ...document.state, consents: [] } });
    expect(emptied.state.consents).toEqual([]);
  });
});

describe('login and GraphQL', () => {
  it('logs a persona in with tokens in one call, and runs GraphQL as them', async () => {
    const sb = await sandbox();
    const teacher = await sb.login(TEACHER.handle, { consent: true });
    expect(teacher.tokens).toMatchObject({ token_type: 'Bearer', expires_in: 3600, state: null });
    expect(teacher.tokens.refresh_token).toBeUndefined();
    expect(teacher.accessToken).toBe(teacher.tokens.access_token);
    const { data, traceId } = await teacher.graphql<{ me: { fullName: string; registry: { region: { code: string } } } }>(
      'query Me { me { fullName registry { region { code } } } }',
    );
    expect(data).toEqual({ me: { fullName: TEACHER.fullName, registry: { region: { code: '36' } } } });
    expect(traceId).toMatch(/^[0-9a-f]{32}$/);
  });

  it('logs in by oid with scopes, a client and a refresh token', async () => {
    const sb = await sandbox();
    const session = await sb.login({ oid: PUPIL.oid }, { scopes: ['openid', 'fullname'], clientId: 'EDUSIM', offline: true });
    expect(session.tokens.refresh_token).toEqual(expect.any(String));
    const claims = JSON.parse(Buffer.from(session.accessToken.split('.')[1] ?? '', 'base64url').toString()) as Record<string, unknown>;
    expect(claims).toMatchObject({ 'urn:esia:sbj_id': PUPIL.oid, client_id: 'EDUSIM', 'urn:edusim:sandbox': sb.id });
    expect(String(claims['scope'])).toBe(`openid fullname?oid=${PUPIL.oid}`);
  });

  it('sends X-Edusim-Role when a role was chosen, and the trace when asked', async () => {
    const sb = await sandbox();
    const both = await sb.login('teacher-parent', { consent: true });
    const query = '{ me { diary(from: "2026-11-16", to: "2026-11-20") { region } } }';
    const choose = await rejection(both.graphql(query));
    expect(choose).toBeInstanceOf(GraphQLResponseError);
    expect(choose.code).toBe('ROLE_CHOICE_REQUIRED');

    const asTeacher = await sb.login('teacher-parent', { role: 'TEACHER' });
    expect((await asTeacher.graphql(query)).data).toEqual({ me: { diary: { region: '36' } } });
    // As a parent she reads her child's diary, for which the child's consent is missing.
    expect((await rejection(both.withRole('PARENT').graphql(query))).code).toBe('CONSENT_REQUIRED');
    const traced = await asTeacher.graphql(query, undefined, { trace: true });
    expect(traced.extensions?.trace?.map((s) => s.step)).toEqual(['token', 'consent', 'diary']);
    const week = 'query A { me { oid } } query Week($from: Date, $to: Date) { me { diary(from: $from, to: $to) { region } } }';
    const reference = await asTeacher.graphql(week, { from: '2026-11-16', to: '2026-11-20' }, { engine: 'reference', operationName: 'Week' });
    expect(reference.data).toEqual({ me: { diary: { region: '36' } } });
    expect((await rejection(asTeacher.graphql(query, undefined, { role: null }))).code).toBe('ROLE_CHOICE_REQUIRED');
  });

  it('surfaces GraphQL errors typed: code, codes, partial data, trace id', async () => {
    const sb = await sandbox();
    const pupil = await sb.login(PUPIL.handle, { consent: true });
    const query = 'query Flow { me { fullName diary(from: "2026-11-16", to: "2026-11-20") { region } } }';
    const broken = (await rejection(pupil.graphql(query, undefined, { fault: 'diary/36/schedule:status=503', trace: true }))) as GraphQLResponseError;
    expect(broken).toBeInstanceOf(GraphQLResponseError);
    expect({ status: broken.status, code: broken.code, codes: broken.codes, data: broken.data }).toEqual({
      status: 200,
      code: 'DIARY_UNAVAILABLE',
      codes: ['DIARY_UNAVAILABLE'],
      data: { me: { fullName: PUPIL.fullName, diary: null } },
    });
    expect(broken.extensions?.trace?.find((s) => s.step === 'diary')).toMatchObject({ ok: false, status: 503, fault: 'X-Edusim-Fault: HTTP 503' });
    expect(await sb.journal.count({ trace: broken.traceId ?? '' })).toBe(3);

    const tooDeep = (await rejection(pupil.graphql(`{ ${'me { children { '.repeat(6)}oid${' } }'.repeat(6)} }`))) as GraphQLResponseError;
    expect({ status: tooDeep.status, code: tooDeep.code, data: tooDeep.data }).toEqual({ status: 400, code: 'GRAPHQL_VALIDATION_FAILED', data: null });

    await sb.clock.advance('PT2H');
    const expired = await rejection(pupil.graphql('{ me { fullName } }'));
    expect({ name: expired.name, code: expired.code, message: expired.message }).toEqual({
      name: 'GraphQLResponseError',
      code: 'UNAUTHENTICATED',
      message: 'Нужен действующий маркер доступа ЕСИА: срок действия маркера истёк',
    });
  });

  it('runs anonymous GraphQL in the sandbox, and takes tokens from elsewhere', async () => {
    const sb = await sandbox();
    expect((await sb.graphql<{ __typename: string }>('{ __typename }')).data).toEqual({ __typename: 'Query' });
    const tokens = (await sb.login(TEACHER.handle, { consent: true })).tokens;
    expect((await sb.session(tokens.access_token).graphql('{ me { fullName } }')).data).toEqual({ me: { fullName: TEACHER.fullName } });
    const elsewhere = await sandbox();
    const refused = await rejection(elsewhere.session(tokens).graphql('{ me { fullName } }'));
    expect(refused.code).toBe('UNAUTHENTICATED');
  });

  it('refuses an unknown persona with ESIA’s code', async () => {
    const sb = await sandbox();
    const refused = await rejection(sb.login('wizard'));
    expect(refused).toBeInstanceOf(EdusimBadRequestError);
    expect({ status: refused.status, code: refused.code }).toEqual({ status: 400, code: 'ESIA-007004' });
    expect(refused.message).toMatch(/^ESIA-007004: .*wizard/);
  });
});

describe('consents', () => {
  it('grants, lists and revokes with the person’s token', async () => {
    const sb = await sandbox();
    const teacher = await sb.login(TEACHER.handle);
    const granted = await teacher.consents.grant({ purpose: 'EDUSIM_MYSCHOOL_TRANSFER', scopes: ['fullname'] });
    expect(granted).toMatchObject({
      subjectOid: TEACHER.oid,
      grantorOid: TEACHER.oid,
      recipient: 'FGIS_MYSCHOOL',
      purpose: 'EDUSIM_MYSCHOOL_TRANSFER',
      scopes: ['fullname'],
      grantedAt: '2026-11-23T06:00:00.000Z',
      expiresAt: null,
      revokedAt: null,
      status: 'active',
    });
    expect((await teacher.consents.list()).map((c) => c.id)).toEqual([granted.id]);
    expect((await teacher.graphql('{ me { fullName } }')).data).toEqual({ me: { fullName: TEACHER.fullName } });
    expect(await teacher.consents.revoke(granted.id)).toMatchObject({ id: granted.id, status: 'revoked', revokedAt: '2026-11-23T06:00:00.000Z' });
    expect((await rejection(teacher.graphql('{ me { registry { region { code } } } }'))).code).toBe('CONSENT_REQUIRED');

    const again = await rejection(teacher.consents.revoke(granted.id));
    expect(again).toBeInstanceOf(EdusimConflictError);
    expect({ status: again.status, code: again.code }).toEqual({ status: 409, code: 'ALREADY_REVOKED' });
  });

  it('refuses what the law does not allow, typed', async () => {
    const sb = await sandbox();
    const pupil = await sb.login(PUPIL.handle);
    const refused = await rejection(pupil.consents.grant({ purpose: 'EDUSIM_MYSCHOOL_TRANSFER' }));
    expect(refused).toBeInstanceOf(EdusimForbiddenError);
    expect({ status: refused.status, code: refused.code }).toEqual({ status: 403, code: 'GRANTOR_NOT_ALLOWED' });
    const unknown = await rejection(pupil.consents.revoke('no-such-consent'));
    expect(unknown).toBeInstanceOf(EdusimNotFoundError);
    expect(unknown.code).toBe('NOT_FOUND');
  });
});

describe('typed errors', () => {
  it('refuses a bad spec naming the field (400), a taken id (409), an unknown sandbox (404)', async () => {
    const bad = await rejection(edusim.createSandbox({ seed: -1 }));
    expect(bad).toBeInstanceOf(EdusimBadRequestError);
    expect({ status: bad.status, code: bad.code }).toEqual({ status: 400, code: 'bad_request' });
    expect(bad.message).toMatch(/seed/);
    expect(bad.request).toBe('POST http://edusim.test/_edusim/sandboxes');

    const sb = await sandbox();
    const taken = await rejection(edusim.createSandbox({ id: sb.id }));
    expect(taken).toBeInstanceOf(EdusimConflictError);
    expect({ status: taken.status, code: taken.code }).toEqual({ status: 409, code: 'conflict' });

    const missing = await rejection(edusim.sandbox('nobody').clock.get());
    expect(missing).toBeInstanceOf(EdusimNotFoundError);
    expect({ status: missing.status, code: missing.code }).toEqual({ status: 404, code: 'not_found' });
    const notThere = await rejection(edusim.sandbox('nobody').personas());
    expect({ status: notThere.status, code: notThere.code }).toEqual({ status: 404, code: 'unknown_sandbox' });
  });

  it('sends the admin token and the sandbox secret; without them the controls answer 401', async () => {
    const guarded = await createEdusimHandlers({ seed: 42, adminToken: 'operator' });
    try {
      const inProcess = (url: string, init: RequestInit) => guarded.handle(new Request(url, init));
      const operator = new Edusim({ url: guarded.baseUrl, adminToken: 'operator', fetch: inProcess });
      const stranger = new Edusim({ url: guarded.baseUrl, fetch: inProcess });
      const refused = await rejection(stranger.createSandbox());
      expect(refused).toBeInstanceOf(EdusimUnauthorizedError);
      expect({ status: refused.status, code: refused.code }).toEqual({ status: 401, code: 'unauthorized' });

      const sb = await operator.createSandbox({ id: 'guarded' });
      // The secret alone opens this sandbox's own controls, and no other's.
      const own = stranger.sandbox('guarded', { secret: sb.secret ?? '' });
      expect((await own.clock.get()).mode).toBe('running');
      expect((await own.login(TEACHER.handle)).tokens.token_type).toBe('Bearer');
      expect(await rejection(stranger.sandbox('guarded').clock.get())).toBeInstanceOf(EdusimUnauthorizedError);
      expect(await rejection(stranger.sandbox('default', { secret: sb.secret ?? '' }).clock.get())).toBeInstanceOf(EdusimUnauthorizedError);
    } finally {
      await guarded.close();
    }
  });

  it('reports no answer as EdusimNetworkError: edusim unreachable, or a connection dropped by a fault', async () => {
    const down = new Edusim({
      url: 'http://127.0.0.1:9',
      fetch: () =>
        Promise.reject(new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' }) })),
    });
    const unreachable = await rejection(down.health());
    expect(unreachable).toBeInstanceOf(EdusimNetworkError);
    expect({ status: unreachable.status, code: unreachable.code, message: unreachable.message }).toEqual({
      status: 0,
      code: 'network',
      message: 'GET http://127.0.0.1:9/health: no answer (fetch failed: ECONNREFUSED)',
    });

    const sb = await sandbox({ faults: [{ system: 'esia', operation: 'sim-login', action: { kind: 'reset' }, times: 1 }] });
    const dropped = await rejection(sb.login(TEACHER.handle));
    expect(dropped).toBeInstanceOf(EdusimNetworkError);
    expect(dropped.message).toBe('POST http://edusim.test/esia/sim/login: the connection was dropped');
    expect((await sb.login(TEACHER.handle)).tokens.token_type).toBe('Bearer');
  });

  it('refuses a URL that is not http(s)', () => {
    expect(() => new Edusim({ url: 'localhost:4000' })).toThrow(
      'edusim/client: url "localhost:4000" is not valid: expected an absolute http(s) URL like http://localhost:4000',
    );
  });
});
