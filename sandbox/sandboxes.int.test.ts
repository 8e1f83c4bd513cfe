/**
 * Sandboxes over real sockets: many at once, each logging in, consenting, running the flow,
 * revoking and moving its clock without seeing another's state or time; tokens refused in every
 * other sandbox at every system; URLs in the form the request came in with; state kept across a
 * restart.
 */
import { createHmac } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, findPersona } from '../seeds/index.ts';
import { FileStore, startServer, type RunningServer } from './index.ts';

const FLOW = readFileSync(new URL('../examples/flow.graphql', import.meta.url), 'utf8');
const WEEK = { from: '2026-11-16', to: '2026-11-20' };
const world = createWorld({ seed: 42, scale: 'demo' });
const teacher = findPersona(world, 'teacher-with-rights').person;
const teacherOid = teacher.account?.oid ?? 0;

interface GraphQLBody {
  data?: { me?: Record<string, unknown> | null } | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
  extensions?: { trace?: { step: string; url?: string }[] };
}

describe('sandboxes on one running edusim', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer(world, { port: 0, host: '127.0.0.1' });
  });
  afterAll(() => server.close());

  // The answers are read field by field below; their shapes are the admin API's, asserted with exact values.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: any }> {
    const response = await fetch(`${server.url}${path}`, {
      method,
      headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    return { status: response.status, json: text ? JSON.parse(text) : null };
  }
  const inSandbox = (id: string) => ({ 'x-edusim-sandbox': id });
  const login = async (id: string, consent: boolean) =>
    (await call('POST', '/esia/sim/login', { persona: 'teacher-with-rights', consent }, inSandbox(id))).json.access_token as string;
  const flow = async (id: string, token: string, extra: Record<string, string> = {}) =>
    (await call('POST', '/graphql', { query: FLOW, variables: WEEK }, { ...inSandbox(id), authorization: `Bearer ${token}`, ...extra })).json as GraphQLBody;
  const codes = (body: GraphQLBody) => [...new Set((body.errors ?? []).map((e) => String(e.extensions?.['code'])))].sort();

  it('runs 200 sandboxes at once, each through login, consent, flow, revocation and its own clock, none seeing another', async () => {
    const ids = await Promise.all(
      Array.from({ length: 200 }, async (_, i) => {
        const created = await call('POST', '/_edusim/sandboxes', { id: `par-${i}` });
        expect(created.status).toBe(201);
        return created.json.id as string;
      }),
    );
    const outcomes = await Promise.all(
      ids.map(async (id, i) => {
        const token = await login(id, true);
        const withConsent = await flow(id, token);
        // Half revoke through the scenario, half leave the consent: the other half must not notice.
        if (i % 2 === 0) await call('POST', `/_edusim/sandboxes/${id}/scenarios`, { name: 'consent-revoked', params: { persona: 'teacher-with-rights' } });
        const afterRevoke = await flow(id, token);
        const clock = await call('PUT', `/_edusim/sandboxes/${id}/clock`, { action: 'advance', by: `PT${61 + i}M` });
        const expired = await flow(id, token);
        return {
          id,
          withConsent: codes(withConsent),
          afterRevoke: codes(afterRevoke),
          expired: expired.errors?.[0]?.message,
          clockAhead: Math.round(clock.json.offsetMs / 60_000),
        };
      }),
    );
    outcomes.forEach((o, i) => {
      expect(o).toEqual({
        id: `par-${i}`,
        withConsent: [],
        afterRevoke: i % 2 === 0 ? ['CONSENT_REQUIRED'] : [],
        expired: 'Нужен действующий маркер доступа ЕСИА: срок действия маркера истёк',
        clockAhead: 61 + i,
      });
    });
    const list = (await call('GET', '/_edusim/sandboxes')).json.sandboxes as { id: string }[];
    expect(list.filter((s) => s.id.startsWith('par-'))).toHaveLength(200);
    expect(server.app.sandbox.consents.list(teacherOid)).toEqual([]);
    expect(Math.abs(server.app.sandbox.clock.view().offsetMs)).toBeLessThan(5_000);
    await Promise.all(ids.map((id) => call('DELETE', `/_edusim/sandboxes/${id}`)));
  }, 120_000);

  it('refuses a token of another sandbox at the gateway, ESIA and the diary, naming both sandboxes', async () => {
    const [a, b] = [(await call('POST', '/_edusim/sandboxes', {})).json.id as string, (await call('POST', '/_edusim/sandboxes', {})).json.id as string];
    const token = await login(a, true);
    await call('POST', '/esia/sim/login', { persona: 'teacher-with-rights', consent: true }, inSandbox(b));
    expect(codes(await flow(a, token))).toEqual([]);
    for (const other of [b, 'default']) {
      const refused = await flow(other, token);
      expect(refused.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
      expect(refused.errors?.[0]?.message).toBe(
        `Нужен действующий маркер доступа ЕСИА: маркер выдан в песочнице «${a}», а запрос адресован песочнице «${other}»`,
      );
    }
    const person = await call('GET', `/sandboxes/${b}/esia/rs/prns/${teacherOid}`, undefined, { authorization: `Bearer ${token}` });
    expect(person.status).toBe(401);
    expect(person.json.error).toBe('access_denied');
    expect(person.json.error_description).toMatch(new RegExp(`^ESIA-007019: .*маркер выдан в песочнице «${a}», а запрос адресован песочнице «${b}»\\)$`));
    expect((await call('GET', `/sandboxes/${a}/esia/rs/prns/${teacherOid}`, undefined, { authorization: `Bearer ${token}` })).status).toBe(200);

    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    const diaryToken = (
      await fetch(`${server.url}/sandboxes/${a}/diary/36/token`, {
        method: 'POST',
        headers: form,
        body: 'grant_type=client_credentials&client_id=FGIS_MYSCHOOL&client_secret=myschool-secret',
      }).then((r) => r.json() as Promise<{ access_token: string }>)
    ).access_token;
    const mine = await call('GET', `/sandboxes/${a}/diary/36/Schedule/${teacherOid}?start=2026-11-16&end=2026-11-20`, undefined, {
      authorization: `Bearer ${diaryToken}`,
    });
    expect(mine.status).toBe(200);
    const theirs = await call('GET', `/sandboxes/${b}/diary/36/Schedule/${teacherOid}?start=2026-11-16&end=2026-11-20`, undefined, {
      authorization: `Bearer ${diaryToken}`,
    });
    expect(theirs.status).toBe(401);
    expect(theirs.json.issue).toEqual([
      { severity: 'error', code: 'security', details: { text: `маркер выдан дневником песочницы «${a}», а запрос адресован песочнице «${b}»` } },
    ]);
  });

  it('keeps the diary answering after a reset (the gateway fetches a new diary token when the old one is forgotten)', async () => {
    const id = (await call('POST', '/_edusim/sandboxes', {})).json.id as string;
    const token = await login(id, true);
    expect(codes(await flow(id, token))).toEqual([]);
    await call('POST', `/_edusim/sandboxes/${id}/reset`);
    await call('POST', `/_edusim/sandboxes/${id}/scenarios`, { name: 'consent-granted', params: { persona: 'teacher-with-rights' } });
    expect(codes(await flow(id, token))).toEqual([]);
  });

  it('answers a malformed sandbox id in the path with 404, not a crash', async () => {
    for (const path of ['/sandboxes/%ZZ/health', '/sandboxes/%E0%A4%A/graphql', '/sandboxes/%/esia/.well-known/jwks.json'])
      expect([path, (await fetch(`${server.url}${path}`)).status]).toEqual([path, 404]);
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
  });

  it('answers an unknown sandbox with 404 and how to create one', async () => {
    const expected = {
      error: 'unknown_sandbox',
      message: 'no sandbox "ghost"; create one with POST /_edusim/sandboxes (or `edusim sandbox create`); list them with GET /_edusim/sandboxes',
    };
    expect(await call('GET', '/sandboxes/ghost/esia/.well-known/jwks.json')).toEqual({ status: 404, json: expected });
    expect(await call('POST', '/graphql', { query: '{ __typename }' }, inSandbox('ghost'))).toEqual({ status: 404, json: expected });
    expect((await call('GET', '/_edusim/sandboxes/ghost')).status).toBe(404);
  });

  it('writes the sandbox’s URLs in the form the request came in with', async () => {
    const id = (await call('POST', '/_edusim/sandboxes', {})).json.id as string;
    const prefixed = `${server.url}/sandboxes/${id}`;
    const discovery = (await call('GET', `/sandboxes/${id}/esia/.well-known/openid-configuration`)).json;
    expect({ token: discovery.token_endpoint, jwks: discovery.jwks_uri }).toEqual({
      token: `${prefixed}/esia/aas/oauth2/v3/te`,
      jwks: `${prefixed}/esia/.well-known/jwks.json`,
    });
    const headerForm = (await call('GET', '/esia/.well-known/openid-configuration', undefined, inSandbox(id))).json;
    expect(headerForm.token_endpoint).toBe(`${server.url}/esia/aas/oauth2/v3/te`);
    const jwks = (await call('GET', `/sandboxes/${id}/esia/.well-known/jwks.json`)).json as { keys: { kid: string }[] };
    expect(jwks.keys.map((k) => k.kid)).toEqual([`edusim-${id}-1`]);

    const token = await login(id, false);
    const response = await fetch(`${prefixed}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: FLOW, variables: WEEK }),
    });
    const body = (await response.json()) as GraphQLBody;
    expect(body.errors?.[0]?.extensions?.['grantAt']).toBe(`${prefixed}/consent/page?oid=${teacherOid}`);
    await call('POST', `/_edusim/sandboxes/${id}/scenarios`, { name: 'consent-granted', params: { persona: 'teacher-with-rights' } });
    const traced = await fetch(`${prefixed}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-edusim-trace': '1' },
      body: JSON.stringify({ query: FLOW, variables: WEEK }),
    }).then((r) => r.json() as Promise<GraphQLBody>);
    expect(traced.extensions?.trace?.find((s) => s.step === 'diary')?.url).toBe(`${prefixed}/diary/36/Schedule/${teacherOid}?start=2026-11-16&end=2026-11-20`);

    const page = await fetch(
      `${prefixed}/esia/aas/oauth2/v2/ac?client_id=EDUSIM&response_type=code&scope=openid&redirect_uri=http://localhost:3000/callback&state=0b3b5a3e-7c1d-4f6e-9a2b-5d8c1e2f3a4b&timestamp=2026.11.23+09:00:00+%2B0300&client_secret=x`,
    );
    expect(await page.text()).toContain(`action="${prefixed}/esia/login"`);
  });

  it('refuses bad admin input with the field named, and non-JSON bodies', async () => {
    expect(await call('POST', '/_edusim/sandboxes', { scale: 'galaxy' })).toEqual({
      status: 400,
      json: { error: 'bad_request', message: 'POST /_edusim/sandboxes: scale: Invalid option: expected one of "demo"|"region"|"country"' },
    });
    const plain = await fetch(`${server.url}/_edusim/sandboxes`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{}' });
    expect(plain.status).toBe(415);
    expect(await call('PUT', '/_edusim/sandboxes/default/clock', { action: 'advance', by: '2 hours' })).toEqual({
      status: 400,
      json: { error: 'bad_request', message: 'PUT /_edusim/sandboxes/default/clock: by: expected an ISO-8601 duration, e.g. PT30M, PT2H, P1D' },
    });
    expect((await call('PUT', '/_edusim/sandboxes/default/clock', { action: 'rewind' })).status).toBe(400);
    expect(await call('POST', '/_edusim/sandboxes/default/scenarios', { name: 'world-peace' })).toEqual({
      status: 404,
      json: {
        error: 'not_found',
        message:
          'scenario "world-peace" does not exist; scenarios: consent-granted, consent-revoked, child-account-created, parent-linked, lesson-permission-given, teacher-library-rights-granted, lesson-added-to-timetable, diary-down, diary-restored',
      },
    });
    const old = await fetch(`${server.url}/admin/personas`);
    expect(old.headers.get('deprecation')).toBe('true');
    expect(old.headers.get('link')).toBe('</_edusim/personas>; rel="successor-version"');
  });
});

