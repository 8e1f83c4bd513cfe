/**
 * `GET|POST /_edusim/callback` of every sandbox: the vendor's workbench redirect URI (callback-page.ts).
 * GET shows what the redirect brought; POST exchanges the code at the sandbox's own token endpoint —
 * through the same route a vendor calls, so the exchange is in the journal — and checks the tokens.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { pageRoute, sendPage } from '../cabinet/error-page.ts';
import { pageContextOf } from '../cabinet/page-context.ts';
import { postToOwnTokenEndpoint, type TokenAnswer } from '../http/own-esia.ts';
import { baseUrlOf, sandboxOf } from '../http/routing.ts';
import type { Sandbox } from '../sandbox.ts';
import { callbackPage, type CallbackView } from './callback-page.ts';
import { CALLBACK_PATH } from './callback-path.ts';
import { prepareExchange, type Exchange } from './exchange.ts';
import { checkToken } from './token-check.ts';

type Query = { Querystring: Record<string, string | undefined> };

const MAX_FIELD = 8192;

export function registerCallbackPage(app: FastifyInstance): void {
  app.get<Query>(
    CALLBACK_PATH,
    pageRoute(async (request: FastifyRequest<Query>, reply) => {
      const sandbox = sandboxOf(request);
      const q = request.query;
      const callbackUrl = `${baseUrlOf(request)}${CALLBACK_PATH}`;
      const view: CallbackView =
        q['error'] !== undefined
          ? { kind: 'error', error: q['error'], description: q['error_description'] ?? '', state: q['state'] ?? '' }
          : q['code'] !== undefined
            ? codeView(sandbox, q['code'], q['state'] ?? '', callbackUrl, null)
            : { kind: 'empty', callbackUrl, clients: sandbox.esia.clients().map((c) => c.clientId) };
      return sendPage(reply, view.kind === 'error' ? 400 : 200, callbackPage(pageContextOf(request), view));
    }),
  );

  app.post(
    CALLBACK_PATH,
    pageRoute(async (request, reply) => {
      const sandbox = sandboxOf(request);
      const context = pageContextOf(request);
      const form = new URLSearchParams(typeof request.body === 'string' ? request.body : '');
      const field = (name: string) => (form.get(name) ?? '').trim().slice(0, MAX_FIELD);
      const code = field('code');
      const clientId = field('client_id');
      const callbackUrl = `${baseUrlOf(request)}${CALLBACK_PATH}`;
      const client = sandbox.esia.clients().find((c) => c.clientId === clientId);
      if (code === '' || client === undefined) {
        const problem =
          code === ''
            ? 'Нет кода: откройте эту страницу по адресу возврата из ЕСИА (с параметром code).'
            : `Система «${clientId}» не зарегистрирована в этой песочнице. Укажите client_id, которым начинали вход.`;
        return sendPage(reply, 400, callbackPage(context, { ...codeView(sandbox, code, '', callbackUrl, problem), clientId: clientId || null }));
      }
      const exchange = prepareExchange(
        {
          profile: sandbox.esia.profile,
          clientId,
          certificateHash: client.certificateHash,
          code,
          // The redirect URI exactly as the authorization request gave it (`…:80/…` and `…/…` are one page, not one string).
          redirectUri: sandbox.esia.codeIssue(code)?.redirectUri ?? callbackUrl,
          codeVerifier: field('code_verifier'),
          clientSecret: field('client_secret'),
          timestamp: field('timestamp'),
          state: field('state'),
        },
        sandbox.clock.now(),
      );
      if (exchange.kind === 'needs-signature') {
        const problem = 'Строгий профиль: нужна подпись client_secret вашей системы.';
        return sendPage(reply, 400, callbackPage(context, { kind: 'code', code, state: '', clientId, signing: exchange, problem }));
      }
      const answer = await postToTokenEndpoint(app, request, sandbox, exchange);
      const tokens = await Promise.all(
        (['access_token', 'id_token'] as const)
          .filter((name) => typeof answer.body[name] === 'string')
          .map(async (name) => ({
            name,
            checked: await checkToken(String(answer.body[name]), {
              jwks: sandbox.esia.jwks(),
              issuer: sandbox.esia.issuer,
              clientId,
              now: sandbox.clock.now(),
            }),
          })),
      );
      return sendPage(reply, 200, callbackPage(context, { kind: 'exchanged', clientId, status: answer.status, answer: answer.body, tokens }));
    }),
  );
}

function codeView(sandbox: Sandbox, code: string, state: string, callbackUrl: string, problem: string | null): Extract<CallbackView, { kind: 'code' }> {
  const issued = code ? sandbox.esia.codeIssue(code) : null;
  const clientId = issued?.clientId ?? null;
  const client = clientId === null ? undefined : sandbox.esia.clients().find((c) => c.clientId === clientId);
  const exchange =
    client === undefined
      ? null
      : prepareExchange(
          {
            profile: sandbox.esia.profile,
            clientId: client.clientId,
            certificateHash: client.certificateHash,
            code,
            redirectUri: issued?.redirectUri ?? callbackUrl,
            codeVerifier: '',
            clientSecret: '',
            timestamp: '',
            state: '',
          },
          sandbox.clock.now(),
        );
  return { kind: 'code', code, state, clientId, signing: exchange?.kind === 'needs-signature' ? exchange : null, problem };
}

function postToTokenEndpoint(
  app: FastifyInstance,
  request: FastifyRequest,
  sandbox: Sandbox,
  exchange: Extract<Exchange, { kind: 'ready' }>,
): Promise<TokenAnswer> {
  return postToOwnTokenEndpoint(app, request, sandbox, exchange.form);
}
