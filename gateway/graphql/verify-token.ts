/**
 * The gateway's check of an ESIA access token on every request: the sandbox that issued it,
 * signature against the sandbox's JWKS, issuer, expiry, an access (not ID) token, a known client.
 * Anything else names the reason.
 */
import { createLocalJWKSet, decodeJwt, jwtVerify, type JSONWebKeySet } from 'jose';

export interface TokenCheck {
  readonly ok: boolean;
  readonly oid?: number;
  readonly clientId?: string;
  readonly reason?: string;
}

export interface TokenVerifierOptions {
  /** The sandbox the gateway serves this request for; a token of another sandbox is refused naming both. */
  readonly sandbox: string;
  /** The claim a token names its sandbox in. */
  readonly sandboxClaim: string;
  readonly jwks: () => JSONWebKeySet;
  readonly issuer: string;
  readonly clients: () => readonly string[];
  readonly now: () => Date;
}

/**
 * A token whose signature verified once is remembered (by its exact text) until it expires, so a
 * session's later requests skip the RSA check; expiry, the signing key still being published and
 * the client are checked on every use.
 */
interface VerifiedToken {
  readonly oid: number;
  readonly clientId: string;
  readonly exp: number;
  readonly kid: string | undefined;
}

const VERIFIED_CACHE = 10_000;

export function createTokenVerifier(options: TokenVerifierOptions): (authorization: string | undefined) => Promise<TokenCheck> {
  let cachedKeys: JSONWebKeySet | undefined;
  let keySet: ReturnType<typeof createLocalJWKSet> | undefined;
  const verified = new Map<string, VerifiedToken>();
  return async (authorization) => {
    if (!authorization) return { ok: false, reason: 'заголовок Authorization: Bearer … не передан' };
    const m = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!m?.[1]) return { ok: false, reason: 'заголовок Authorization должен иметь вид «Bearer <маркер>»' };
    const keys = options.jwks();
    const known = verified.get(m[1]);
    if (known) {
      if (known.exp * 1000 <= options.now().getTime()) {
        verified.delete(m[1]);
        return { ok: false, reason: 'срок действия маркера истёк' };
      }
      if (keys.keys.some((k) => k.kid === known.kid) && options.clients().includes(known.clientId))
        return { ok: true, oid: known.oid, clientId: known.clientId };
      verified.delete(m[1]);
    }
    // Only a token this sandbox verified before is in the cache; anything else may come from another sandbox.
    const issuedIn = claimOf(m[1], options.sandboxClaim);
    if (issuedIn !== null && issuedIn !== options.sandbox)
      return { ok: false, reason: `маркер выдан в песочнице «${issuedIn}», а запрос адресован песочнице «${options.sandbox}»` };
    if (keys !== cachedKeys) {
      cachedKeys = keys;
      keySet = createLocalJWKSet(keys);
    }
    try {
      const { payload, protectedHeader } = await jwtVerify(m[1], keySet as ReturnType<typeof createLocalJWKSet>, {
        issuer: options.issuer,
        algorithms: ['RS256'],
        currentDate: options.now(),
      });
      if (protectedHeader['sbt'] !== 'access') return { ok: false, reason: 'это не маркер доступа (sbt ≠ access)' };
      const oid = payload['urn:esia:sbj_id'];
      if (typeof oid !== 'number') return { ok: false, reason: 'в маркере нет urn:esia:sbj_id: это маркер системы, а не человека' };
      const clientId = String(payload['client_id'] ?? '');
      if (!options.clients().includes(clientId))
        return { ok: false, reason: `маркер выдан системе ${clientId || '(нет client_id)'}, не зарегистрированной в «Моя школа»` };
      if (verified.size >= VERIFIED_CACHE) verified.delete(verified.keys().next().value as string);
      verified.set(m[1], { oid, clientId, exp: typeof payload.exp === 'number' ? payload.exp : 0, kid: protectedHeader.kid });
      return { ok: true, oid, clientId };
    } catch (error) {
      const code = (error as { code?: string }).code;
      const reason =
        code === 'ERR_JWT_EXPIRED'
          ? 'срок действия маркера истёк'
          : code === 'ERR_JWT_CLAIM_VALIDATION_FAILED'
            ? `неверное утверждение маркера: ${(error as Error).message}`
            : code === 'ERR_JOSE_ALG_NOT_ALLOWED'
              ? 'алгоритм подписи маркера не разрешён (допускается RS256)'
              : code === 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED'
                ? 'подпись маркера не сходится с ключами ЕСИА'
                : code === 'ERR_JWKS_NO_MATCHING_KEY'
                  ? 'маркер подписан неизвестным ключом'
                  : `маркер не читается: ${(error as Error).message}`;
      return { ok: false, reason };
    }
  };
}

/** A string claim read without verifying (only to explain a refusal); null when absent or unreadable. */
function claimOf(token: string, claim: string): string | null {
  try {
    const value = decodeJwt(token)[claim];
    return typeof value === 'string' ? value : null;
  } catch {
    return null;
  }
}