describe('the state and snapshot documents under abuse', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer(world, { port: 0, host: '127.0.0.1' });
  });
  afterAll(() => server.close());
  const put = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${server.url}${path}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  it('checks a whole state document before it changes anything, names the first bad path, and never echoes the body', async () => {
    const id = 'abuse-state';
    await fetch(`${server.url}/_edusim/sandboxes`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ id }) });
    await fetch(`${server.url}/_edusim/sandboxes/${id}/scenarios`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'consent-granted', params: { persona: 'teacher-with-rights' } }),
    });
    const before = (await (await fetch(`${server.url}/sandboxes/${id}/_edusim/state`)).json()) as { state: { consents: unknown[] } } & Record<string, unknown>;
    expect(before.state.consents).toHaveLength(1);
    const attempts: [unknown, number, string][] = [
      [
        { ...before, state: { ...before.state, consents: [null] } },
        400,
        'PUT /_edusim/state: state: consents[0]: Invalid input: expected object, received null',
      ],
      [
        { ...before, state: { ...before.state, consents: [{ ...(before.state.consents[0] as object), scopes: 'x', grantedAt: undefined }] } },
        400,
        'PUT /_edusim/state: state: consents[0].scopes: Invalid input: expected array, received string',
      ],
      [
        { ...before, state: { ...before.state, consents: Array.from({ length: 20_000 }, () => 'x'.repeat(4)) } },
        400,
        'PUT /_edusim/state: state: consents[0]: Invalid input: expected object, received string',
      ],
      [
        { ...before, world: { ...(before['world'] as object), seed: 7 } },
        400,
        "PUT /_edusim/state: the document is of another world (seed 7, demo, region 36, 2026-11-23); this sandbox's world is seed 42, demo, region 36, 2026-11-23",
      ],
      [{ ...before, version: 2 }, 400, 'PUT /_edusim/state: state format version 2 is not supported: this edusim reads version 1'],
    ];
    for (const [document, status, message] of attempts) {
      const response = await put(`/sandboxes/${id}/_edusim/state`, document);
      const text = await response.text();
      expect({ status: response.status, body: JSON.parse(text) }).toEqual({ status, body: { error: 'bad_request', message } });
      expect(text.length).toBeLessThan(600);
    }
    const deep = `{"format":"edusim-state","version":1,"worldId":"x","world":{},"state":${'['.repeat(5000)}${']'.repeat(5000)}}`;
    expect((await put(`/sandboxes/${id}/_edusim/state`, deep)).status).toBe(400);
    const after = (await (await fetch(`${server.url}/sandboxes/${id}/_edusim/state`)).json()) as unknown;
    expect(after).toEqual(before);
  });

  it.each([
    ['id', 7, 'consents[0].id: Invalid input: expected string, received number'],
    ['subjectOid', 'x', 'consents[0].subjectOid: Invalid input: expected number, received string'],
    ['grantorOid', -5, 'consents[0].grantorOid: Too small: expected number to be >0'],
    ['recipient', null, 'consents[0].recipient: Invalid input: expected string, received null'],
    [
      'purpose',
      'ANYTHING',
      'consents[0].purpose: Invalid option: expected one of "EDU_JOURNAL"|"KID_SCHOOL"|"KID_EDUCATION"|"EDUSIM_MYSCHOOL_TRANSFER"|"EDUSIM_LESSON_ACCESS"',
    ],
    ['scopes', 'x', 'consents[0].scopes: Invalid input: expected array, received string'],
    ['grantedAt', undefined, 'consents[0].grantedAt: expected an ISO-8601 instant with a zone, e.g. 2026-11-23T09:00:00+03:00'],
    ['expiresAt', 'tomorrow', 'consents[0].expiresAt: expected an ISO-8601 instant with a zone, e.g. 2026-11-23T09:00:00+03:00'],
    ['revokedAt', 5, 'consents[0].revokedAt: expected an ISO-8601 instant with a zone, e.g. 2026-11-23T09:00:00+03:00'],
  ])('refuses a consent record with a bad %s, naming it, and keeps the state (attack: bad records broke the pages for good)', async (field, value, problem) => {
    const document = (await (await fetch(`${server.url}/_edusim/state`)).json()) as { state: Record<string, unknown> };
    const record = {
      id: 'c1',
      subjectOid: teacherOid,
      grantorOid: teacherOid,
      recipient: 'FGIS_MYSCHOOL',
      purpose: 'EDU_JOURNAL',
      scopes: [],
      grantedAt: '2026-11-23T06:00:00Z',
      expiresAt: null,
      revokedAt: null,
    };
    const response = await put('/_edusim/state', { ...document, state: { ...document.state, consents: [{ ...record, [field]: value }] } });
    expect({ status: response.status, body: await response.json() }).toEqual({
      status: 400,
      body: { error: 'bad_request', message: `PUT /_edusim/state: state: ${problem}` },
    });
    expect(await (await fetch(`${server.url}/_edusim/state`)).json()).toEqual(document);
  });

  it('refuses a stale write: GET gives an ETag, PUT with an old If-Match gets 412 and changes nothing', async () => {
    const first = await fetch(`${server.url}/_edusim/state`);
    const tag = first.headers.get('etag') ?? '';
    const document = (await first.json()) as { state: Record<string, unknown> };
    const mine = { ...document, state: { ...document.state, lessonPermissions: { '36-pupil-86': true } } };
    const accepted = await put('/_edusim/state', mine, { 'if-match': tag });
    expect(accepted.status).toBe(200);
    const newer = accepted.headers.get('etag');
    expect(newer).not.toBe(tag);
    const stale = await put('/_edusim/state', { ...document, state: { ...document.state, lessonPermissions: {} } }, { 'if-match': tag });
    expect(stale.status).toBe(412);
    expect(((await stale.json()) as { error: string }).error).toBe('precondition_failed');
    expect(server.app.sandbox.state.lessonPermissions.get('36-pupil-86')).toBe(true);

    const snap = await fetch(`${server.url}/_edusim/sandboxes/default/snapshot`);
    const snapTag = snap.headers.get('etag') ?? '';
    const snapshot = await snap.json();
    expect((await put('/_edusim/sandboxes/default/snapshot', snapshot, { 'if-match': snapTag })).status).toBe(200);
    server.app.sandbox.state.teacherRights.set('36-teacher-1', true);
    expect((await put('/_edusim/sandboxes/default/snapshot', snapshot, { 'if-match': snapTag })).status).toBe(412);
    expect(server.app.sandbox.state.teacherRights.get('36-teacher-1')).toBe(true);
  });
});

