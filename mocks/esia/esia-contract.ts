/**
 * The ESIA contract suite, written once and run against every transport (docs/testing.md):
 * the Fastify server on a real socket and the msw handlers in-process.
 */
import { createLocalJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify, type JSONWebKeySet } from 'jose';
import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, findPersona, type World } from '../../seeds/index.ts';
import type { EsiaSimulator } from './simulator.ts';
import { formatEsiaTimestamp } from './timestamp.ts';
import { v1Message, v2Message } from './signature.ts';
import { encodePermissions } from './permissions.ts';
import { DEMO_CLIENT_CERTIFICATE_HASH, signAsDemoClient } from './demo-client.ts';
import { RECORDED_ACCESS_TOKEN, RECORDED_ADDRESS, RECORDED_CONTACTS, RECORDED_ID_TOKEN, RECORDED_PERSON } from './fixtures/recorded.ts';
import { shapeLike, shapeOf } from './fixtures/shape.ts';

export interface EsiaTransport {
  /** Absolute base URL of the simulator, e.g. http://127.0.0.1:1234/esia */
  readonly base: string;
  readonly esia: EsiaSimulator;
  close(): Promise<void>;
}

export interface TransportFactory {
  (options: { world: World; profile: 'strict' | 'lenient'; now: () => Date }): Promise<EsiaTransport>;
}

export const STATE = 'f918e3be-664e-45db-b5a2-adbf5d6ae3f6';
const REDIRECT = 'http://localhost:3000/callback';

