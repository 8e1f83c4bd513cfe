import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, findPersona } from '../seeds/index.ts';
import { createApp, type App } from './index.ts';

type Json = Record<string, unknown>;

describe('faults and the journal, per sandbox', () => {
  const world = createWorld({ seed: 42, scale: 'demo' });
  const teacherOid = findPersona(world, 'teacher-with-rights').person.account?.oid ?? 0;
  let app: App;
  beforeAll(async () => {
    app = await createApp({ world, clock: { at: '2026-11-23T09:00:00+03:00', frozen: true }, dateChosen: true });
  });
  afterAll(() => app.fastify.close());

  const call = async (method: string, url: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await app.fastify.inject({
      method: method as 'GET',
      url,
      headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      ...(body !== undefined ? { payload: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    });
    return { status: response.statusCode, headers: response.headers, text: response.body, json: () => JSON.parse(response.body) as Json };
  };
  const newSandbox = async (spec: Json = {}) =>
    (await call('POST', '/_edusim/sandboxes', { scale: 'demo', seed: 42, date: '2026-11-23', ...spec })).json()['id'] as string;
  const flow = async (id: string, headers: Record<string, string> = {}) => {
    const sandbox = app.registry.live(id);
    if (!sandbox) throw new Error(`no sandbox ${id}`);
    sandbox.consents.grantTransfer(teacherOid);
    const token = (await sandbox.esia.mint(teacherOid, 'EDUSIM', 'openid fullname')).access_token;
    return call(
      'POST',
      '/graphql',
      { query: 'query Flow { me { registry { region { code } } diary(from: "2026-11-16", to: "2026-11-20") { region } } }' },
      {
        authorization: `Bearer ${token}`,
        'x-edusim-sandbox': id,
        'x-edusim-trace': '1',
        ...headers,
      },
    );
  };

  it('breaks the diary of one region for the next call only, shows it in the trace and files both calls under one trace id', async () => {
    const id = await newSandbox();
    const added = await call('POST', `/_edusim/sandboxes/${id}/faults`, {
      system: 'diary',
      region: '36',
      operation: 'schedule',
      action: { kind: 'status', status: 503 },
      times: 1,
    });
    expect(added.status).toBe(201);
    expect(added.headers['location']).toBe(`/_edusim/sandboxes/${id}/faults/f1`);
    expect(added.json()).toEqual({
      id: 'f1',
      rule: { system: 'diary', region: '36', operation: 'schedule', action: { kind: 'status', status: 503 }, times: 1 },
      fired: 0,
      remaining: 1,
    });

    const broken = await flow(id);
    const body = broken.json() as { errors: { extensions: { code: string } }[]; extensions: { trace: Json[] }; data: { me: Json } };
    expect(body.errors.map((e) => e.extensions.code)).toEqual(['DIARY_UNAVAILABLE']);
    expect(body.data.me['registry']).toEqual({ region: { code: '36' } });
    expect(body.extensions.trace.find((s) => s['step'] === 'diary')).toMatchObject({ ok: false, status: 503, fault: 'rule f1: HTTP 503' });

    const traceId = broken.headers['x-edusim-trace-id'] as string;
    expect(traceId).toMatch(/^[0-9a-f]{32}$/);
    const journal = (await call('GET', `/_edusim/sandboxes/${id}/journal?trace=${traceId}`)).json() as { entries: Json[] };
    expect(journal.entries.map((e) => [e['system'], e['operation'], e['caller'], e['status'], e['fault'] ?? null, e['error'] ?? null])).toEqual([
      ['diary', 'token', 'gateway', 200, null, null],
      ['diary', 'schedule', 'gateway', 503, 'rule f1: HTTP 503', 'transient'],
      ['gateway', 'Flow', 'client', 200, null, 'DIARY_UNAVAILABLE'],
    ]);

    const healed = await flow(id);
    expect((healed.json() as { errors?: unknown }).errors).toBeUndefined();
    expect((await call('GET', `/_edusim/sandboxes/${id}/faults`)).json()).toMatchObject({ rules: [{ id: 'f1', fired: 1, remaining: 0 }] });

    const once = await call('GET', `/_edusim/sandboxes/${id}/journal/verify?system=diary&region=36&operation=schedule&status=5xx&count=1`);
    expect(once.json()).toMatchObject({ ok: true, count: 1, expected: 'exactly 1' });
    const twice = await call('GET', `/_edusim/sandboxes/${id}/journal/verify?system=diary&operation=schedule&count=1`);
    expect(twice.json()).toMatchObject({ ok: false, count: 2, expected: 'exactly 1' });
    expect((await call('GET', `/_edusim/sandboxes/${id}/journal/count?system=gateway`)).json()).toEqual({ count: 2 });
  });

  it('fires a probabilistic rule on the same calls in every fresh sandbox (seeded by the sandbox id)', async () => {
    const pattern = async (id: string) => {
      await newSandbox({ id, faults: [{ system: 'esia', operation: 'jwks', action: { kind: 'status', status: 500 }, probability: 0.5 }] });
      const statuses: number[] = [];
      for (let i = 0; i < 12; i++) statuses.push((await call('GET', '/esia/.well-known/jwks.json', undefined, { 'x-edusim-sandbox': id })).status);
      return statuses;
    };
    const first = await pattern('dice-a');
    await call('DELETE', '/_edusim/sandboxes/dice-a');
    expect(await pattern('dice-a')).toEqual(first);
    expect(first.filter((s) => s === 500).length).toBeGreaterThan(0);
    expect(first.filter((s) => s === 200).length).toBeGreaterThan(0);
    await call('POST', '/_edusim/sandboxes/dice-a/reset');
    const again: number[] = [];
    for (let i = 0; i < 12; i++) again.push((await call('GET', '/esia/.well-known/jwks.json', undefined, { 'x-edusim-sandbox': 'dice-a' })).status);
    expect(again).toEqual(first);
  });

  it('answers an ESIA error on ESIA’s wire, and a one-shot header override fires once', async () => {
    const id = await newSandbox({ faults: [{ system: 'esia', operation: 'token', action: { kind: 'esia-error', code: 'ESIA-007014' } }] });
    const token = await call('POST', '/esia/aas/oauth2/v3/te', 'grant_type=client_credentials', {
      'content-type': 'application/x-www-form-urlencoded',
      'x-edusim-sandbox': id,
    });
    expect(token.status).toBe(400);
    expect(token.json()).toEqual({
      error: 'invalid_request',
      error_description: 'ESIA-007014: Запрос не содержит обязательного параметра (сбой, включённый в edusim: rule f1)',
    });

    const plain = await newSandbox();
    const consentDown = await call('GET', '/consent/consents', undefined, { 'x-edusim-sandbox': plain, 'x-edusim-fault': 'status=503' });
    expect(consentDown.json()).toEqual({ error: 'UNAVAILABLE', message: 'платформа согласий ответила HTTP 503 (сбой, включённый в edusim: X-Edusim-Fault)' });
    const overridden = await call('GET', '/esia/.well-known/openid-configuration', undefined, { 'x-edusim-sandbox': plain, 'x-edusim-fault': 'status=502' });
    expect(overridden.status).toBe(502);
    expect(overridden.json()['error_description']).toBe('ESIA-007007: Неожиданная ошибка сервиса авторизации (сбой, включённый в edusim: X-Edusim-Fault)');
    expect((await call('GET', '/esia/.well-known/openid-configuration', undefined, { 'x-edusim-sandbox': plain })).status).toBe(200);

    const downstream = await flow(plain, { 'x-edusim-fault': 'diary/36/schedule:off-contract' });
    expect((downstream.json() as { errors: { extensions: { code: string } }[] }).errors[0]?.extensions.code).toBe('DIARY_CONTRACT_VIOLATION');
    const bad = await call('GET', '/esia/.well-known/jwks.json', undefined, { 'x-edusim-sandbox': plain, 'x-edusim-fault': 'status=99' });
    expect(bad.status).toBe(400);
    expect(bad.json()).toEqual({
      error: 'invalid_request',
      error_description:
        'ESIA-007038: Ошибка получения параметров из запроса (X-Edusim-Fault item "status=99": action.status: Too small: expected number to be >=400)',
    });
    expect(
      (await call('GET', '/esia/.well-known/jwks.json', undefined, { 'x-edusim-sandbox': plain, 'x-edusim-fault': 'latency=-5' })).json()['error_description'],
    ).toBe(
      'ESIA-007038: Ошибка получения параметров из запроса (X-Edusim-Fault item "latency=-5": "-5" is not valid: expected a whole number, e.g. latency=200)',
    );
  });

  it('keeps the first release’s diary fault endpoint as one case of the rules', async () => {
    const id = await newSandbox();
    const put = await call('PUT', '/diary/36/sim/fault', { mode: 'slow', delayMs: 5 }, { 'x-edusim-sandbox': id });
    expect(put.json()).toEqual({ mode: 'slow', delayMs: 5 });
    expect((await call('GET', `/_edusim/sandboxes/${id}`)).json()['faults']).toEqual([
      {
        id: 'f1',
        rule: { system: 'diary', region: '36', note: 'PUT /diary/{region}/sim/fault', action: { kind: 'latency', ms: 5 } },
        fired: 0,
        remaining: null,
      },
    ]);
    await call('PUT', '/diary/36/sim/fault', { mode: 'down' }, { 'x-edusim-sandbox': id });
    expect((await call('GET', '/diary/36/sim/fault', undefined, { 'x-edusim-sandbox': id })).json()).toEqual({ mode: 'down' });
    expect((await call('GET', `/_edusim/sandboxes/${id}/faults`)).json()['rules']).toHaveLength(1);
    await call('PUT', '/diary/36/sim/fault', { mode: 'ok' }, { 'x-edusim-sandbox': id });
    expect((await call('GET', `/_edusim/sandboxes/${id}/faults`)).json()).toEqual({ rules: [] });
  });

  it('refuses bad rules naming the field, changing nothing', async () => {
    const id = await newSandbox({ faults: [{ system: 'consent', action: { kind: 'latency', ms: 1 } }] });
    const cases: [unknown, string][] = [
      [{ rules: [{ system: 'ldap', action: { kind: 'reset' } }] }, 'rules[0].system: Invalid option: expected one of "esia"|"consent"|"diary"|"gateway"'],
      [{ rules: [{ system: 'esia', region: '36', action: { kind: 'reset' } }] }, 'rules[0].region: region is only for the diary system'],
      [
        { rules: [{ system: 'diary', action: { kind: 'esia-error', code: 'ESIA-007014' } }] },
        'rules[0].action.kind: an esia-error action is only for the esia and consent systems',
      ],
      [
        { rules: [{ system: 'esia', action: { kind: 'esia-error', code: 'ESIA-999999' } }] },
        'rules[0].action.code: expected one of the ESIA codes edusim knows',
      ],
      [{ rules: [{ system: 'esia', action: { kind: 'latency', ms: 200_000 } }] }, 'rules[0].action.ms: Too big: expected number to be <=120000'],
      [{ rules: [{ system: 'esia', action: { kind: 'reset' }, probability: 2 }] }, 'rules[0].probability: Too big: expected number to be <=1'],
      [{ rules: [{ system: 'esia', action: { kind: 'explode' } }] }, 'rules[0].action.kind: expected an action {"kind": "latency"'],
      [{ rules: [], extra: 1 }, 'unknown field "extra"'],
      [
        { rules: [{ system: 'esia', operation: 'tokn', action: { kind: 'reset' } }] },
        'rules[0].operation: esia has no operation "tokn": expected one of authorize, token, login',
      ],
      [{ rules: [{ system: 'diary', action: { kind: 'latency', ms: 100, jitterMs: 200 } }] }, 'rules[0].action.jitterMs: jitterMs must not be above ms'],
    ];
    for (const [body, message] of cases) {
      const answer = await call('PUT', `/_edusim/sandboxes/${id}/faults`, body);
      expect(answer.status, message).toBe(400);
      expect(answer.json()['message'] as string).toContain(message);
    }
    expect((await call('GET', `/_edusim/sandboxes/${id}/faults`)).json()['rules']).toHaveLength(1);
    expect((await call('DELETE', `/_edusim/sandboxes/${id}/faults/f9`)).status).toBe(404);
    expect((await call('DELETE', `/_edusim/sandboxes/${id}/faults/f1`)).status).toBe(204);
    expect((await call('GET', `/_edusim/sandboxes/nobody/faults`)).status).toBe(404);
    expect((await call('GET', `/_edusim/sandboxes/${id}/journal?status=5x`)).json()['message']).toBe(
      `GET /_edusim/sandboxes/${id}/journal: status: expected a status like 503 or a class like 5xx`,
    );
    for (const since of ['1.5', '-1', '12/25/2020', '2026-11-23'])
      expect((await call('GET', `/_edusim/sandboxes/${id}/journal/count?since=${encodeURIComponent(since)}`)).status, since).toBe(400);
    expect((await call('GET', `/_edusim/sandboxes/${id}/journal/verify?count=1&atLeast=2`)).json()['message']).toBe(
      `GET /_edusim/sandboxes/${id}/journal/verify: count: give count alone, or atLeast and/or atMost: not both`,
    );
    expect((await call('GET', `/_edusim/sandboxes/${id}/journal/verify?atLeast=3&atMost=1`)).json()['message']).toBe(
      `GET /_edusim/sandboxes/${id}/journal/verify: atLeast: atLeast is above atMost: no count can be both`,
    );
  });

  it('masks secrets in the journal, keeps the newest entries under its cap and counts what it dropped', async () => {
    const id = await newSandbox({ journal: { cap: 10 } });
    for (let i = 0; i < 14; i++)
      await call('GET', `/esia/.well-known/jwks.json?code=secret${i}&client_secret=x&kept=${i}`, undefined, { 'x-edusim-sandbox': id });
    const page = (await call('GET', `/_edusim/sandboxes/${id}/journal`)).json() as {
      entries: Json[];
      size: number;
      total: number;
      dropped: number;
      cap: number;
    };
    expect({ size: page.size, total: page.total, dropped: page.dropped, cap: page.cap }).toEqual({ size: 10, total: 14, dropped: 4, cap: 10 });
    expect(page.entries.map((e) => e['seq'])).toEqual([5, 6, 7, 8, 9, 10, 11, 12, 13, 14]);
    expect(page.entries[0]?.['query']).toBe('code=***&client_secret=***&kept=4');
    expect(page.entries[0]).toMatchObject({
      system: 'esia',
      operation: 'jwks',
      method: 'GET',
      path: '/.well-known/jwks.json',
      status: 200,
      caller: 'client',
      sandboxAt: expect.any(String),
    });

    const lines = await call('GET', `/_edusim/sandboxes/${id}/journal?since=12&format=jsonl`);
    expect(lines.headers['content-type']).toBe('application/x-ndjson; charset=utf-8');
    expect(
      lines.text
        .trim()
        .split('\n')
        .map((l) => (JSON.parse(l) as Json)['seq']),
    ).toEqual([13, 14]);
    expect((await call('GET', `/_edusim/sandboxes/${id}/journal/verify?count=14`)).json()).toMatchObject({ ok: false, count: 10, dropped: 4 });
    expect((await call('DELETE', `/_edusim/sandboxes/${id}/journal`)).json()).toEqual({ cleared: 10 });
    expect((await call('GET', `/_edusim/sandboxes/${id}/journal/count`)).json()).toEqual({ count: 0 });
    // seq goes on after a clear: a reader following since=<seq> misses nothing.
    await call('GET', '/esia/.well-known/jwks.json?client_secret=a&client_secret=b&x=1', undefined, { 'x-edusim-sandbox': id });
    const after = (await call('GET', `/_edusim/sandboxes/${id}/journal?since=14`)).json() as { entries: Json[]; total: number };
    expect(after.entries.map((e) => [e['seq'], e['query']])).toEqual([[15, 'client_secret=***&client_secret=***&x=1']]);
    expect(after.total).toBe(1);

    const unmasked = await newSandbox({ journal: { mask: false } });
    await call('GET', '/esia/.well-known/jwks.json?code=visible', undefined, { 'x-edusim-sandbox': unmasked });
    expect(((await call('GET', `/_edusim/sandboxes/${unmasked}/journal`)).json() as { entries: Json[] }).entries[0]?.['query']).toBe('code=visible');
  });

  it('files the state change a call caused', async () => {
    const id = await newSandbox();
    const sandbox = app.registry.live(id);
    const token = (await sandbox!.esia.mint(teacherOid, 'EDUSIM', 'openid fullname')).access_token;
    const granted = await call(
      'POST',
      '/consent/consents',
      { purpose: 'EDUSIM_MYSCHOOL_TRANSFER', scopes: ['fullname'], recipient: 'FGIS_MYSCHOOL' },
      {
        authorization: `Bearer ${token}`,
        'x-edusim-sandbox': id,
      },
    );
    expect(granted.status).toBe(201);
    const entries = ((await call('GET', `/_edusim/sandboxes/${id}/journal?system=consent`)).json() as { entries: Json[] }).entries;
    expect(entries.map((e) => [e['operation'], e['status'], e['change']])).toEqual([['grant', 201, 'consents 0 → 1']]);
  });

  it('snapshots the rules with their counters and reads a first-release snapshot’s diary faults as rules', async () => {
    const id = await newSandbox({ faults: [{ system: 'gateway', action: { kind: 'latency', ms: 1 }, times: 3 }] });
    await call('POST', '/graphql', { query: '{ __typename }' }, { 'x-edusim-sandbox': id });
    const snapshot = (await call('GET', `/_edusim/sandboxes/${id}/snapshot`)).json() as Json & { faults: Json[] };
    expect(snapshot['version']).toBe(3);
    expect(snapshot.faults).toEqual([{ id: 'f1', rule: { system: 'gateway', action: { kind: 'latency', ms: 1 }, times: 3 }, fired: 1, remaining: 2 }]);
    const v1 = { ...snapshot, version: 1, faults: { '36': { mode: 'down' } } };
    const restored = await call('PUT', `/_edusim/sandboxes/${id}/snapshot`, v1);
    expect(restored.status).toBe(200);
    expect((await call('GET', `/_edusim/sandboxes/${id}/faults`)).json()).toEqual({
      rules: [
        {
          id: 'f1',
          rule: { system: 'diary', region: '36', note: 'PUT /diary/{region}/sim/fault', action: { kind: 'status', status: 503 } },
          fired: 0,
          remaining: null,
        },
      ],
    });
  });
});