describe('the control surface with an admin token', () => {
  const TOKEN = 'operator-token-0123456789';
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer(world, { port: 0, host: '127.0.0.1' }, { adminToken: TOKEN });
  });
  afterAll(() => server.close());
  const send = (method: string, path: string, headers: Record<string, string> = {}, body?: unknown) =>
    fetch(`${server.url}${path}`, {
      method,
      headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });

  it('lets the operator in everywhere, a sandbox secret into its own controls only, and nobody else', async () => {
    expect((await send('POST', '/_edusim/sandboxes', {}, {})).status).toBe(401);
    const admin = { 'x-edusim-admin-token': TOKEN };
    const a = (await (await send('POST', '/_edusim/sandboxes', admin, {})).json()) as { id: string; secret: string };
    const b = (await (await send('POST', '/_edusim/sandboxes', admin, {})).json()) as { id: string; secret: string };
    expect(a.secret).toMatch(/^[\w-]{24}$/);
    const own = { 'x-edusim-secret': a.secret };
    expect((await send('GET', `/_edusim/sandboxes/${a.id}`, own)).status).toBe(200);
    expect((await send('PUT', `/_edusim/sandboxes/${a.id}/clock`, own, { action: 'advance', by: 'PT1H' })).status).toBe(200);
    const foreign = await send('POST', `/_edusim/sandboxes/${b.id}/reset`, own);
    expect(foreign.status).toBe(401);
    expect(await foreign.json()).toEqual({
      error: 'unauthorized',
      message: `POST /_edusim/sandboxes/${b.id}/reset: the controls of sandbox "${b.id}" need the operator's x-edusim-admin-token or the sandbox's x-edusim-secret (returned when it was created)`,
    });
    expect((await send('POST', `/sandboxes/${a.id}/esia/sim/login`, own, { persona: 'teacher-with-rights' })).status).toBe(200);
    expect((await send('POST', `/sandboxes/${b.id}/esia/sim/login`, own, { persona: 'teacher-with-rights' })).status).toBe(401);
    const oid = teacherOid;
    for (const [method, path, body] of [
      ['GET', `/_edusim/people/${oid}`, undefined],
      ['GET', '/admin/state', undefined],
      ['POST', '/esia/sim/login', { persona: 'teacher-with-rights' }],
      ['POST', '/esia/sim/keys/rotate', undefined],
      ['PUT', '/diary/36/sim/fault', { mode: 'down' }],
      ['GET', '/_edusim/sandboxes', undefined],
    ] as const)
      expect([method, path, (await send(method, path, {}, body)).status]).toEqual([method, path, 401]);
    for (const path of ['/health', '/esia/.well-known/jwks.json', '/_edusim/scenarios', '/demo'])
      expect([path, (await send('GET', path)).status]).toEqual([path, 200]);
    expect((await send('GET', `/_edusim/people/${oid}`, admin)).status).toBe(200);
  });
});

