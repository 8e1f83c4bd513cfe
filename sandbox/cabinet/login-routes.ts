/**
 * «Войти через Госуслуги»: a real authorization-code login against the sandbox's own ESIA, as a
 * client system does it — the demo client `EDUSIM`, the redirect URI `<sandbox>/callback` served
 * here, state and PKCE (S256) checked — then the code is exchanged server-side (in-process, through
 * the same routes a vendor calls) and the cabinet keeps its own session cookie.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DEMO_CLIENT_CERTIFICATE_HASH, signAsDemoClient, v2Message } from '../../mocks/index.ts';
import { postToOwnTokenEndpoint } from '../http/own-esia.ts';
import { addressOf, baseUrlOf, sandboxOf } from '../http/routing.ts';
import { beginLogin, closeSession, cookie, cookieName, openSession, readCookie, stateCookieName, takeLogin } from './sessions.ts';
import { landingPage } from './landing.ts';
import { pageContextOf } from './page-context.ts';

const CLIENT_ID = 'EDUSIM';
const SCOPE = 'openid fullname birthdate';

/** ESIA's timestamp format: `2026.11.23 10:00:00 +0300`, Moscow time. */
function esiaTimestamp(now: Date): string {
  const d = new Date(now.getTime() + 3 * 3600_000).toISOString();
  return `${d.slice(0, 10).replaceAll('-', '.')} ${d.slice(11, 19)} +0300`;
}

/** The cookie path of the sandbox's pages: `/sandboxes/<id>/`, or `/` for the default sandbox. */
export const cookiePath = (request: FastifyRequest) => `${addressOf(request).prefix}/`;

/** ESIA's error codes on the redirect, in words. */
function loginErrorText(error: string, description: string): string {
  if (description.includes('ESIA-007004'))
    return `Вход не завершён: на Госуслугах не дано разрешение. ${description.replace(/^ESIA-\d+:\s*/, '')} Попробуйте войти снова.`;
  if (description.includes('ESIA-007055')) return 'Для входа нужна подтверждённая учётная запись Госуслуг. Подтвердите её и войдите снова.';
  return `Госуслуги вернули ошибку (${error}: ${description || 'без описания'}). Попробуйте войти снова.`;
}

function showLanding(reply: FastifyReply, request: FastifyRequest, status: number, error: string): FastifyReply {
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(landingPage(pageContextOf(request), error));
}

export function registerLoginRoutes(app: FastifyInstance): void {
  app.get('/login', async (request, reply) => {
    const sandbox = sandboxOf(request);
    const base = baseUrlOf(request);
    const { state, challenge } = beginLogin(sandbox);
    const timestamp = esiaTimestamp(sandbox.clock.now());
    const redirectUri = `${base}/callback`;
    // Signed with the demo client's published key, so that a strict sandbox accepts it too.
    const query = new URLSearchParams({
      client_id: CLIENT_ID,
      response_type: 'code',
      scope: SCOPE,
      redirect_uri: redirectUri,
      state,
      timestamp,
      access_type: 'online',
      client_secret: signAsDemoClient(v2Message({ clientId: CLIENT_ID, scope: SCOPE, timestamp, state, redirectUri })),
      client_certificate_hash: DEMO_CLIENT_CERTIFICATE_HASH,
      code_challenge: challenge,
      code_challenge_method: 'S256',
    });
    return reply
      .header('set-cookie', cookie(stateCookieName(sandbox), state, cookiePath(request), 600))
      .header('cache-control', 'no-store')
      .redirect(`${addressOf(request).prefix}/esia/aas/oauth2/v2/ac?${query.toString()}`, 302);
  });

  app.get<{ Querystring: Record<string, string | undefined> }>('/callback', async (request, reply) => {
    const sandbox = sandboxOf(request);
    const { code, state, error } = request.query;
    const expected = readCookie(request.headers.cookie, stateCookieName(sandbox));
    void reply.header('set-cookie', cookie(stateCookieName(sandbox), '', cookiePath(request), 0));
    if (!state || state !== expected)
      return showLanding(reply, request, 400, 'Вход не завершён: ответ Госуслуг не относится к этому окну браузера. Нажмите «Войти через Госуслуги» ещё раз.');
    const pending = takeLogin(sandbox, state);
    if (!pending) return showLanding(reply, request, 400, 'Вход устарел или уже завершён. Нажмите «Войти через Госуслуги» ещё раз.');
    if (error || !code) return showLanding(reply, request, 400, loginErrorText(error ?? 'no_code', request.query['error_description'] ?? ''));
    const started = performance.now();
    const timestamp = esiaTimestamp(sandbox.clock.now());
    const redirectUri = `${baseUrlOf(request)}/callback`;
    const answer = await postToOwnTokenEndpoint(app, request, sandbox, {
      grant_type: 'authorization_code',
      client_id: CLIENT_ID,
      code,
      redirect_uri: redirectUri,
      state,
      timestamp,
      client_secret: signAsDemoClient(v2Message({ clientId: CLIENT_ID, scope: '', timestamp, state, redirectUri, code })),
      client_certificate_hash: DEMO_CLIENT_CERTIFICATE_HASH,
      code_verifier: pending.verifier,
    });
    const loginMs = Math.round(performance.now() - started);
    const body = answer.body;
    const token = typeof body['access_token'] === 'string' ? body['access_token'] : undefined;
    const oid = token ? await sandbox.esia.verifyAccess(token) : null;
    if (!token || oid === null)
      return showLanding(reply, request, 502, loginErrorText(String(body['error'] ?? 'token'), String(body['error_description'] ?? '')));
    const id = openSession(sandbox, { oid, accessToken: token, loginMs });
    return reply
      .header('set-cookie', [cookie(stateCookieName(sandbox), '', cookiePath(request), 0), cookie(cookieName(sandbox), id, cookiePath(request), 3600)])
      .header('cache-control', 'no-store')
      .redirect(`${addressOf(request).prefix}/`, 303);
  });

  app.post('/logout', async (request, reply) => {
    const sandbox = sandboxOf(request);
    closeSession(sandbox, request.headers.cookie);
    const back = `${baseUrlOf(request)}/`;
    return reply
      .header('set-cookie', cookie(cookieName(sandbox), '', cookiePath(request), 0))
      .redirect(`${addressOf(request).prefix}/esia/idp/ext/Logout?${new URLSearchParams({ client_id: CLIENT_ID, redirect_url: back }).toString()}`, 303);
  });
}
