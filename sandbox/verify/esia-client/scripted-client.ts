/**
 * A scripted ESIA client for the self-test, written as a vendor would with jose: authorize with
 * state, PKCE S256, timestamp and a signed client_secret (the demo client's public test key); log
 * a persona in; compare the state on the redirect; exchange the code; verify the id_token against
 * the sandbox's JWKS (signature, iss, aud, exp); then read the person with the access token.
 * A flaw switches one of those checks off.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createLocalJWKSet, decodeJwt, jwtVerify, type JSONWebKeySet } from 'jose';
import { DEMO_CLIENT_CERTIFICATE_HASH, DEMO_CLIENT_ID, formatEsiaTimestamp, signAsDemoClient, v2Message } from '../../../mocks/index.ts';

export type ClientFlaw = 'any-signature' | 'ignores-state' | 'no-aud-check';

export interface ScriptedLogin {
  /** The sandbox's ESIA: `http://127.0.0.1:<port>/sandboxes/<id>/esia`. */
  readonly esia: string;
  /** The sandbox's clock (ESIA checks the timestamp against it, and the token's exp with it). */
  readonly now: () => Promise<Date>;
  readonly persona: string;
  readonly redirectUri: string;
  readonly flaw: ClientFlaw | null;
}

/** How the attempt ended: logged in, or refused (and why). */
export type LoginOutcome = { readonly loggedIn: true; readonly oid: number } | { readonly loggedIn: false; readonly refused: string };

const SCOPE = 'openid fullname';

async function must(response: Response, what: string): Promise<Response> {
  if (!response.ok && response.status !== 302) throw new Error(`${what}: HTTP ${response.status} ${await response.text()}`);
  return response;
}

export async function scriptedLogin(login: ScriptedLogin): Promise<LoginOutcome> {
  const state = randomUUID();
  const verifier = randomBytes(32).toString('base64url');
  const fields = { clientId: DEMO_CLIENT_ID, scope: SCOPE, timestamp: formatEsiaTimestamp(await login.now()), state, redirectUri: login.redirectUri };
  const authorize = new URLSearchParams({
    client_id: DEMO_CLIENT_ID,
    redirect_uri: login.redirectUri,
    response_type: 'code',
    scope: SCOPE,
    state,
    timestamp: fields.timestamp,
    client_secret: signAsDemoClient(v2Message(fields)),
    client_certificate_hash: DEMO_CLIENT_CERTIFICATE_HASH,
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  });
  const page = await (await must(await fetch(`${login.esia}/aas/oauth2/v2/ac?${authorize}`), 'authorize')).text();
  const request = /name="request" value="([^"]+)"/.exec(page)?.[1];
  if (request === undefined) throw new Error(`authorize: no login form in the answer: ${page.slice(0, 200)}`);
  const back = await must(
    await fetch(`${login.esia}/login`, { method: 'POST', body: new URLSearchParams({ request, persona: login.persona }), redirect: 'manual' }),
    'login',
  );
  const redirect = new URL(back.headers.get('location') ?? '', login.redirectUri);
  const code = redirect.searchParams.get('code');
  if (code === null) return { loggedIn: false, refused: `redirect without a code: ${redirect.search}` };
  if (login.flaw !== 'ignores-state' && redirect.searchParams.get('state') !== state) return { loggedIn: false, refused: 'state mismatch' };

  const tokenFields = { ...fields, timestamp: formatEsiaTimestamp(await login.now()), code };
  const form = new URLSearchParams({
    client_id: DEMO_CLIENT_ID,
    code,
    grant_type: 'authorization_code',
    redirect_uri: login.redirectUri,
    code_verifier: verifier,
    scope: SCOPE,
    state,
    timestamp: tokenFields.timestamp,
    token_type: 'Bearer',
    client_secret: signAsDemoClient(v2Message(tokenFields)),
    client_certificate_hash: DEMO_CLIENT_CERTIFICATE_HASH,
  });
  const tokens = (await (await must(await fetch(`${login.esia}/aas/oauth2/v3/te`, { method: 'POST', body: form }), 'token')).json()) as {
    access_token: string;
    id_token: string;
  };
  try {
    await checkIdToken(login, tokens.id_token);
  } catch (error) {
    return { loggedIn: false, refused: `id_token: ${(error as Error).message}` };
  }
  const oid = Number(decodeJwt(tokens.access_token)['urn:esia:sbj_id']);
  await must(await fetch(`${login.esia}/rs/prns/${oid}`, { headers: { authorization: `Bearer ${tokens.access_token}` } }), 'person');
  return { loggedIn: true, oid };
}

async function checkIdToken(login: ScriptedLogin, idToken: string): Promise<void> {
  const discovery = (await (await fetch(`${login.esia}/.well-known/openid-configuration`)).json()) as { issuer: string };
  const now = await login.now();
  if (login.flaw === 'any-signature') {
    // The famous miss: the claims are checked, the signature never is.
    const claims = decodeJwt(idToken);
    if (claims.iss !== discovery.issuer) throw new Error('unexpected "iss"');
    if (claims.aud !== DEMO_CLIENT_ID) throw new Error('unexpected "aud"');
    if ((claims.exp ?? 0) * 1000 < now.getTime()) throw new Error('"exp" has passed');
    return;
  }
  // A fresh key set every time (jose caches a remote one): the sandbox's JWKS as it is now.
  const jwks = (await (await fetch(`${login.esia}/.well-known/jwks.json`)).json()) as JSONWebKeySet;
  await jwtVerify(idToken, createLocalJWKSet(jwks), {
    issuer: discovery.issuer,
    ...(login.flaw === 'no-aud-check' ? {} : { audience: DEMO_CLIENT_ID }),
    currentDate: now,
    algorithms: ['RS256'],
  });
}