describe('split mode: subgraph services answer only the gateway', () => {
  it('refuses a local caller that claims a viewer in headers, signed or not by it', async () => {
    const server = await startServer(world, { port: 0, host: '127.0.0.1' }, { split: true });
    try {
      const registry = server.app.splitServices.find((s) => s.name === 'registry')?.url ?? '';
      const pupil = findPersona(world, 'pupil-child-account').person;
      const attack = {
        query:
          '{ _entities(representations: [{ __typename: "Person", oid: "' +
          String(pupil.account?.oid) +
          '" }]) { ... on Person { registry { region { code } } } } }',
      };
      const refusals = [
        'x-edusim-forward-signature is missing: this subgraph answers only a gateway that signs the forwarded headers',
        'x-edusim-forward-signature does not match the forwarded headers: sign them with the secret this subgraph shares with its gateway',
      ];
      for (const [i, extra] of ([{}, { 'x-edusim-forward-signature': 'A'.repeat(43) }] as Record<string, string>[]).entries()) {
        const response = await fetch(registry, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-edusim-viewer-oid': String(pupil.account?.oid), 'x-edusim-viewer-client': 'EDUSIM', ...extra },
          body: JSON.stringify(attack),
        });
        expect(response.status).toBe(403);
        expect(await response.json()).toEqual({
          errors: [{ message: refusals[i], extensions: { code: 'FORBIDDEN' } }],
        });
      }
      const token = (
        (await (
          await fetch(`${server.url}/esia/sim/login`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ persona: 'teacher-with-rights', consent: true }),
          })
        ).json()) as { access_token: string }
      ).access_token;
      const through = (await (
        await fetch(`${server.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ query: '{ me { registry { region { code } } } }' }),
        })
      ).json()) as GraphQLBody;
      expect(through).toEqual({ data: { me: { registry: { region: { code: '36' } } } } });
    } finally {
      await server.close();
    }
  });
});

describe('split mode: a third-party gateway in front of the subgraphs', () => {
  it('is answered when it signs the forwarded headers with EDUSIM_FORWARD_SECRET as docs/split-mode.md says', async () => {
    const secret = 'third-party-gateway-shared-secret-0123456789';
    const server = await startServer(world, { port: 0, host: '127.0.0.1' }, { split: true, forwardSecret: secret });
    try {
      const registry = server.app.splitServices.find((s) => s.name === 'registry')?.url ?? '';
      const teacher = findPersona(world, 'teacher-with-rights').person;
      await fetch(`${server.url}/esia/sim/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ persona: 'teacher-with-rights', consent: true }),
      });
      // Written from the document alone: the nine headers in order, `name:value` joined by \n, HMAC-SHA256, base64url.
      const order = [
        'x-edusim-viewer-oid',
        'x-edusim-viewer-client',
        'x-edusim-auth-error',
        'x-edusim-role',
        'x-edusim-trace',
        'x-edusim-sandbox',
        'x-edusim-base-url',
        'x-edusim-trace-id',
        'x-edusim-forward-issued-at',
      ];
      const headers: Record<string, string> = {
        'x-edusim-viewer-oid': String(teacher.account?.oid),
        'x-edusim-viewer-client': 'EDUSIM',
        'x-edusim-sandbox': 'default',
        'x-edusim-base-url': server.url,
        'x-edusim-forward-issued-at': String(Math.floor(Date.now() / 1000)),
      };
      const text = order.map((name) => `${name}:${headers[name] ?? ''}`).join('\n');
      headers['x-edusim-forward-signature'] = createHmac('sha256', secret).update(text).digest('base64url');
      const response = await fetch(registry, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({
          query: `{ _entities(representations: [{ __typename: "Person", oid: "${teacher.account?.oid}" }]) { ... on Person { registry { region { code } } } } }`,
        }),
      });
      expect([response.status, await response.json()]).toEqual([200, { data: { _entities: [{ registry: { region: { code: '36' } } }] } }]);
    } finally {
      await server.close();
    }
  });
});

