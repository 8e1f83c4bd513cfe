/**
 * `edusim/msw`: every system of the host through msw in-process — ESIA (discovery, JWKS, the HTML
 * login with the consent screen, the token endpoint, the person REST), the consent platform, a
 * region's diary, the admin API and the GraphQL gateway — on the seeded demo world, so the values
 * are exact. Then the same host behind per-system URLs, and what the handlers leave alone.
 */
import { readFileSync } from 'node:fs';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEdusimHandlers, type EdusimMsw } from './msw.ts';
import { AddressBook } from './msw-addresses.ts';

const FLOW = readFileSync(new URL('../examples/flow.graphql', import.meta.url), 'utf8');
const WEEK = { from: '2026-11-16', to: '2026-11-20' };
const REDIRECT = 'http://localhost:3000/callback';
const PUPIL = { oid: 1925793672, name: 'Никонов Павел Борисович' }; // pupil-child-account, seed 42
const TEACHER = { oid: 1861968956, name: 'Королева Татьяна Валерьевна' }; // teacher-with-rights, seed 42

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

/** The payload of a JWT, unverified. */
const claims = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
const form = (fields: Record<string, string>) => ({ method: 'POST', body: new URLSearchParams(fields), redirect: 'manual' }) as const;
const timestamp = '2026.11.23 10:00:00 +0300';

async function graphql(url: string, token: string, query: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
    body: JSON.stringify({ query, variables: WEEK }),
  });
  return (await response.json()) as { data?: { me: Record<string, unknown> | null }; errors?: { message: string; extensions?: Record<string, unknown> }[] };
}

