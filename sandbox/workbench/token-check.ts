/**
 * A token as the callback page shows it: its header and claims decoded, and the four checks a
 * client must make before trusting it — the signature against the sandbox's JWKS, `iss`, the
 * audience (`aud` of an id_token, `client_id` of an ESIA access token) and `exp` by the sandbox's clock.
 */
import { compactVerify, createLocalJWKSet, decodeJwt, decodeProtectedHeader, type JSONWebKeySet } from 'jose';
import { moscowDateTime } from '../../mocks/index.ts';

export interface TokenCheck {
  readonly name: 'signature' | 'iss' | 'aud' | 'exp';
  readonly passed: boolean;
  /** What was found, in Russian. */
  readonly detail: string;
}

export interface CheckedToken {
  readonly header: Record<string, unknown>;
  readonly claims: Record<string, unknown>;
  readonly checks: readonly TokenCheck[];
}

export interface TokenExpectations {
  readonly jwks: JSONWebKeySet;
  readonly issuer: string;
  readonly clientId: string;
  readonly now: Date;
}

/** Decodes and checks a compact JWT; a token that cannot even be decoded gets `null`. */
export async function checkToken(token: string, expected: TokenExpectations): Promise<CheckedToken | null> {
  let header: Record<string, unknown>;
  let claims: Record<string, unknown>;
  try {
    header = decodeProtectedHeader(token) as Record<string, unknown>;
    claims = decodeJwt(token) as Record<string, unknown>;
  } catch {
    return null;
  }
  return {
    header,
    claims,
    checks: [
      await signatureCheck(token, expected.jwks),
      issuerCheck(claims, expected.issuer),
      audienceCheck(claims, expected.clientId),
      expiryCheck(claims, expected.now),
    ],
  };
}

async function signatureCheck(token: string, jwks: JSONWebKeySet): Promise<TokenCheck> {
  try {
    const { protectedHeader } = await compactVerify(token, createLocalJWKSet(jwks));
    return { name: 'signature', passed: true, detail: `подпись верна: ключ ${String(protectedHeader.kid)} из JWKS песочницы` };
  } catch (error) {
    return { name: 'signature', passed: false, detail: `подпись не проверяется ключами JWKS песочницы (${(error as Error).message})` };
  }
}

function issuerCheck(claims: Record<string, unknown>, issuer: string): TokenCheck {
  const iss = claims['iss'];
  return iss === issuer
    ? { name: 'iss', passed: true, detail: `iss «${issuer}» — издатель этой песочницы` }
    : { name: 'iss', passed: false, detail: `iss ${JSON.stringify(iss ?? null)} — ожидался «${issuer}»` };
}

function audienceCheck(claims: Record<string, unknown>, clientId: string): TokenCheck {
  const aud = claims['aud'];
  if (aud !== undefined) {
    const passed = aud === clientId || (Array.isArray(aud) && aud.includes(clientId));
    return { name: 'aud', passed, detail: passed ? `aud «${clientId}» — ваша система` : `aud ${JSON.stringify(aud)} — ожидалась ваша система «${clientId}»` };
  }
  const client = claims['client_id'];
  return client === clientId
    ? { name: 'aud', passed: true, detail: `client_id «${clientId}» — ваша система (в маркере доступа ЕСИА нет aud)` }
    : { name: 'aud', passed: false, detail: `ни aud, ни client_id не называют вашу систему «${clientId}» (client_id ${JSON.stringify(client ?? null)})` };
}

function expiryCheck(claims: Record<string, unknown>, now: Date): TokenCheck {
  const exp = claims['exp'];
  if (typeof exp !== 'number') return { name: 'exp', passed: false, detail: 'нет exp: срок действия не указан' };
  const until = moscowDateTime(new Date(exp * 1000).toISOString());
  const minutes = Math.floor((exp * 1000 - now.getTime()) / 60_000);
  return minutes >= 0
    ? { name: 'exp', passed: true, detail: `действителен до ${until} МСК (ещё ${minutes} мин по часам песочницы)` }
    : { name: 'exp', passed: false, detail: `истёк ${until} МСК по часам песочницы` };
}