describe('sandboxes kept in a --state file', () => {
  it('come back after a restart with the same consents, clients and clock', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'edusim-state-')), 'sandboxes.json');
    const first = await startServer(world, { port: 0, host: '127.0.0.1' }, { store: await FileStore.open(path, 10) });
    const post = (url: string, body: unknown) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const created = (await (await post(`${first.url}/_edusim/sandboxes`, { id: 'kept', clock: { at: '2026-12-01T10:00:00+03:00', frozen: true } })).json()) as {
      id: string;
    };
    await post(`${first.url}/_edusim/sandboxes/kept/scenarios`, { name: 'consent-granted', params: { persona: 'teacher-with-rights' } });
    await post(`${first.url}/sandboxes/kept/esia/sim/clients`, { clientId: 'VENDOR01', redirectUris: ['https://vendor.example/cb'], scopes: ['openid'] });
    const before = await (await fetch(`${first.url}/_edusim/sandboxes/kept/snapshot`)).json();
    await first.close();

    const second = await startServer(world, { port: 0, host: '127.0.0.1' }, { store: await FileStore.open(path, 10) });
    try {
      const info = (await (await fetch(`${second.url}/_edusim/sandboxes/${created.id}`)).json()) as { clients: string[]; clock: { now: string; mode: string } };
      expect({ clients: info.clients, clock: { now: info.clock.now, mode: info.clock.mode } }).toEqual({
        clients: ['EDUSIM', 'VENDOR01'],
        clock: { now: '2026-12-01T07:00:00.000Z', mode: 'frozen' },
      });
      const after = (await (await fetch(`${second.url}/_edusim/sandboxes/kept/snapshot`)).json()) as Record<string, unknown>;
      // A frozen clock is kept by its instant; its distance from the machine's clock has moved on meanwhile.
      const comparable = (snapshot: Record<string, unknown>) => ({ ...snapshot, takenAt: null, clock: { ...(snapshot['clock'] as object), offsetMs: null } });
      expect(comparable(after)).toEqual(comparable(before as Record<string, unknown>));
      const token = (await (await post(`${second.url}/sandboxes/kept/esia/sim/login`, { persona: 'teacher-with-rights' })).json()) as { access_token: string };
      const flowed = (await (
        await fetch(`${second.url}/sandboxes/kept/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token.access_token}` },
          body: JSON.stringify({ query: FLOW, variables: WEEK }),
        })
      ).json()) as GraphQLBody;
      expect(flowed.errors ?? []).toEqual([]);
    } finally {
      await second.close();
    }
  });
});