/** ESIA's login page: the hidden request id and where its forms post. */
function loginForm(html: string): { action: string; request: string } {
  const m = /<form method="post" action="([^"]+)"[^>]*><input type="hidden" name="request" value="([^"]+)">/.exec(html);
  if (!m?.[1] || !m[2]) throw new Error(`no login form in ${html.slice(0, 200)}`);
  return { action: m[1], request: m[2] };
}

describe('edusim/msw at its base URL', () => {
  let edusim: EdusimMsw;
  const B = 'http://edusim.test';
  beforeAll(async () => {
    edusim = await createEdusimHandlers({ seed: 42 });
    server.use(...edusim.handlers);
  });
  afterAll(async () => {
    server.resetHandlers();
    await edusim.close();
  });

  it('answers ESIA discovery and the JWKS, with links to itself', async () => {
    const discovery = (await (await fetch(`${B}/esia/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    expect(discovery).toMatchObject({
      issuer: 'http://esia.gosuslugi.ru/',
      authorization_endpoint: `${B}/esia/aas/oauth2/v2/ac`,
      token_endpoint: `${B}/esia/aas/oauth2/v3/te`,
      jwks_uri: `${B}/esia/.well-known/jwks.json`,
      code_challenge_methods_supported: ['S256'],
    });
    const jwks = (await (await fetch(String(discovery['jwks_uri']))).json()) as { keys: { kid: string; kty: string }[] };
    expect(jwks.keys.map((k) => [k.kid, k.kty])).toEqual([['edusim-default-1', 'RSA']]);
  });

  it('logs a person in through the HTML login form and the consent screen, PKCE and cookie included', async () => {
    const permissions = Buffer.from(
      JSON.stringify([
        {
          sysname: 'EDU_JOURNAL',
          expire: 60,
          actions: [{ sysname: 'ALL_ACTIONS_TO_DATA' }],
          purposes: [{ sysname: 'EDU' }],
          scopes: [{ sysname: 'fullname' }],
        },
      ]),
    ).toString('base64url');
    const verifier = 'a-pkce-verifier-of-at-least-forty-three-characters-0001';
    const challenge = (await import('node:crypto')).createHash('sha256').update(verifier).digest('base64url');
    const authorize = new URL(`${B}/esia/aas/oauth2/v2/ac`);
    authorize.search = new URLSearchParams({
      client_id: 'EDUSIM',
      response_type: 'code',
      scope: 'openid fullname birthdate snils',
      redirect_uri: REDIRECT,
      state: 'f918e3be-664e-45db-b5a2-adbf5d6ae3f6',
      timestamp,
      client_secret: 'x',
      permissions,
      code_challenge: challenge,
      code_challenge_method: 'S256',
    }).toString();
    const page = await fetch(authorize);
    expect(page.status).toBe(200);
    const login = loginForm(await page.text());
    expect(login.action).toBe(`${B}/esia/login`);

    const consentScreen = await fetch(login.action, form({ request: login.request, persona: 'teacher-with-rights' }));
    const screen = await consentScreen.text();
    expect(screen).toContain(`${TEACHER.name}, oid ${TEACHER.oid}`);
    const proof = /name="login" value="([^"]+)"/.exec(screen)?.[1] ?? '';
    expect(screen).toContain(`action="${B}/esia/consent"`);

    const redirect = await fetch(`${B}/esia/consent`, form({ request: login.request, login: proof, decision: 'allow' }));
    expect(redirect.status).toBe(302);
    const callback = new URL(redirect.headers.get('location') ?? '');
    expect(`${callback.origin}${callback.pathname}`).toBe(REDIRECT);
    expect(callback.searchParams.get('state')).toBe('f918e3be-664e-45db-b5a2-adbf5d6ae3f6');
    const cookies = redirect.headers.getSetCookie();
    expect(cookies).toHaveLength(1);
    expect(cookies[0]).toMatch(new RegExp(`^edusim_esia_default=${TEACHER.oid}\\.\\d+\\.[\\w-]{43}; Path=/; HttpOnly; SameSite=Lax; Max-Age=3600$`));

    const exchange = await fetch(
      `${B}/esia/aas/oauth2/v3/te`,
      form({
        grant_type: 'authorization_code',
        client_id: 'EDUSIM',
        code: callback.searchParams.get('code') ?? '',
        redirect_uri: REDIRECT,
        code_verifier: verifier,
        state: '0b7f1c2e-1111-4111-8111-111111111111',
        timestamp,
        client_secret: 'x',
      }),
    );
    expect(exchange.status).toBe(200);
    const tokens = (await exchange.json()) as { access_token: string; id_token: string; token_type: string; expires_in: number };
    expect(tokens).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
    expect(claims(tokens.id_token)).toMatchObject({ sub: TEACHER.oid, aud: 'EDUSIM', 'urn:edusim:sandbox': 'default' });
    expect(claims(tokens.access_token)).toMatchObject({ 'urn:esia:sbj_id': TEACHER.oid, client_id: 'EDUSIM' });

    const person = await fetch(`${B}/esia/rs/prns/${TEACHER.oid}`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    expect(await person.json()).toMatchObject({
      firstName: 'Татьяна',
      lastName: 'Королева',
      middleName: 'Валерьевна',
      birthDate: '13.12.1987',
      snils: '844-868-587 78',
    });

    // The consent screen recorded the consent at the consent platform: its REST and its page (with ESIA's cookie) show it.
    const rest = (await (await fetch(`${B}/consent/consents`, { headers: { authorization: `Bearer ${tokens.access_token}` } })).json()) as {
      consents: Record<string, unknown>[];
    };
    expect(rest.consents.map((c) => [c['purpose'], c['recipient'], c['status'], c['subjectOid']])).toEqual([['EDU_JOURNAL', 'EDUSIM', 'active', TEACHER.oid]]);
    const cookie = (cookies[0] ?? '').split(';')[0] ?? '';
    const consentPage = await fetch(`${B}/consent/page`, { headers: { cookie }, redirect: 'manual' });
    expect(consentPage.status).toBe(200);
    expect(await consentPage.text()).toContain(`Согласия: ${TEACHER.name}`);
    // msw keeps a cookie jar for mocked answers, as a browser would: the session comes back unasked — until logout.
    expect((await fetch(`${B}/consent/page`, { redirect: 'manual' })).status).toBe(200);
    const logout = await fetch(`${B}/esia/idp/ext/Logout?client_id=EDUSIM`);
    expect(logout.headers.getSetCookie()).toEqual(['edusim_esia_default=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0']);
    const anonymous = await fetch(`${B}/consent/page`, { redirect: 'manual' });
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get('location')).toBe(`${B}/esia/sim/session?return=${encodeURIComponent(`${B}/consent/page`)}`);
  });

  it('records a consent over the consent platform’s REST, as the person', async () => {
    const { access_token } = await edusim.login({ persona: 'teacher-with-rights' });
    const granted = await fetch(`${B}/consent/consents`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${access_token}` },
      body: JSON.stringify({ purpose: 'EDUSIM_MYSCHOOL_TRANSFER', scopes: ['fullname'], expiresInMinutes: 60 }),
    });
    expect(granted.status).toBe(201);
    expect(await granted.json()).toMatchObject({ subjectOid: TEACHER.oid, grantorOid: TEACHER.oid, recipient: 'FGIS_MYSCHOOL', status: 'active' });
    const refused = await fetch(`${B}/consent/consents`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(refused.status).toBe(401);
  });

  it('serves a region’s diary on the federal contract: client-credentials token, then the Schedule', async () => {
    const token = await fetch(`${B}/diary/36/token`, form({ grant_type: 'client_credentials', client_id: 'FGIS_MYSCHOOL', client_secret: 'myschool-secret' }));
    const { access_token } = (await token.json()) as { access_token: string };
    expect(access_token).toMatch(/^default\./);
    const response = await fetch(`${B}/diary/36/Schedule/${PUPIL.oid}?start=${WEEK.from}&end=${WEEK.to}`, {
      headers: { authorization: `Bearer ${access_token}` },
    });
    expect(response.status).toBe(200);
    const schedule = (await response.json()) as {
      resourceType: string;
      school: { name: string; scheduleUrl: string; academYear: string; class: { class: string; lesson: { subject: string; score?: unknown[] }[] }[] }[];
    };
    const [school] = schedule.school;
    expect(school).toMatchObject({ name: 'МАОУ «Гимназия № 4»', academYear: '2026/27', scheduleUrl: `${B}/diary/36/schools/36-00001/schedule` });
    const lessons = school?.class[0]?.lesson ?? [];
    expect([school?.class[0]?.class, lessons.length, lessons[0]?.subject, lessons.flatMap((l) => l.score ?? []).length]).toEqual([
      '3А',
      23,
      'Разговоры о важном',
      8,
    ]);
  });

  it('runs the flow query on the gateway, the trace naming the diary at its msw address', async () => {
    const { access_token } = await edusim.login({ persona: 'pupil-child-account', consent: true });
    const response = await fetch(`${B}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${access_token}`, 'x-edusim-trace': '1' },
      body: JSON.stringify({ query: FLOW, variables: WEEK }),
    });
    const body = (await response.json()) as {
      data: { me: Record<string, unknown> };
      errors?: unknown;
      extensions: { trace: { step: string; url?: string }[] };
    };
    expect(body.errors).toBeUndefined();
    const { me } = body.data;
    expect(me).toMatchObject({ oid: String(PUPIL.oid), fullName: PUPIL.name, birthDate: '2016-09-03', accountLevel: 'STANDARD', childAccount: true });
    expect(me['registry']).toEqual({
      region: { code: '36', name: 'Воронежская область' },
      memberships: [
        {
          role: 'PUPIL',
          school: {
            name: 'МАОУ «Гимназия № 4»',
            address: '394078, Воронежская область, г. Воронеж, ул. Мира, д. 91',
            ogrn: '1033629479278',
            inn: '3629414001',
            oktmo: '20701000001',
            isBranch: false,
          },
          class: { name: '3А', grade: 3 },
        },
      ],
    });
    const diary = me['diary'] as { platform: string; entries: { lessons: { marks: { value: string }[] }[] }[] };
    expect(diary.platform).toBe('ТОР «Моя школа» (ранее Дневник.ру)');
    expect(diary.entries.flatMap((e) => e.lessons)).toHaveLength(23);
    expect(diary.entries.flatMap((e) => e.lessons.flatMap((l) => l.marks)).length).toBe(8);
    expect(me['lessonAccess']).toMatchObject({ allowed: true });
    expect(body.extensions.trace.find((t) => t.step === 'diary')?.url).toBe(`${B}/diary/36/Schedule/${PUPIL.oid}?start=${WEEK.from}&end=${WEEK.to}`);
  });

  it('creates a sandbox through the admin API, keeps tokens in their sandbox, and moves its clock', async () => {
    const created = await fetch(`${B}/_edusim/sandboxes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id: 'qa-msw', clock: { at: '2026-11-23T10:00:00+03:00', frozen: true } }),
    });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toBe('/_edusim/sandboxes/qa-msw');
    expect(await created.json()).toMatchObject({
      id: 'qa-msw',
      world: { seed: 42, scale: 'demo', region: '36' },
      clock: { mode: 'frozen', now: '2026-11-23T07:00:00.000Z' },
      urls: { base: `${B}/sandboxes/qa-msw`, graphql: `${B}/sandboxes/qa-msw/graphql`, esia: `${B}/sandboxes/qa-msw/esia` },
    });

    // A token of the default sandbox is refused in qa-msw, naming both — at the gateway, ESIA's REST and the diary.
    const outsider = (await edusim.login({ persona: 'teacher-with-rights', consent: true })).access_token;
    const mismatch = 'маркер выдан в песочнице «default», а запрос адресован песочнице «qa-msw»';
    const refused = await graphql(`${B}/graphql`, outsider, '{ me { oid } }', { 'x-edusim-sandbox': 'qa-msw' });
    expect(refused.errors?.[0]).toMatchObject({ message: `Нужен действующий маркер доступа ЕСИА: ${mismatch}`, extensions: { code: 'UNAUTHENTICATED' } });
    const rs = await fetch(`${B}/sandboxes/qa-msw/esia/rs/prns/${TEACHER.oid}`, { headers: { authorization: `Bearer ${outsider}` } });
    expect([rs.status, ((await rs.json()) as { error_description: string }).error_description]).toEqual([
      401,
      `ESIA-007019: Отсутствует разрешение на доступ (the access token is not valid: ${mismatch})`,
    ]);

    // Its own token works there, by path prefix or by header; sessions of its ESIA are scoped to its path.
    const own = await edusim.login({ persona: 'teacher-with-rights', consent: true, sandbox: 'qa-msw' });
    expect(claims(own.access_token)['urn:edusim:sandbox']).toBe('qa-msw');
    expect((await graphql(edusim.url('/graphql', 'qa-msw'), own.access_token, '{ me { oid } }')).data?.me).toEqual({ oid: String(TEACHER.oid) });
    expect((await graphql(`${B}/graphql`, own.access_token, '{ me { oid } }', { 'x-edusim-sandbox': 'qa-msw' })).data?.me).toEqual({
      oid: String(TEACHER.oid),
    });
    const logout = await fetch(`${B}/sandboxes/qa-msw/esia/idp/ext/Logout?client_id=EDUSIM`);
    expect(logout.headers.getSetCookie()).toEqual(['edusim_esia_qa_msw=; Path=/sandboxes/qa-msw/; HttpOnly; SameSite=Lax; Max-Age=0']);

    // Two hours on the sandbox's clock: the one-hour token has expired there.
    const clock = await fetch(`${B}/_edusim/sandboxes/qa-msw/clock`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'advance', by: 'PT2H' }),
    });
    expect(await clock.json()).toMatchObject({ mode: 'frozen', now: '2026-11-23T09:00:00.000Z', today: '2026-11-23' });
    const expired = await graphql(edusim.url('/graphql', 'qa-msw'), own.access_token, '{ me { oid } }');
    expect(expired.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');

    expect((await fetch(`${B}/_edusim/sandboxes/qa-msw`, { method: 'DELETE' })).status).toBe(204);
    expect((await fetch(`${B}/sandboxes/qa-msw/graphql`, { method: 'POST' })).status).toBe(404);
  });

  it('logs in with the scopes asked for, as a list or a string, as edusim/client does', async () => {
    const scopeOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')).scope;
    const listed = await edusim.login({ persona: 'pupil-child-account', scopes: ['openid', 'fullname'] });
    expect(scopeOf(listed.access_token)).toBe(`openid fullname?oid=${PUPIL.oid}`);
    const spaced = await edusim.login({ persona: 'pupil-child-account', scopes: 'openid snils' });
    expect(scopeOf(spaced.access_token)).toBe(`openid snils?oid=${PUPIL.oid}`);
  });

  it('resets the default sandbox: the consent given above is gone', async () => {
    const { access_token } = await edusim.login({ persona: 'pupil-child-account' });
    expect((await graphql(`${B}/graphql`, access_token, '{ me { registry { region { code } } } }')).errors).toBeUndefined();
    await edusim.reset();
    const after = await graphql(`${B}/graphql`, access_token, '{ me { registry { region { code } } } }');
    expect(after.errors?.[0]?.extensions).toMatchObject({ code: 'CONSENT_REQUIRED', grantAt: `${B}/consent/page?oid=${PUPIL.oid}` });
  });

  it('turns a connection a fault drops into a network error, as on a socket', async () => {
    const jwks = `${B}/esia/.well-known/jwks.json`;
    await expect(fetch(jwks, { headers: { 'x-edusim-fault': 'reset' } })).rejects.toThrow('Failed to fetch');
    await expect(fetch(jwks, { headers: { 'x-edusim-fault': 'timeout=20' } })).rejects.toThrow('Failed to fetch');
    const broken = await fetch(jwks, { headers: { 'x-edusim-fault': 'status=503' } });
    expect([broken.status, ((await broken.json()) as { error: string }).error]).toEqual([503, 'server_error']);
  });

  it('intercepts only its own URLs', async () => {
    await expect(fetch('http://elsewhere.test/esia/.well-known/jwks.json')).rejects.toThrow();
    await expect(edusim.handle(new Request('http://elsewhere.test/graphql'))).rejects.toThrow("is not one of edusim's URLs");
    expect((await fetch(`${B}/nowhere`)).status).toBe(404);
  });
});

describe('edusim/msw with per-system URLs', () => {
  let edusim: EdusimMsw;
  const ESIA = 'https://esia-portal1.test.gosuslugi.ru';
  const GATEWAY = 'https://myschool.test/graphql';
  const DIARY = 'https://diary36.test/api/v1';
  beforeAll(async () => {
    edusim = await createEdusimHandlers({ baseUrl: 'https://edusim.test/base', origins: { esia: ESIA, gateway: GATEWAY, diary: { '36': DIARY } } });
    server.use(...edusim.handlers);
  });
  afterAll(async () => {
    server.resetHandlers();
    await edusim.close();
  });

  it('serves ESIA at its own origin, every link it writes pointing there', async () => {
    expect(edusim.url('/esia')).toBe(ESIA);
    const discovery = (await (await fetch(`${ESIA}/.well-known/openid-configuration`)).json()) as Record<string, string>;
    expect([discovery['authorization_endpoint'], discovery['jwks_uri']]).toEqual([`${ESIA}/aas/oauth2/v2/ac`, `${ESIA}/.well-known/jwks.json`]);
    const authorize = `${discovery['authorization_endpoint']}?client_id=EDUSIM&response_type=code&scope=openid+fullname&redirect_uri=${encodeURIComponent(REDIRECT)}&state=s&timestamp=${encodeURIComponent(timestamp)}&client_secret=x`;
    const login = loginForm(await (await fetch(authorize)).text());
    expect(login.action).toBe(`${ESIA}/login`);
    const redirect = await fetch(login.action, form({ request: login.request, persona: 'pupil-teen-unlinked' }));
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get('location')).toMatch(/^http:\/\/localhost:3000\/callback\?code=/);
    expect(redirect.headers.getSetCookie()[0]).toMatch(/^edusim_esia_default=\d+\.\d+\.[\w-]+; Path=\/; HttpOnly/);
  });

  it('serves the gateway and the diary at theirs, sandboxes as a path prefix below each', async () => {
    const { access_token } = await edusim.login({ persona: 'pupil-child-account', consent: true });
    const response = await fetch(GATEWAY, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${access_token}`, 'x-edusim-trace': '1' },
      body: JSON.stringify({ query: '{ me { fullName diary(from: "2026-11-16", to: "2026-11-20") { region } } }' }),
    });
    const body = (await response.json()) as { data: unknown; extensions: { trace: { step: string; url?: string }[] } };
    expect(body.data).toEqual({ me: { fullName: PUPIL.name, diary: { region: '36' } } });
    expect(body.extensions.trace.find((t) => t.step === 'diary')?.url).toBe(`${DIARY}/Schedule/${PUPIL.oid}?start=2026-11-16&end=2026-11-20`);

    const sandbox = await edusim.createSandbox({ id: 'qa-urls' });
    expect(sandbox.urls).toMatchObject({
      base: 'https://edusim.test/base/sandboxes/qa-urls',
      graphql: `${GATEWAY}/sandboxes/qa-urls`,
      esia: `${ESIA}/sandboxes/qa-urls`,
    });
    const jwks = (await (await fetch(`${sandbox.urls.esia}/.well-known/jwks.json`)).json()) as { keys: { kid: string }[] };
    expect(jwks.keys[0]?.kid).toBe('edusim-qa-urls-1');
    const token = await fetch(
      `${DIARY}/sandboxes/qa-urls/token`,
      form({ grant_type: 'client_credentials', client_id: 'FGIS_MYSCHOOL', client_secret: 'myschool-secret' }),
    );
    expect(((await token.json()) as { access_token: string }).access_token).toMatch(/^qa-urls\./);
  });

  it('answers at the base URL too (with its path), and maps a sandbox’s cookie path there', async () => {
    const health = (await (await fetch('https://edusim.test/base/health')).json()) as { world: unknown };
    expect(health.world).toEqual({ seed: 42, scale: 'demo', region: '36', asOf: '2026-11-23' });
    await edusim.createSandbox({ id: 'qa-cookie' });
    const logout = await fetch(`${ESIA}/sandboxes/qa-cookie/idp/ext/Logout?client_id=EDUSIM`);
    expect(logout.headers.getSetCookie()).toEqual(['edusim_esia_qa_cookie=; Path=/sandboxes/qa-cookie/; HttpOnly; SameSite=Lax; Max-Age=0']);
  });
});