export function esiaContract(name: string, makeTransport: TransportFactory): void {
  describe(`ESIA contract over ${name}`, () => {
    const world = createWorld({ seed: 42, scale: 'demo' });
    let nowMs = Date.parse('2026-11-23T07:00:00Z');
    const now = () => new Date(nowMs);
    let t: EsiaTransport;
    let strict: EsiaTransport;
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const wrong = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
    // VENDOR01 registers a bare key: its client_certificate_hash is SHA-256 over the key's SPKI DER.
    const vendorHash = createHash('sha256')
      .update(publicKey.export({ type: 'spki', format: 'der' }))
      .digest('hex')
      .toUpperCase();

    beforeAll(async () => {
      t = await makeTransport({ world, profile: 'lenient', now });
      strict = await makeTransport({ world, profile: 'strict', now });
      strict.esia.ctx.clients.register({
        clientId: 'VENDOR01',
        redirectUris: [REDIRECT],
        scopes: [],
        publicKey: publicKey.export({ type: 'spki', format: 'pem' }) as string,
      });
      t.esia.ctx.clients.register({ clientId: 'OTHER01', redirectUris: [REDIRECT], scopes: [] });
    });
    afterAll(async () => {
      await t.close();
      await strict.close();
    });

    const timestamp = () => formatEsiaTimestamp(now());
    const authorizeUrl = (base: string, extra: Record<string, string> = {}, version: 'v1' | 'v2' = 'v2') => {
      const params = new URLSearchParams({
        client_id: 'EDUSIM',
        redirect_uri: REDIRECT,
        scope: 'openid fullname birthdate gender snils',
        response_type: 'code',
        state: STATE,
        timestamp: timestamp(),
        client_secret: 'not-checked-in-lenient',
        access_type: 'offline',
        ...extra,
      });
      return `${base}/aas/oauth2/${version === 'v2' ? 'v2/ac' : 'ac'}?${params}`;
    };
    const errorOf = (location: string | null) => {
      const url = new URL(location ?? 'http://invalid/');
      return { error: url.searchParams.get('error'), description: url.searchParams.get('error_description'), state: url.searchParams.get('state') };
    };
    async function login(base: string, url: string, form: Record<string, string>): Promise<Response> {
      const page = await fetch(url, { redirect: 'manual' });
      expect(page.status).toBe(200);
      const html = await page.text();
      const request = /name="request" value="([^"]+)"/.exec(html)?.[1] ?? '';
      return fetch(`${base}/login`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ request, ...form }),
      });
    }
    async function codeFor(base: string, persona: string, extra: Record<string, string> = {}, version: 'v1' | 'v2' = 'v2'): Promise<string> {
      const response = await login(base, authorizeUrl(base, extra, version), { persona });
      expect(response.status).toBe(302);
      const location = new URL(response.headers.get('location') ?? '');
      expect(location.searchParams.get('state')).toBe(STATE);
      return location.searchParams.get('code') ?? '';
    }
    const token = (base: string, body: Record<string, string>, version: 'v1' | 'v2' = 'v2') =>
      fetch(`${base}/aas/oauth2/${version === 'v2' ? 'v3/te' : 'te'}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(body),
      });
    const codeBody = (code: string, extra: Record<string, string> = {}) => ({
      client_id: 'EDUSIM',
      code,
      grant_type: 'authorization_code',
      redirect_uri: REDIRECT,
      state: 'a1b2c3d4-0000-4000-8000-000000000001',
      timestamp: timestamp(),
      client_secret: 'x',
      token_type: 'Bearer',
      scope: 'openid fullname',
      ...extra,
    });

    it.each([
      ['teacher-with-rights', 'PR', 'v2'],
      ['parent-two-schools', 'PR', 'v2'],
      ['pupil-child-account', 'KD', 'v2'],
      ['teacher-parent', 'PR', 'v1'],
      ['pupil-teen-unlinked', null, 'v1'],
    ] as const)('runs the authorization-code flow for %s (%s, %s)', async (handle, level, version) => {
      const person = findPersona(world, handle).person;
      const code = await codeFor(t.base, handle, {}, version);
      const response = await token(t.base, codeBody(code), version);
      expect(response.status).toBe(200);
      const body = (await response.json()) as Record<string, unknown>;
      expect(Object.keys(body).sort()).toEqual(['access_token', 'expires_in', 'id_token', 'refresh_token', 'state', 'token_type']);
      expect({ state: body['state'], token_type: body['token_type'], expires_in: body['expires_in'] }).toEqual({
        state: 'a1b2c3d4-0000-4000-8000-000000000001',
        token_type: 'Bearer',
        expires_in: 3600,
      });
      const jwks = createLocalJWKSet((await (await fetch(`${t.base}/.well-known/jwks.json`)).json()) as JSONWebKeySet);
      const access = await jwtVerify(String(body['access_token']), jwks, { issuer: 'http://esia.gosuslugi.ru/', currentDate: now() });
      expect(decodeProtectedHeader(String(body['access_token']))).toMatchObject({ ver: 1, typ: 'JWT', sbt: 'access', alg: 'RS256' });
      const oid = person.account?.oid;
      expect(access.payload).toMatchObject({
        'urn:esia:sbj_id': oid,
        client_id: 'EDUSIM',
        scope: `openid fullname?oid=${oid} birthdate?oid=${oid} gender?oid=${oid} snils?oid=${oid}`,
      });
      expect((access.payload.exp ?? 0) - (access.payload.iat ?? 0)).toBe(3600);
      const id = await jwtVerify(String(body['id_token']), jwks, { issuer: 'http://esia.gosuslugi.ru/', audience: 'EDUSIM', currentDate: now() });
      const expectedLevel = level ?? (person.account?.level === 'confirmed' ? 'PR' : 'P');
      expect(id.payload['urn:esia:sbj']).toEqual({
        'urn:esia:sbj:typ': 'P',
        'urn:esia:sbj:oid': oid,
        'urn:esia:sbj:nam': `OID.${oid}`,
        'urn:esia:sbj:lvl': expectedLevel,
        ...(person.account?.level === 'confirmed' ? { 'urn:esia:sbj:is_tru': true } : {}),
      });
      expect(id.payload.sub).toBe(oid);
      expect(id.payload['amr']).toBe('PWD');
    });

    it('accepts the legacy URL-form scope http://esia.gosuslugi.ru/usr_inf and grants the scopes it stands for', async () => {
      const { person } = findPersona(world, 'teacher-with-rights');
      const oid = person.account?.oid;
      const code = await codeFor(t.base, 'teacher-with-rights', { scope: 'openid http://esia.gosuslugi.ru/usr_inf' }, 'v1');
      const body = (await (await token(t.base, codeBody(code), 'v1')).json()) as { access_token: string };
      expect(decodeJwt(body.access_token)['scope']).toBe(
        [
          'openid',
          ...['fullname', 'birthdate', 'birthplace', 'gender', 'citizenship', 'snils', 'inn', 'id_doc', 'contacts', 'addresses'].map((s) => `${s}?oid=${oid}`),
        ].join(' '),
      );
      const ctts = await fetch(`${t.base}/rs/prns/${oid}/ctts`, { headers: { authorization: `Bearer ${body.access_token}` } });
      expect(ctts.status).toBe(200);
    });

    describe('matches the recorded ESIA shapes (mocks/esia/fixtures/recorded.ts), field by field', () => {
      const scope = 'openid fullname birthdate birthplace gender citizenship snils inn id_doc contacts addresses';
      let body: Record<string, string>;
      let code: string;
      const { person } = findPersona(world, 'parent-two-schools');
      const oid = person.account?.oid ?? 0;
      const rest = async (path: string) =>
        (await fetch(`${t.base}/rs/prns/${oid}${path}`, { headers: { authorization: `Bearer ${body['access_token']}` } })).json();
      beforeAll(async () => {
        code = await codeFor(t.base, 'parent-two-schools', { scope });
        body = (await (await token(t.base, codeBody(code))).json()) as Record<string, string>;
      });

      it('the authorization code: a JWT with sbt authorization_code, for this client and state', () => {
        const { kid, ...header } = decodeProtectedHeader(code);
        expect({ header, kid: typeof kid }).toEqual({ header: { ver: 1, typ: 'JWT', sbt: 'authorization_code', alg: 'RS256' }, kid: 'string' });
        const claims = decodeJwt(code);
        expect({
          client: claims['client_id'],
          state: claims['urn:esia:client:state'],
          sid: shapeOf(claims['urn:esia:sid']),
          ttl: (claims.exp ?? 0) - (claims.iat ?? 0),
        }).toEqual({
          client: 'EDUSIM',
          state: STATE,
          sid: 'hex64 lower',
          ttl: 300,
        });
      });

      it('the access token', () => {
        const { kid, ...header } = decodeProtectedHeader(body['access_token'] ?? '');
        expect({ header, kid: typeof kid }).toEqual({ header: RECORDED_ACCESS_TOKEN.header, kid: 'string' });
        expect(shapeLike(decodeJwt(body['access_token'] ?? ''), RECORDED_ACCESS_TOKEN.payload)).toEqual(shapeOf(RECORDED_ACCESS_TOKEN.payload));
      });

      it('the id_token: header ver 0, sub a number, urn:esia:sid 64 hex digits', () => {
        const { kid, alg, ...header } = decodeProtectedHeader(body['id_token'] ?? '');
        const { alg: recordedAlg, ...recorded } = RECORDED_ID_TOKEN.header;
        // The deliberate differences: RS256 for GOST3410_2012_256 (Node has no GOST; docs/esia.md), and a `kid`.
        expect({ header, alg, recordedAlg, kid: typeof kid }).toEqual({ header: recorded, alg: 'RS256', recordedAlg: 'GOST3410_2012_256', kid: 'string' });
        expect(shapeLike(decodeJwt(body['id_token'] ?? ''), RECORDED_ID_TOKEN.payload)).toEqual(shapeOf(RECORDED_ID_TOKEN.payload));
      });

      it('the refresh token: a UUID', () => {
        expect(shapeOf(body['refresh_token'])).toBe('uuid');
      });

      it('the person with embedded documents', async () => {
        const payload = await rest('?embed=(documents.elements)');
        expect(shapeLike(payload, RECORDED_PERSON)).toEqual(shapeOf(RECORDED_PERSON));
      });

      it('contacts and addresses, each element and each collection with a 40-hex eTag', async () => {
        const contacts = (await rest('/ctts?embed=(elements)')) as { eTag: string; elements: { type: string }[] };
        for (const recorded of RECORDED_CONTACTS)
          expect(
            shapeLike(
              contacts.elements.find((c) => c.type === recorded.type),
              recorded,
            ),
          ).toEqual(shapeOf(recorded));
        const addresses = (await rest('/addrs?embed=(elements)')) as { eTag: string; elements: unknown[] };
        expect(shapeLike(addresses.elements[1], RECORDED_ADDRESS)).toEqual(shapeOf(RECORDED_ADDRESS));
        expect([shapeOf(contacts.eTag), shapeOf(addresses.eTag)]).toEqual(['hex40 upper', 'hex40 upper']);
      });
    });

    it('rejects a tampered token and one signed by another key', async () => {
      const { person } = findPersona(world, 'teacher-with-rights');
      const minted = await t.esia.mint(person.account?.oid ?? 0, 'EDUSIM', 'openid fullname');
      const [h, p, s] = minted.access_token.split('.');
      const forged = Buffer.from(JSON.stringify({ ...decodeJwt(minted.access_token), 'urn:esia:sbj_id': 1 })).toString('base64url');
      const jwks = createLocalJWKSet((await (await fetch(`${t.base}/.well-known/jwks.json`)).json()) as JSONWebKeySet);
      await expect(jwtVerify(`${h}.${forged}.${s}`, jwks)).rejects.toThrow('signature verification failed');
      const rest = await fetch(`${t.base}/rs/prns/${person.account?.oid}`, { headers: { authorization: `Bearer ${h}.${p}.${s?.slice(0, -4)}AAAA` } });
      expect(rest.status).toBe(401);
      expect(((await rest.json()) as { error_description: string }).error_description).toMatch(
        /^ESIA-007019: Отсутствует разрешение на доступ \(the access token is not valid: /,
      );
    });

    describe('authorize errors', () => {
      it.each([
        [{ client_id: '' }, 'invalid_request', 'ESIA-007014: Запрос не содержит обязательного параметра (parameter "client_id" is missing)'],
        [
          { client_id: 'NOBODY' },
          'invalid_client',
          'ESIA-007002: Несоответствие сертификата и мнемоники информационной системы (client_id "NOBODY" is not registered)',
        ],
        [
          { redirect_uri: 'https://evil.example/cb' },
          'invalid_request',
          'ESIA-007023: Указанный адрес перенаправления (redirect_uri) отсутствует среди разрешённых для системы (redirect_uri "https://evil.example/cb")',
        ],
      ])('answers %j directly with the ESIA code, since it cannot trust the redirect', async (extra, error, description) => {
        const response = await fetch(authorizeUrl(t.base, extra), { redirect: 'manual' });
        expect(response.status).toBe(400);
        expect(await response.json()).toEqual({ error, error_description: description, state: STATE });
      });

      it('refuses a repeated parameter with ESIA-007003', async () => {
        const response = await fetch(`${authorizeUrl(t.base)}&state=${STATE}`, { redirect: 'manual' });
        expect(response.status).toBe(400);
        expect(((await response.json()) as { error_description: string }).error_description).toBe(
          'ESIA-007003: В запросе отсутствует обязательный параметр, неверное значение параметра или параметр указан несколько раз (parameter "state" is repeated)',
        );
      });

      it.each([
        [{ scope: '' }, 'invalid_scope', 'ESIA-007013: Запрос не содержит указания на область доступа (scope)'],
        [{ scope: 'openid telepathy' }, 'invalid_scope', 'ESIA-007006: Запрошенная область доступа (scope) указана неверно (unknown scope "telepathy")'],
        [
          { timestamp: '23.11.2026 10:00' },
          'invalid_request',
          'ESIA-007015: Неверное время запроса (timestamp "23.11.2026 10:00": expected yyyy.MM.dd HH:mm:ss +ZZZZ)',
        ],
        [
          { response_type: 'token' },
          'unsupported_response_type',
          'ESIA-007009: Сервис авторизации не поддерживает получение маркера этим методом (response_type "token"; only "code" is supported)',
        ],
        [{ client_secret: '' }, 'invalid_request', 'ESIA-007014: Запрос не содержит обязательного параметра (parameter "client_secret" is missing)'],
        [
          { permissions: Buffer.from('[{"sysname":"NOPE"}]').toString('base64url') },
          'invalid_request',
          'ESIA-036701: Тип согласия не найден (sysname "NOPE"; known: EDU_JOURNAL, KID_SCHOOL, KID_EDUCATION, EDUSIM_MYSCHOOL_TRANSFER, EDUSIM_LESSON_ACCESS)',
        ],
      ])('sends %j back on the redirect with the ESIA code and the state', async (extra, error, description) => {
        const response = await fetch(authorizeUrl(t.base, extra), { redirect: 'manual' });
        expect(response.status).toBe(302);
        expect(errorOf(response.headers.get('location'))).toEqual({ error, description, state: STATE });
      });

      it('lets a simplified account log in when no person_filter asks for a confirmed one (urn:esia:sbj:lvl P, no is_tru)', async () => {
        const { person } = findPersona(world, 'adult-simplified');
        const code = await codeFor(t.base, 'adult-simplified');
        const body = (await (await token(t.base, codeBody(code))).json()) as { id_token: string };
        expect(decodeJwt(body.id_token)['urn:esia:sbj']).toEqual({
          'urn:esia:sbj:typ': 'P',
          'urn:esia:sbj:oid': person.account?.oid,
          'urn:esia:sbj:nam': `OID.${person.account?.oid}`,
          'urn:esia:sbj:lvl': 'P',
        });
      });

      it('applies person_filter: conf_acc refuses a simplified account, acc_kid admits only child accounts', async () => {
        const simplified = await login(t.base, authorizeUrl(t.base, { person_filter: 'conf_acc' }), { persona: 'adult-simplified' });
        expect(errorOf(simplified.headers.get('location'))).toEqual({
          error: 'access_denied',
          description: 'ESIA-007055: Вход в систему осуществляется с неподтверждённой учётной записью',
          state: STATE,
        });
        const adult = await login(t.base, authorizeUrl(t.base, { person_filter: 'acc_kid' }), { persona: 'teacher-with-rights' });
        expect(errorOf(adult.headers.get('location')).description).toBe(
          'ESIA-007004: Владелец ресурса или сервис авторизации отклонил запрос (person_filter=acc_kid admits only child accounts)',
        );
        const kid = await login(t.base, authorizeUrl(t.base, { person_filter: 'acc_kid' }), { persona: 'pupil-child-account' });
        expect(new URL(kid.headers.get('location') ?? '').searchParams.get('code')).toMatch(/^eyJ[\w-]+\.[\w-]+\.[\w-]+$/);
      });

      it('shows a consent screen for permissions; «Отказать» returns access_denied (ESIA-007004), «Разрешить» records the consent', async () => {
        const permissions = encodePermissions([
          { sysname: 'EDUSIM_MYSCHOOL_TRANSFER', expireMinutes: 1440, actions: ['ALL_ACTIONS_TO_DATA'], purposes: ['EDU_JOURNAL'], scopes: ['fullname'] },
        ]);
        for (const decision of ['deny', 'allow'] as const) {
          const screen = await login(t.base, authorizeUrl(t.base, { permissions }), { persona: 'teacher-with-rights' });
          expect(screen.status).toBe(200);
          const html = await screen.text();
          expect(html).toContain('запрашивает права доступа');
          expect(html).toContain('EDUSIM_MYSCHOOL_TRANSFER');
          const fields = Object.fromEntries([...html.matchAll(/name="(request|login)" value="([^"]+)"/g)].map((m) => [m[1], m[2]]));
          const answer = await fetch(`${t.base}/consent`, {
            method: 'POST',
            redirect: 'manual',
            headers: { 'content-type': 'application/x-www-form-urlencoded' },
            body: new URLSearchParams({ ...fields, decision }),
          });
          expect(answer.status).toBe(302);
          const location = new URL(answer.headers.get('location') ?? '');
          if (decision === 'deny')
            expect(errorOf(location.toString())).toEqual({
              error: 'access_denied',
              description: 'ESIA-007004: Владелец ресурса или сервис авторизации отклонил запрос (the user refused the requested permissions)',
              state: STATE,
            });
          else expect(location.searchParams.get('code')).toBeTruthy();
        }
        const oid = findPersona(world, 'teacher-with-rights').person.account?.oid ?? 0;
        expect(t.esia.ctx.consents.list(oid).map((c) => [c.purpose, c.status, c.scopes])).toEqual([['EDUSIM_MYSCHOOL_TRANSFER', 'active', ['fullname']]]);
      });
    });

    it('refuses a consent a child under 14 may not give alone, naming the rule', async () => {
      const permissions = encodePermissions([
        { sysname: 'EDUSIM_MYSCHOOL_TRANSFER', expireMinutes: 60, actions: ['USE_DATA'], purposes: ['EDU_JOURNAL'], scopes: ['fullname'] },
      ]);
      const screen = await login(t.base, authorizeUrl(t.base, { permissions }), { persona: 'pupil-child-account' });
      const html = await screen.text();
      const fields = Object.fromEntries([...html.matchAll(/name="(request|login)" value="([^"]+)"/g)].map((m) => [m[1], m[2]]));
      const answer = await fetch(`${t.base}/consent`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ ...fields, decision: 'allow' }),
      });
      expect(answer.status).toBe(302);
      expect(errorOf(answer.headers.get('location'))).toEqual({
        error: 'access_denied',
        description:
          'ESIA-007004: Владелец ресурса или сервис авторизации отклонил запрос (До 14 лет согласие за ребёнка даёт только родитель (законный представитель).)',
        state: STATE,
      });
    });

    describe('token errors', () => {
      it('makes codes single-use (ESIA-007011 on reuse) and short-lived', async () => {
        const code = await codeFor(t.base, 'teacher-with-rights');
        expect((await token(t.base, codeBody(code))).status).toBe(200);
        const reused = await token(t.base, codeBody(code));
        expect(reused.status).toBe(400);
        expect(await reused.json()).toEqual({
          error: 'invalid_grant',
          error_description:
            'ESIA-007011: Авторизационный код или маркер обновления недействителен, просрочен, отозван или выдан другой системе (the code was already used)',
          state: 'a1b2c3d4-0000-4000-8000-000000000001',
        });
        const late = await codeFor(t.base, 'teacher-with-rights');
        nowMs += 6 * 60_000;
        try {
          expect(((await (await token(t.base, codeBody(late))).json()) as { error_description: string }).error_description).toMatch(
            /\(the code has expired\)$/,
          );
        } finally {
          nowMs -= 6 * 60_000;
        }
      });

      it('refuses a code issued to another system and a different redirect_uri', async () => {
        const code = await codeFor(t.base, 'teacher-with-rights');
        expect(((await (await token(t.base, codeBody(code, { client_id: 'OTHER01' }))).json()) as { error_description: string }).error_description).toMatch(
          /\(the code was issued to another system\)$/,
        );
        const second = await codeFor(t.base, 'teacher-with-rights');
        expect(
          ((await (await token(t.base, codeBody(second, { redirect_uri: 'http://localhost:3000/other' }))).json()) as { error_description: string })
            .error_description,
        ).toMatch(/\(redirect_uri differs from the authorization request\)$/);
      });

      it.each([
        [
          { grant_type: 'password' },
          'unsupported_grant_type',
          'ESIA-007012: Тип авторизационного кода не поддерживается сервисом авторизации (grant_type "password"; supported: authorization_code, refresh_token, client_credentials)',
        ],
        [{ code: '' }, 'invalid_request', 'ESIA-007014: Запрос не содержит обязательного параметра (parameter "code" is missing)'],
        [
          { code: 'made-up' },
          'invalid_grant',
          'ESIA-007011: Авторизационный код или маркер обновления недействителен, просрочен, отозван или выдан другой системе (the code is unknown)',
        ],
      ])('answers %j with HTTP 400 and the ESIA code', async (extra, error, description) => {
        const response = await token(t.base, codeBody('some-code', extra));
        expect(response.status).toBe(400);
        expect(await response.json()).toEqual({ error, error_description: description, state: 'a1b2c3d4-0000-4000-8000-000000000001' });
      });

      it('refuses a body that is not a form, or too large, with ESIA-007038 and never a 500', async () => {
        const jsonBody = await fetch(`${t.base}/aas/oauth2/v3/te`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"grant_type":' });
        expect(jsonBody.status).toBe(400);
        expect(((await jsonBody.json()) as { error_description: string }).error_description).toBe(
          'ESIA-007038: Ошибка получения параметров из запроса (Content-Type must be application/x-www-form-urlencoded, got "application/json")',
        );
        const big = await fetch(`${t.base}/aas/oauth2/v3/te`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: `grant_type=${'a'.repeat(70_000)}`,
        });
        expect(big.status).toBe(413);
        expect(((await big.json()) as { error_description: string }).error_description).toBe(
          'ESIA-007038: Ошибка получения параметров из запроса (the body is larger than 64 KiB)',
        );
      });

      it('honours PKCE: a wrong verifier is ESIA-007040, a verifier without a challenge ESIA-007039', async () => {
        const verifier = 'x'.repeat(50);
        const challenge = createHash('sha256').update(verifier).digest('base64url');
        const code = await codeFor(t.base, 'teacher-with-rights', { code_challenge: challenge, code_challenge_method: 'S256' });
        expect(
          ((await (await token(t.base, codeBody(code, { code_verifier: 'y'.repeat(50) }))).json()) as { error_description: string }).error_description,
        ).toBe('ESIA-007040: Ошибка сравнения исходного и контрольного значений (code_verifier)');
        const good = await codeFor(t.base, 'teacher-with-rights', { code_challenge: challenge });
        expect((await token(t.base, codeBody(good, { code_verifier: verifier }))).status).toBe(200);
        const plain = await codeFor(t.base, 'teacher-with-rights');
        expect(((await (await token(t.base, codeBody(plain, { code_verifier: verifier }))).json()) as { error_description: string }).error_description).toBe(
          'ESIA-007039: В изначальном запросе параметр code_challenge не был указан',
        );
      });

      it('rotates refresh tokens: the new one works, a replayed one fails', async () => {
        const code = await codeFor(t.base, 'teacher-with-rights');
        const first = (await (await token(t.base, codeBody(code))).json()) as { refresh_token: string };
        const refresh = (rt: string) =>
          token(t.base, { client_id: 'EDUSIM', grant_type: 'refresh_token', refresh_token: rt, state: STATE, timestamp: timestamp(), client_secret: 'x' });
        const second = await refresh(first.refresh_token);
        expect(second.status).toBe(200);
        const body = (await second.json()) as { refresh_token: string; access_token: string };
        expect(body.refresh_token).not.toBe(first.refresh_token);
        const replay = await refresh(first.refresh_token);
        expect(((await replay.json()) as { error_description: string }).error_description).toMatch(/\(the refresh token was already used \(tokens rotate\)\)$/);
      });

      it('refuses a refresh token shown by another system without spending it (attack: burn the owner’s token)', async () => {
        const code = await codeFor(t.base, 'teacher-with-rights');
        const first = (await (await token(t.base, codeBody(code))).json()) as { refresh_token: string };
        const by = (clientId: string) =>
          token(t.base, {
            client_id: clientId,
            grant_type: 'refresh_token',
            refresh_token: first.refresh_token,
            state: STATE,
            timestamp: timestamp(),
            client_secret: 'x',
          });
        const stolen = await by('OTHER01');
        expect(((await stolen.json()) as { error_description: string }).error_description).toMatch(/\(the refresh token was issued to another system\)$/);
        expect((await by('EDUSIM')).status).toBe(200);
      });

      it('keeps every key that signed a live token in the JWKS across many rotations, and drops it after (attack: three rotations invalidated every token)', async () => {
        const oid = findPersona(world, 'teacher-with-rights').person.account?.oid ?? 0;
        const minted = await t.esia.mint(oid, 'EDUSIM', 'openid fullname');
        const kid = (JSON.parse(Buffer.from(minted.access_token.split('.')[0] ?? '', 'base64url').toString()) as { kid: string }).kid;
        for (let i = 0; i < 5; i++) expect((await fetch(`${t.base}/sim/keys/rotate`, { method: 'POST' })).status).toBe(200);
        const jwks = (await (await fetch(`${t.base}/.well-known/jwks.json`)).json()) as { keys: { kid: string }[] };
        expect(jwks.keys.map((k) => k.kid)).toContain(kid);
        expect((await fetch(`${t.base}/rs/prns/${oid}`, { headers: { authorization: `Bearer ${minted.access_token}` } })).status).toBe(200);
        nowMs += 3601_000;
        try {
          const later = (await (await fetch(`${t.base}/.well-known/jwks.json`)).json()) as { keys: { kid: string }[] };
          expect(later.keys.map((k) => k.kid)).not.toContain(kid);
          expect(later.keys).toHaveLength(1);
        } finally {
          nowMs -= 3601_000;
        }
      });

      it('registers clients over HTTP without letting anyone take one over', async () => {
        const json = (body: unknown, headers: Record<string, string> = {}) => ({
          headers: { 'content-type': 'application/json', ...headers },
          body: JSON.stringify(body),
        });
        const vendor = { clientId: 'TAKEOVER1', redirectUris: ['https://vendor.example/cb'], scopes: ['openid'] };
        const created = await fetch(`${t.base}/sim/clients`, { method: 'POST', ...json(vendor) });
        expect({ status: created.status, etag: created.headers.get('etag') }).toEqual({ status: 201, etag: '"1"' });
        const again = await fetch(`${t.base}/sim/clients`, { method: 'POST', ...json({ ...vendor, redirectUris: ['https://evil.example/cb'] }) });
        expect(again.status).toBe(409);
        expect(((await again.json()) as { error_description: string }).error_description).toMatch(
          /client_id "TAKEOVER1" is registered already; replace it with PUT \/sim\/clients\/TAKEOVER1 and If-Match: "1"/,
        );
        const evil = { ...vendor, redirectUris: ['https://evil.example/cb'] };
        const D3 = 'ESIA-007003: В запросе отсутствует обязательный параметр, неверное значение параметра или параметр указан несколько раз';
        const refusal = async (response: Response) => ({ status: response.status, body: await response.json() });
        expect(await refusal(await fetch(`${t.base}/sim/clients/TAKEOVER1`, { method: 'PUT', ...json(evil) }))).toEqual({
          status: 428,
          body: { error: 'invalid_request', error_description: `${D3} (If-Match is required: send the revision you read, e.g. If-Match: "1")` },
        });
        expect(await refusal(await fetch(`${t.base}/sim/clients/TAKEOVER1`, { method: 'PUT', ...json(evil, { 'if-match': '"7"' }) }))).toEqual({
          status: 412,
          body: {
            error: 'invalid_request',
            error_description: `${D3} (client TAKEOVER1 is at revision 1, not 7: read it again (GET /sim/clients/TAKEOVER1) and retry)`,
          },
        });
        const replaced = await fetch(`${t.base}/sim/clients/TAKEOVER1`, { method: 'PUT', ...json(vendor, { 'if-match': '"1"' }) });
        expect({ status: replaced.status, etag: replaced.headers.get('etag') }).toEqual({ status: 200, etag: '"2"' });
        const demoRefused = {
          status: 403,
          body: { error: 'invalid_request', error_description: `${D3} (the demo client EDUSIM cannot be replaced or deleted; register a client of your own)` },
        };
        const demo = { clientId: 'EDUSIM', redirectUris: [], scopes: [] };
        expect(await refusal(await fetch(`${t.base}/sim/clients/EDUSIM`, { method: 'PUT', ...json(demo, { 'if-match': '"1"' }) }))).toEqual(demoRefused);
        expect(await refusal(await fetch(`${t.base}/sim/clients/EDUSIM`, { method: 'DELETE', headers: { 'if-match': '"1"' } }))).toEqual(demoRefused);
        expect(await refusal(await fetch(`${t.base}/sim/clients/NOBODY1`))).toEqual({
          status: 404,
          body: {
            error: 'invalid_client',
            error_description: 'ESIA-007002: Несоответствие сертификата и мнемоники информационной системы (client_id "NOBODY1" is not registered)',
          },
        });
        const plain = await fetch(`${t.base}/sim/clients`, {
          method: 'POST',
          headers: { 'content-type': 'text/plain' },
          body: JSON.stringify({ ...vendor, clientId: 'PLAIN1' }),
        });
        expect(plain.status).toBe(415);
        for (const body of [null, { clientId: 'X1', redirectUris: 5 }, { clientId: 'X1', redirectUris: [], extra: true }]) {
          const bad = await fetch(`${t.base}/sim/clients`, { method: 'POST', ...json(body) });
          expect(bad.status).toBe(400);
        }
        expect((await fetch(`${t.base}/sim/clients/TAKEOVER1`, { method: 'DELETE', headers: { 'if-match': '"2"' } })).status).toBe(204);
        const listed = (await (await fetch(`${t.base}/sim/clients`)).json()) as { clientId: string }[];
        expect(listed.map((c) => c.clientId)).not.toContain('TAKEOVER1');
      });

      it('issues a system token for client_credentials', async () => {
        const response = await token(t.base, {
          client_id: 'EDUSIM',
          grant_type: 'client_credentials',
          scope: 'prm_chg',
          state: STATE,
          timestamp: timestamp(),
          client_secret: 'x',
        });
        const body = (await response.json()) as { access_token: string };
        expect(decodeJwt(body.access_token)).toMatchObject({ scope: 'prm_chg', client_id: 'EDUSIM', iss: 'http://esia.gosuslugi.ru/' });
      });
    });

    describe('strict profile', () => {
      const signed = (message: string, key = privateKey) => sign('sha256', Buffer.from(message), key).toString('base64url');
      const strictAuthorize = (overrides: Record<string, string> = {}, version: 'v1' | 'v2' = 'v2') => {
        const fields = { clientId: 'VENDOR01', scope: 'openid fullname', timestamp: timestamp(), state: STATE, redirectUri: REDIRECT };
        const secret = signed(version === 'v2' ? v2Message(fields) : v1Message(fields));
        const params = new URLSearchParams({
          client_id: 'VENDOR01',
          redirect_uri: REDIRECT,
          scope: fields.scope,
          response_type: 'code',
          state: STATE,
          timestamp: fields.timestamp,
          client_secret: secret,
          client_certificate_hash: vendorHash,
          ...overrides,
        });
        return `${strict.base}/aas/oauth2/${version === 'v2' ? 'v2/ac' : 'ac'}?${params}`;
      };

      it('accepts the right signature on v2 and v1 and rejects one by the wrong key (ESIA-007053)', async () => {
        for (const version of ['v2', 'v1'] as const) expect((await fetch(strictAuthorize({}, version), { redirect: 'manual' })).status).toBe(200);
        const fields = { clientId: 'VENDOR01', scope: 'openid fullname', timestamp: timestamp(), state: STATE, redirectUri: REDIRECT };
        const response = await fetch(strictAuthorize({ client_secret: signed(v2Message(fields), wrong) }), { redirect: 'manual' });
        expect(errorOf(response.headers.get('location'))).toEqual({
          error: 'invalid_client',
          description:
            'ESIA-007053: client_secret сформирован некорректно или не соответствует сертификату системы (the signature does not verify with the key registered for this client)',
          state: STATE,
        });
      });

      it('checks client_certificate_hash against the registered certificate: a mismatch is ESIA-007002, none on v3/te ESIA-007014', async () => {
        const other = 'CD6EA35843FDE0212F301509EDD5B51BA7C954782FA4DE0608550A7FB35D80EE';
        const response = await fetch(strictAuthorize({ client_certificate_hash: other }), { redirect: 'manual' });
        expect(errorOf(response.headers.get('location'))).toEqual({
          error: 'invalid_client',
          description: `ESIA-007002: Несоответствие сертификата и мнемоники информационной системы (client_certificate_hash "${other}" is not the hash of the certificate registered for VENDOR01 (expected SHA-256 of the certificate's DER, 64 hex digits))`,
          state: STATE,
        });
        strict.esia.ctx.clients.register({ clientId: 'NOKEY01', redirectUris: [REDIRECT], scopes: [] });
        const keyless = await fetch(strictAuthorize({ client_id: 'NOKEY01' }), { redirect: 'manual' });
        expect(errorOf(keyless.headers.get('location')).description).toBe(
          'ESIA-007002: Несоответствие сертификата и мнемоники информационной системы (no certificate is registered for NOKEY01)',
        );
        const missing = await token(strict.base, {
          client_id: 'VENDOR01',
          grant_type: 'refresh_token',
          refresh_token: 'a1b2c3d4-0000-4000-8000-000000000009',
          state: STATE,
          timestamp: timestamp(),
          client_secret: signed('x'),
        });
        expect(await missing.json()).toEqual({
          error: 'invalid_request',
          error_description: 'ESIA-007014: Запрос не содержит обязательного параметра (parameter "client_certificate_hash" is missing)',
          state: STATE,
        });
      });

      it('lets the demo client EDUSIM log in out of the box with its published key and certificate', async () => {
        const fields = { clientId: 'EDUSIM', scope: 'openid fullname', timestamp: timestamp(), state: STATE, redirectUri: REDIRECT };
        const params = new URLSearchParams({
          client_id: 'EDUSIM',
          redirect_uri: REDIRECT,
          scope: fields.scope,
          response_type: 'code',
          state: STATE,
          timestamp: fields.timestamp,
          client_secret: signAsDemoClient(v2Message(fields)),
          client_certificate_hash: DEMO_CLIENT_CERTIFICATE_HASH,
        });
        const page = await fetch(`${strict.base}/aas/oauth2/v2/ac?${params}`, { redirect: 'manual' });
        expect(page.status).toBe(200);
        const request = /name="request" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
        const loggedIn = await fetch(`${strict.base}/login`, {
          method: 'POST',
          redirect: 'manual',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ request, persona: 'teacher-with-rights' }),
        });
        const code = new URL(loggedIn.headers.get('location') ?? '').searchParams.get('code') ?? '';
        const state = 'd1b2c3d4-0000-4000-8000-000000000004';
        const message = v2Message({ ...fields, state, code });
        const response = await token(strict.base, {
          client_id: 'EDUSIM',
          code,
          grant_type: 'authorization_code',
          redirect_uri: REDIRECT,
          state,
          timestamp: fields.timestamp,
          scope: fields.scope,
          token_type: 'Bearer',
          client_secret: signAsDemoClient(message),
          client_certificate_hash: DEMO_CLIENT_CERTIFICATE_HASH.toLowerCase(),
        });
        expect(response.status).toBe(200);
        expect(DEMO_CLIENT_CERTIFICATE_HASH).toMatch(/^[0-9A-F]{64}$/);
      });

      it('checks the state format and the timestamp skew', async () => {
        expect(errorOf((await fetch(strictAuthorize({ state: 'abc' }), { redirect: 'manual' })).headers.get('location')).description).toBe(
          'ESIA-007003: В запросе отсутствует обязательный параметр, неверное значение параметра или параметр указан несколько раз (state "abc" is not a UUID)',
        );
        const old = formatEsiaTimestamp(new Date(nowMs - 3_600_000));
        expect(errorOf((await fetch(strictAuthorize({ timestamp: old }), { redirect: 'manual' })).headers.get('location')).description).toBe(
          `ESIA-007015: Неверное время запроса (timestamp ${old} differs from the server time by more than 5 minutes)`,
        );
      });

      it('runs the token call with a signature over the v3 concatenation including the code', async () => {
        const code = await codeFor(strict.base, 'teacher-with-rights', {}, 'v2').catch(() => '');
        expect(code).toBe(''); // the lenient helper's unsigned request is refused in strict mode
        const page = await fetch(strictAuthorize(), { redirect: 'manual' });
        const request = /name="request" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
        const loginResponse = await fetch(`${strict.base}/login`, {
          method: 'POST',
          redirect: 'manual',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ request, persona: 'teacher-with-rights' }),
        });
        const realCode = new URL(loginResponse.headers.get('location') ?? '').searchParams.get('code') ?? '';
        const state = 'b1b2c3d4-0000-4000-8000-000000000002';
        const ts = timestamp();
        const message = v2Message({ clientId: 'VENDOR01', scope: 'openid fullname', timestamp: ts, state, redirectUri: REDIRECT, code: realCode });
        const body = {
          client_id: 'VENDOR01',
          code: realCode,
          grant_type: 'authorization_code',
          redirect_uri: REDIRECT,
          state,
          timestamp: ts,
          scope: 'openid fullname',
          token_type: 'Bearer',
          client_certificate_hash: vendorHash.toLowerCase(),
        };
        const bad = await token(strict.base, { ...body, client_secret: signed(message + 'x') });
        expect(((await bad.json()) as { error: string }).error).toBe('invalid_client');
        const page2 = await fetch(strictAuthorize(), { redirect: 'manual' });
        const request2 = /name="request" value="([^"]+)"/.exec(await page2.text())?.[1] ?? '';
        const login2 = await fetch(`${strict.base}/login`, {
          method: 'POST',
          redirect: 'manual',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ request: request2, persona: 'teacher-with-rights' }),
        });
        const code2 = new URL(login2.headers.get('location') ?? '').searchParams.get('code') ?? '';
        const message2 = v2Message({ clientId: 'VENDOR01', scope: 'openid fullname', timestamp: ts, state, redirectUri: REDIRECT, code: code2 });
        const good = await token(strict.base, { ...body, code: code2, client_secret: signed(message2) });
        expect(good.status).toBe(200);
      });
    });

    it('runs the strict flow on v1 with an ECDSA P-256 key, signing the v1 concatenation', async () => {
      const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
      strict.esia.ctx.clients.register({
        clientId: 'VENDOR02',
        redirectUris: [REDIRECT],
        scopes: [],
        publicKey: ec.publicKey.export({ type: 'spki', format: 'pem' }) as string,
      });
      const ecSign = (message: string) => sign('sha256', Buffer.from(message), { key: ec.privateKey, dsaEncoding: 'ieee-p1363' }).toString('base64url');
      const ts = timestamp();
      const scope = 'openid fullname';
      const params = new URLSearchParams({
        client_id: 'VENDOR02',
        redirect_uri: REDIRECT,
        scope,
        response_type: 'code',
        state: STATE,
        timestamp: ts,
        client_secret: ecSign(v1Message({ clientId: 'VENDOR02', scope, timestamp: ts, state: STATE })),
      });
      const page = await fetch(`${strict.base}/aas/oauth2/ac?${params}`, { redirect: 'manual' });
      expect(page.status).toBe(200);
      const request = /name="request" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
      const loginResponse = await fetch(`${strict.base}/login`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ request, persona: 'parent-two-schools' }),
      });
      const code = new URL(loginResponse.headers.get('location') ?? '').searchParams.get('code') ?? '';
      const state = 'c1b2c3d4-0000-4000-8000-000000000003';
      const response = await token(
        strict.base,
        {
          client_id: 'VENDOR02',
          code,
          grant_type: 'authorization_code',
          redirect_uri: REDIRECT,
          state,
          timestamp: ts,
          scope,
          token_type: 'Bearer',
          client_secret: ecSign(v1Message({ clientId: 'VENDOR02', scope, timestamp: ts, state })),
        },
        'v1',
      );
      expect(response.status).toBe(200);
      expect(decodeJwt(((await response.json()) as { access_token: string }).access_token)['client_id']).toBe('VENDOR02');
    });

    it('logs out to redirect_url (not redirect_uri) of a registered system only', async () => {
      const ok = await fetch(`${t.base}/idp/ext/Logout?client_id=EDUSIM&redirect_url=${encodeURIComponent('http://localhost:3000/bye')}`, {
        redirect: 'manual',
      });
      expect(ok.status).toBe(302);
      expect(ok.headers.get('location')).toBe('http://localhost:3000/bye');
      const evil = await fetch(`${t.base}/idp/ext/Logout?client_id=EDUSIM&redirect_url=${encodeURIComponent('https://evil.example/')}`, { redirect: 'manual' });
      expect(evil.status).toBe(400);
      expect(await evil.text()).toContain('redirect_url https://evil.example/ не разрешён для системы EDUSIM');
    });

    describe('person REST', () => {
      it('returns the person with ESIA field names and formats, limited by scopes', async () => {
        const { person } = findPersona(world, 'teacher-with-rights');
        const oid = person.account?.oid ?? 0;
        const minted = await t.esia.mint(oid, 'EDUSIM', 'openid fullname birthdate gender snils');
        const response = await fetch(`${t.base}/rs/prns/${oid}`, { headers: { authorization: `Bearer ${minted.access_token}` } });
        expect(response.status).toBe(200);
        const body = (await response.json()) as Record<string, unknown>;
        expect(body).toMatchObject({
          firstName: person.firstName,
          lastName: person.lastName,
          middleName: person.middleName,
          birthDate: person.birthDate.split('-').reverse().join('.'),
          gender: person.sex,
          snils: person.snils,
          trusted: true,
          status: 'REGISTERED',
          citizenship: 'RUS',
          kidAccCreatedByParent: false,
        });
        expect(body['inn']).toBeUndefined();
        const ctts = await fetch(`${t.base}/rs/prns/${oid}/ctts`, { headers: { authorization: `Bearer ${minted.access_token}` } });
        expect(ctts.status).toBe(403);
      });

      it('lets a parent read own children through kid_* scopes and nobody read a stranger', async () => {
        const { person: mother } = findPersona(world, 'parent-two-schools');
        const oid = mother.account?.oid ?? 0;
        const minted = await t.esia.mint(oid, 'EDUSIM', 'openid fullname kid_fullname kid_birthdate kid_birth_cert_doc');
        const kids = (await (
          await fetch(`${t.base}/rs/prns/${oid}/kids?embed=(elements)`, { headers: { authorization: `Bearer ${minted.access_token}` } })
        ).json()) as { size: number; elements: { id: number; firstName: string; birthDate: string }[] };
        const childIds = mother.memberships.flatMap((m) => (m.role === 'parent' ? m.childIds : []));
        expect(kids.size).toBe(childIds.length);
        expect(kids.elements.map((k) => k.firstName)).toEqual(childIds.map((id) => world.personById(id)?.firstName));
        const docs = (await (
          await fetch(`${t.base}/rs/prns/${oid}/kids/${kids.elements[0]?.id}/docs?embed=(elements)`, {
            headers: { authorization: `Bearer ${minted.access_token}` },
          })
        ).json()) as { elements: { type: string }[] };
        expect(docs.elements.map((d) => d.type)).toEqual(['RF_BRTH_CERT']);
        const stranger = findPersona(world, 'teacher-with-rights').person.account?.oid;
        const denied = await fetch(`${t.base}/rs/prns/${stranger}`, { headers: { authorization: `Bearer ${minted.access_token}` } });
        expect(denied.status).toBe(403);
        expect(((await denied.json()) as { error_description: string }).error_description).toBe(
          `ESIA-007019: Отсутствует разрешение на доступ (the token's subject may not read person ${stranger})`,
        );
      });

      it('answers an element URL with the element itself, and an unknown id with ESIA-007003 (404)', async () => {
        const { person } = findPersona(world, 'teacher-with-rights');
        const oid = person.account?.oid ?? 0;
        const minted = await t.esia.mint(oid, 'EDUSIM', 'openid fullname contacts addresses id_doc');
        const get = async (url: string) => {
          const response = await fetch(url, { headers: { authorization: `Bearer ${minted.access_token}` } });
          return { status: response.status, body: (await response.json()) as Record<string, unknown> };
        };
        for (const name of ['ctts', 'addrs', 'docs']) {
          const links = await get(`${t.base}/rs/prns/${oid}/${name}`);
          const embedded = await get(`${t.base}/rs/prns/${oid}/${name}?embed=(elements)`);
          const urls = links.body['elements'] as string[];
          const objects = embedded.body['elements'] as Record<string, unknown>[];
          expect(urls).toEqual(objects.map((e) => `${t.base}/rs/prns/${oid}/${name}/${e['id']}`));
          for (const [i, url] of urls.entries()) expect(await get(url)).toEqual({ status: 200, body: objects[i] });
          expect(await get(`${t.base}/rs/prns/${oid}/${name}/999`)).toEqual({
            status: 404,
            body: {
              error: 'invalid_request',
              error_description: `ESIA-007003: В запросе отсутствует обязательный параметр, неверное значение параметра или параметр указан несколько раз (${
                { ctts: 'contact', addrs: 'address', docs: 'document' }[name]
              } 999 not found at ${t.base}/rs/prns/${oid}/${name})`,
            },
          });
        }
        const contactTypes = ((await get(`${t.base}/rs/prns/${oid}/ctts?embed=(elements)`)).body['elements'] as { type: string }[]).map((c) => c.type);
        expect(contactTypes).toEqual(['EML', 'MBT', 'CEM']);
      });

      it("answers a child's document URL with the document, and an unknown one with ESIA-007003 (404)", async () => {
        const { person: mother } = findPersona(world, 'parent-two-schools');
        const oid = mother.account?.oid ?? 0;
        const minted = await t.esia.mint(oid, 'EDUSIM', 'openid kid_fullname kid_birth_cert_doc');
        const get = async (url: string) => (await fetch(url, { headers: { authorization: `Bearer ${minted.access_token}` } })).json();
        const kids = (await get(`${t.base}/rs/prns/${oid}/kids`)) as { elements: string[] };
        const kidUrl = kids.elements[0] ?? '';
        const docs = (await get(`${kidUrl}/docs?embed=(elements)`)) as { elements: { id: number; type: string }[] };
        const links = (await get(`${kidUrl}/docs`)) as { elements: string[] };
        expect(links.elements).toEqual(docs.elements.map((d) => `${kidUrl}/docs/${d.id}`));
        expect(await get(links.elements[0] ?? '')).toEqual(docs.elements[0]);
        expect(((await get(`${kidUrl}/docs/1`)) as { error_description: string }).error_description).toBe(
          `ESIA-007003: В запросе отсутствует обязательный параметр, неверное значение параметра или параметр указан несколько раз (document 1 not found at ${kidUrl}/docs)`,
        );
      });

      it('keeps tokens signed before a key rotation valid until they expire', async () => {
        const oid = findPersona(world, 'teacher-with-rights').person.account?.oid ?? 0;
        const before = await t.esia.mint(oid, 'EDUSIM', 'openid fullname');
        await t.esia.rotateKeys();
        const after = await t.esia.mint(oid, 'EDUSIM', 'openid fullname');
        expect(decodeProtectedHeader(before.access_token).kid).not.toBe(decodeProtectedHeader(after.access_token).kid);
        for (const tk of [before, after])
          expect((await fetch(`${t.base}/rs/prns/${oid}`, { headers: { authorization: `Bearer ${tk.access_token}` } })).status).toBe(200);
        nowMs += 3601_000;
        try {
          expect((await fetch(`${t.base}/rs/prns/${oid}`, { headers: { authorization: `Bearer ${before.access_token}` } })).status).toBe(401);
        } finally {
          nowMs -= 3601_000;
        }
      });
    });

    it('logs in headlessly by persona for tests, and refuses a person without an account', async () => {
      const ok = await fetch(`${t.base}/sim/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ persona: 'pupil-child-account', scope: 'openid fullname' }),
      });
      expect(ok.status).toBe(200);
      expect(decodeJwt(((await ok.json()) as { id_token: string }).id_token)['urn:esia:sbj']).toMatchObject({ 'urn:esia:sbj:lvl': 'KD' });
      const none = await fetch(`${t.base}/sim/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ persona: 'pupil-no-child-account' }),
      });
      expect(none.status).toBe(400);
      expect(((await none.json()) as { error_description: string }).error_description).toMatch(/^ESIA-007004: .*нет учётной записи ЕСИА — войти нельзя\)$/);
      const broken = await fetch(`${t.base}/sim/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"persona":' });
      expect(broken.status).toBe(400);
    });
  });
}
