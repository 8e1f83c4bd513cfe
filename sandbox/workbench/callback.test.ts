import { generateKeyPairSync, sign } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v2Message } from '../../mocks/index.ts';
import { createWorld } from '../../seeds/index.ts';
import { InjectBrowser, pageText } from '../cabinet/inject-browser.ts';
import { createApp, type App } from '../http/app.ts';

// The vendor's callback page through inject: a login of a vendor's client with the sandbox's own
// redirect URI, the code shown, exchanged on request, the tokens decoded and checked.
const world = createWorld({ seed: 42, scale: 'demo' });
const CLOCK = { at: '2026-11-23T10:00:00+03:00', frozen: true };
const STATE = 'f918e3be-664e-45db-b5a2-adbf5d6ae3f6';
const VENDOR = { clientId: 'VENDOR01', redirectUris: ['https://vendor.example/cb'], scopes: [] };

describe('the callback page /_edusim/callback', () => {
  let app: App;
  beforeAll(async () => {
    app = await createApp({ world, clock: CLOCK });
  });
  afterAll(async () => app?.fastify.close());

  async function sandbox(profile: 'lenient' | 'strict' = 'lenient'): Promise<string> {
    const created = await app.fastify.inject({ method: 'POST', url: '/_edusim/sandboxes', payload: { clock: CLOCK, profile, clients: [VENDOR] } });
    return `/sandboxes/${created.json<{ id: string }>().id}`;
  }

  function authorizeQuery(clientId: string, redirectUri: string): string {
    return new URLSearchParams({
      client_id: clientId,
      redirect_uri: redirectUri,
      scope: 'openid fullname',
      response_type: 'code',
      state: STATE,
      timestamp: '2026.11.23 10:00:00 +0300',
      client_secret: 'x',
    }).toString();
  }

  /** Logs in as `persona` through the client; answers the redirect ESIA sends back. */
  async function login(browser: InjectBrowser, prefix: string, clientId: string, redirectUri: string) {
    const page = await browser.get(`${prefix}/esia/aas/oauth2/v2/ac?${authorizeQuery(clientId, redirectUri)}`);
    const request = /name="request" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    return browser.post(`${prefix}/esia/login`, { request, persona: 'teacher-with-rights' });
  }

  it('is accepted as redirect URI for a vendor client that never registered it; shows the code and exchanges it; the tokens pass all four checks', async () => {
    const prefix = await sandbox();
    const browser = new InjectBrowser(app.fastify);
    const callback = `http://localhost:80${prefix}/_edusim/callback`;
    const back = await login(browser, prefix, 'VENDOR01', callback);
    expect(back.statusCode).toBe(302);
    const location = new URL(String(back.headers.location));
    expect(`${location.origin}${location.pathname}`).toBe(new URL(callback).href);
    expect(location.searchParams.get('state')).toBe(STATE);
    const code = location.searchParams.get('code') ?? '';

    const shown = await browser.get(String(back.headers.location));
    expect(shown.statusCode).toBe(200);
    expect(shown.body).toContain(`<code data-code>${code}</code>`);
    expect(shown.body).toContain(`<code data-state>${STATE}</code>`);
    expect(shown.body).toContain('<input id="client_id" name="client_id" value="VENDOR01" required>');
    expect(shown.body).not.toContain('data-message');

    const exchanged = await browser.post(`${prefix}/_edusim/callback`, { code, client_id: 'VENDOR01' });
    expect(exchanged.statusCode).toBe(200);
    const words = pageText(exchanged.body);
    expect(words).toContain('Код обменян для системы VENDOR01.');
    const checks = [...exchanged.body.matchAll(/<li data-check="(\w+)" data-passed="(\w+)">/g)].map((m) => `${m[1]}:${m[2]}`);
    expect(checks).toEqual(['signature:true', 'iss:true', 'aud:true', 'exp:true', 'signature:true', 'iss:true', 'aud:true', 'exp:true']);
    expect(words).toContain('✓ Издатель (iss): iss «http://esia.gosuslugi.ru/» — издатель этой песочницы');
    expect(words).toContain('✓ Получатель (aud): client_id «VENDOR01» — ваша система (в маркере доступа ЕСИА нет aud)');
    expect(words).toContain('✓ Получатель (aud): aud «VENDOR01» — ваша система');
    expect(words).toContain('✓ Срок (exp): действителен до 23.11.2026 11:00 МСК (ещё 60 мин по часам песочницы)');
    expect(words).toContain('"sbt": "access"');

    // The code is single-use: the second exchange is ESIA's refusal, shown as such.
    const again = pageText((await browser.post(`${prefix}/_edusim/callback`, { code, client_id: 'VENDOR01' })).body);
    expect(again).toContain('ЕСИА отказала в обмене кода (HTTP 400): invalid_grant .');
    expect(again).toContain(
      'ESIA-007011: Авторизационный код или маркер обновления недействителен, просрочен, отозван или выдан другой системе (the code was already used)',
    );
  });

  it('takes only the exact callback path: another page of the host is still not a redirect URI of VENDOR01 (ESIA-007023)', async () => {
    const prefix = await sandbox();
    const browser = new InjectBrowser(app.fastify);
    const answer = await login(browser, prefix, 'VENDOR01', `http://localhost:80${prefix}/_edusim/callbackx`);
    expect(answer.statusCode).toBe(400);
    const direct = await browser.get(
      `${prefix}/esia/aas/oauth2/v2/ac?${authorizeQuery('VENDOR01', `http://localhost:80${prefix}/_edusim/callbackx`)}`,
      'application/json',
    );
    expect(direct.json()).toEqual({
      error: 'invalid_request',
      error_description: `ESIA-007023: Указанный адрес перенаправления (redirect_uri) отсутствует среди разрешённых для системы (redirect_uri "http://localhost:80${prefix}/_edusim/callbackx")`,
      state: STATE,
    });
  });

  it('shows the error ESIA sent back, with its state, as 400', async () => {
    const prefix = await sandbox();
    const answer = await new InjectBrowser(app.fastify).get(
      `${prefix}/_edusim/callback?error=access_denied&error_description=ESIA-007004%3A%20denied&state=${STATE}`,
    );
    expect(answer.statusCode).toBe(400);
    expect(pageText(answer.body)).toContain(`ЕСИА вернула ошибку access_denied . ESIA-007004: denied state ${STATE}`);
  });

  it('without parameters, says which address to register and which systems take it', async () => {
    const prefix = await sandbox();
    const answer = await new InjectBrowser(app.fastify).get(`${prefix}/_edusim/callback`);
    expect(answer.statusCode).toBe(200);
    expect(answer.body).toContain(`<code data-callback>http://localhost:80${prefix}/_edusim/callback</code>`);
    expect(pageText(answer.body)).toContain('Зарегистрированные системы: EDUSIM, VENDOR01.');
  });

  it('refuses an exchange for a client the sandbox does not know, naming it', async () => {
    const prefix = await sandbox();
    const answer = await new InjectBrowser(app.fastify).post(`${prefix}/_edusim/callback`, { code: 'abc', client_id: 'NOPE01' });
    expect(answer.statusCode).toBe(400);
    expect(pageText(answer.body)).toContain('Система «NOPE01» не зарегистрирована в этой песочнице. Укажите client_id, которым начинали вход.');
  });

  it('in the strict profile asks a vendor client for its own signature and shows the exact message to sign', async () => {
    const prefix = await sandbox('strict');
    const browser = new InjectBrowser(app.fastify);
    const answer = await browser.post(`${prefix}/_edusim/callback`, {
      code: 'CODE1',
      client_id: 'VENDOR01',
      timestamp: '2026.11.23 10:00:00 +0300',
      state: STATE,
    });
    expect(answer.statusCode).toBe(400);
    expect(pageText(answer.body)).toContain('Строгий профиль: нужна подпись client_secret вашей системы.');
    expect(answer.body).toContain(`<code data-message>VENDOR012026.11.23 10:00:00 +0300${STATE}http://localhost:80${prefix}/_edusim/callbackCODE1</code>`);
  });

  it("in the strict profile, exchanges a vendor client's code with the signature the vendor made over the shown message", async () => {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const prefix = await sandbox('strict');
    const registered = await app.fastify.inject({
      method: 'POST',
      url: `${prefix}/esia/sim/clients`,
      payload: { clientId: 'VENDOR02', redirectUris: [], scopes: [], publicKey: publicKey.export({ type: 'spki', format: 'pem' }) },
    });
    const hash = registered.json<{ certificateHash: string }>().certificateHash;
    const callback = `http://localhost:80${prefix}/_edusim/callback`;
    const timestamp = '2026.11.23 10:00:00 +0300';
    const scope = 'openid fullname';
    const signed = (message: string) => sign('sha256', Buffer.from(message), privateKey).toString('base64url');
    const query = new URLSearchParams({
      client_id: 'VENDOR02',
      redirect_uri: callback,
      scope,
      response_type: 'code',
      state: STATE,
      timestamp,
      client_certificate_hash: hash,
      client_secret: signed(v2Message({ clientId: 'VENDOR02', scope, timestamp, state: STATE, redirectUri: callback })),
    });
    const browser = new InjectBrowser(app.fastify);
    const page = await browser.get(`${prefix}/esia/aas/oauth2/v2/ac?${query.toString()}`);
    const request = /name="request" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    const back = await browser.post(`${prefix}/esia/login`, { request, persona: 'teacher-with-rights' });
    expect(back.statusCode).toBe(302);
    const shown = await browser.get(String(back.headers.location));
    const hidden = (name: string) => new RegExp(`<input type="hidden" name="${name}" value="([^"]+)">`).exec(shown.body)?.[1] ?? '';
    const message = /<code data-message>([^<]+)<\/code>/.exec(shown.body)?.[1] ?? '';
    const code = hidden('code');
    expect(message).toBe(`VENDOR02${hidden('timestamp')}${hidden('state')}${callback}${code}`);

    const form = { code, client_id: 'VENDOR02', timestamp: hidden('timestamp'), state: hidden('state') };
    const forged = pageText((await browser.post(`${prefix}/_edusim/callback`, { ...form, client_secret: signed('something else') })).body);
    expect(forged).toContain('ЕСИА отказала в обмене кода (HTTP 400)');
    expect(forged).toContain('ESIA-007053');

    // The forged attempt spent that code: log in again for a fresh one, and sign its message.
    const again = await browser.post(`${prefix}/esia/login`, {
      request: /name="request" value="([^"]+)"/.exec((await browser.get(`${prefix}/esia/aas/oauth2/v2/ac?${query.toString()}`)).body)?.[1] ?? '',
      persona: 'teacher-with-rights',
    });
    const fresh = await browser.get(String(again.headers.location));
    const freshMessage = /<code data-message>([^<]+)<\/code>/.exec(fresh.body)?.[1] ?? '';
    const field = (name: string) => new RegExp(`<input type="hidden" name="${name}" value="([^"]+)">`).exec(fresh.body)?.[1] ?? '';
    const exchanged = await browser.post(`${prefix}/_edusim/callback`, {
      code: field('code'),
      client_id: 'VENDOR02',
      timestamp: field('timestamp'),
      state: field('state'),
      client_secret: signed(freshMessage),
    });
    expect(pageText(exchanged.body)).toContain('Код обменян для системы VENDOR02.');
    expect([...exchanged.body.matchAll(/data-passed="(\w+)"/g)].map((m) => m[1])).toEqual(Array(8).fill('true'));
  });
});