describe('edusim/msw with an admin token', () => {
  let edusim: EdusimMsw;
  beforeAll(async () => {
    edusim = await createEdusimHandlers({ baseUrl: 'http://guarded.test', adminToken: 'op-secret' });
    server.use(...edusim.handlers);
  });
  afterAll(async () => {
    server.resetHandlers();
    await edusim.close();
  });

  it('guards the control surface as edusim start does; the helpers send the token', async () => {
    const anonymous = await fetch('http://guarded.test/_edusim/sandboxes', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(anonymous.status).toBe(401);
    const sandbox = await edusim.createSandbox({ id: 'guarded-1' });
    const { access_token } = await edusim.login({ persona: 'teacher-with-rights', sandbox: sandbox.id });
    // handle() is a fetch of its own: no msw needed.
    const answer = await edusim.handle(
      new Request(edusim.url('/graphql', sandbox.id), {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${access_token}` },
        body: JSON.stringify({ query: '{ me { fullName } }' }),
      }),
    );
    expect(await answer.json()).toEqual({ data: { me: { fullName: TEACHER.name } } });
  });
});

describe('the address book behind the handlers', () => {
  const book = (origins = {}, baseUrl = 'http://edusim.test') => new AddressBook(baseUrl, origins, (code) => code === '36', ['36']);

  it('leaves links alone when everything is at an http base URL', () => {
    const plain = book();
    expect(plain.identity).toBe(true);
    expect(plain.inbound(new URL('http://edusim.test/sandboxes/x/esia/login?a=1'))?.path).toBe('/sandboxes/x/esia/login?a=1');
    expect(plain.rewrite('"http://edusim.test/esia/login"')).toBe('"http://edusim.test/esia/login"');
  });

  it('maps a system’s URL both ways, sandbox prefix included, and nothing else', () => {
    const aliased = book({ esia: 'https://esia.test/', consent: 'https://c.test/x' });
    expect(aliased.inbound(new URL('https://esia.test/sandboxes/qa/aas/oauth2/v2/ac?x=1'))?.path).toBe('/sandboxes/qa/esia/aas/oauth2/v2/ac?x=1');
    expect(aliased.inbound(new URL('https://c.test/x'))?.path).toBe('/consent');
    expect(aliased.inbound(new URL('https://c.test/xy'))).toBeNull();
    expect(aliased.rewrite('<a href="http://edusim.test/sandboxes/qa/esia/login">http://edusim.test/esiax http://edusim.test.evil/esia</a>')).toBe(
      '<a href="https://esia.test/sandboxes/qa/login">http://edusim.test/esiax http://edusim.test.evil/esia</a>',
    );
    expect(aliased.rewrite('{"u":"http://edusim.test/consent?oid=1&a=b"}')).toBe('{"u":"https://c.test/x?oid=1&a=b"}');
    expect(aliased.rewriteLocation('/consent/page')).toBe('https://c.test/x/page');
    expect(aliased.patterns().map((p) => p.test('https://c.test/x/page'))).toContain(true);
    expect(aliased.patterns().some((p) => p.test('https://c.test/'))).toBe(false);
  });

  it('refuses addresses it cannot serve, naming them', () => {
    expect(() => book({}, 'ftp://edusim.test')).toThrow('baseUrl "ftp://edusim.test" is not valid');
    expect(() => book({ gateway: 'https://g.test/graphql?x=1' })).toThrow('origins.gateway');
    expect(() => book({ diary: { '68': 'https://d.test' } })).toThrow('region 68 is not in this world');
    expect(() => book({ esia: 'https://same.test', consent: 'https://same.test/' })).toThrow('https://same.test is given for both /esia and /consent');
  });
});
