/**
 * Access and ID tokens with ESIA's claims (docs/esia.md «Tokens and claims»), signed with jose.
 */
import { decodeJwt, jwtVerify, SignJWT, createLocalJWKSet, type JWTPayload } from 'jose';
import { randomBytes } from 'node:crypto';
import type { Person } from '../../seeds/index.ts';
import type { KeyRing } from './keys.ts';
import { bindScopes } from './scopes.ts';

export const ACCESS_TOKEN_SECONDS = 3600;
export const DEFAULT_ISSUER = 'http://esia.gosuslugi.ru/';
/**
 * edusim's own claim, in every token it signs: the sandbox that issued it. Each sandbox also
 * signs with keys of its own, so a token carried into another sandbox fails twice over; the
 * claim lets the refusal name both sandboxes.
 */
export const SANDBOX_CLAIM = 'urn:edusim:sandbox';

/** Who signs: a sandbox's key ring, the issuer it writes into `iss`, and the sandbox's id. */
export interface TokenSigner {
  readonly keys: KeyRing;
  readonly issuer: string;
  readonly sandbox: string;
}

export interface IssuedTokens {
  readonly accessToken: string;
  readonly idToken: string | null;
  readonly expiresIn: number;
}

export interface TokenSubject {
  readonly oid: number;
  readonly person: Person;
  readonly scopes: readonly string[];
  readonly clientId: string;
  readonly sid: string;
  readonly authTime: number;
}

/** `urn:esia:sid`: ESIA's session id, 64 hex digits. */
export function newSessionId(): string {
  return randomBytes(32).toString('hex');
}

/** `KD` child account, `PR` confirmed, `P` simplified or standard. */
export function accountLevel(person: Person): 'KD' | 'PR' | 'P' {
  if (person.account?.createdByParent) return 'KD';
  return person.account?.level === 'confirmed' ? 'PR' : 'P';
}

/** Every ESIA JWT edusim signs: header `ver`/`sbt` as ESIA writes them, the ring's current key, issued now, the sandbox named. */
async function signEsiaJwt(
  signer: TokenSigner,
  header: { readonly ver: 0 | 1; readonly sbt: 'access' | 'id' | 'authorization_code' },
  claims: JWTPayload,
  lifetimeSeconds: number,
  now: Date,
  audience?: string,
): Promise<string> {
  const iat = Math.floor(now.getTime() / 1000);
  const key = await signer.keys.signingKey();
  const jwt = new SignJWT({ ...claims, [SANDBOX_CLAIM]: signer.sandbox })
    .setProtectedHeader({ ver: header.ver, typ: 'JWT', sbt: header.sbt, alg: 'RS256', kid: key.kid })
    .setIssuer(signer.issuer)
    .setIssuedAt(iat)
    .setNotBefore(iat)
    .setExpirationTime(iat + lifetimeSeconds);
  return (audience === undefined ? jwt : jwt.setAudience(audience)).sign(key.privateKey);
}

/** An access token (header `sbt: access`), one hour. */
function signAccess(signer: TokenSigner, claims: Record<string, unknown>, now: Date): Promise<string> {
  return signEsiaJwt(signer, { ver: 1, sbt: 'access' }, claims, ACCESS_TOKEN_SECONDS, now);
}

/** `urn:esia:sbj`: who logged in — type, oid, `OID.<oid>`, account level, and `is_tru` only when confirmed. */
function subjectClaim(oid: number, person: Person): Record<string, unknown> {
  return {
    'urn:esia:sbj:typ': 'P',
    'urn:esia:sbj:oid': oid,
    'urn:esia:sbj:nam': `OID.${oid}`,
    'urn:esia:sbj:lvl': accountLevel(person),
    ...(person.account?.level === 'confirmed' ? { 'urn:esia:sbj:is_tru': true } : {}),
  };
}

export interface CodeSubject extends TokenSubject {
  /** The client's `state` from the authorization request. */
  readonly state: string;
}

/**
 * The authorization code, shaped as ESIA's: a JWT with header `sbt: authorization_code`, naming
 * the client, the client's state, the subject and the granted scopes. Whether it may be redeemed
 * (once, by that client, with that redirect_uri and PKCE verifier) is kept server-side.
 */
export function signAuthorizationCode(signer: TokenSigner, subject: CodeSubject, lifetimeSeconds: number, now: Date): Promise<string> {
  return signEsiaJwt(
    signer,
    { ver: 1, sbt: 'authorization_code' },
    {
      scope: bindScopes(subject.scopes, subject.oid),
      auth_time: subject.authTime,
      'urn:esia:sid': subject.sid,
      'urn:esia:client:state': subject.state,
      auth_mthd: 'PWD',
      'urn:esia:sbj': subjectClaim(subject.oid, subject.person),
      params: {},
      client_id: subject.clientId,
    },
    lifetimeSeconds,
    now,
  );
}

export async function issueTokens(signer: TokenSigner, subject: TokenSubject, now: Date): Promise<IssuedTokens> {
  const accessToken = await signAccess(
    signer,
    { scope: bindScopes(subject.scopes, subject.oid), 'urn:esia:sid': subject.sid, 'urn:esia:sbj_id': subject.oid, client_id: subject.clientId },
    now,
  );
  // As in real ESIA id_tokens: header `ver: 0`, `sub` the oid as a number (jose types `sub` as a string).
  const numericSub = { sub: subject.oid } as unknown as JWTPayload;
  const idToken = subject.scopes.includes('openid')
    ? await signEsiaJwt(
        signer,
        { ver: 0, sbt: 'id' },
        {
          ...numericSub,
          amr: 'PWD',
          'urn:esia:amd': 'PWD',
          auth_time: subject.authTime,
          'urn:esia:sid': subject.sid,
          'urn:esia:sbj': subjectClaim(subject.oid, subject.person),
        },
        ACCESS_TOKEN_SECONDS,
        now,
        subject.clientId,
      )
    : null;
  return { accessToken, idToken, expiresIn: ACCESS_TOKEN_SECONDS };
}

export async function issueSystemToken(signer: TokenSigner, clientId: string, scopes: readonly string[], now: Date): Promise<IssuedTokens> {
  const accessToken = await signAccess(signer, { scope: scopes.join(' '), client_id: clientId, 'urn:esia:sid': newSessionId() }, now);
  return { accessToken, idToken: null, expiresIn: ACCESS_TOKEN_SECONDS };
}

export interface VerifiedAccess {
  readonly oid: number | null;
  readonly clientId: string;
  readonly scopes: readonly string[];
  readonly payload: JWTPayload;
}

/**
 * The sandbox a token names in its edusim claim, read without verifying (only to explain a
 * refusal); null when the token is unreadable or names none.
 */
export function tokenSandbox(token: string): string | null {
  try {
    const claim = decodeJwt(token)[SANDBOX_CLAIM];
    return typeof claim === 'string' ? claim : null;
  } catch {
    return null;
  }
}

/** Russian, for the person: the token came from another sandbox; null when it did not. */
export function sandboxMismatch(token: string, sandbox: string): string | null {
  const issuedIn = tokenSandbox(token);
  return issuedIn !== null && issuedIn !== sandbox ? `маркер выдан в песочнице «${issuedIn}», а запрос адресован песочнице «${sandbox}»` : null;
}

/** Verifies an access token against the ring's JWKS at `now`; throws on any defect. */
export async function verifyAccessToken(signer: TokenSigner, token: string, now: Date): Promise<VerifiedAccess> {
  const mismatch = sandboxMismatch(token, signer.sandbox);
  if (mismatch) throw new Error(mismatch);
  const { payload, protectedHeader } = await jwtVerify(token, createLocalJWKSet(signer.keys.jwks()), {
    issuer: signer.issuer,
    currentDate: now,
    algorithms: ['RS256'],
  });
  if (protectedHeader['sbt'] !== 'access') throw new Error('not an access token');
  const scopes = String(payload['scope'] ?? '')
    .split(/\s+/)
    .filter(Boolean)
    .map((s) => s.replace(/\?.*$/, ''));
  const oid = typeof payload['urn:esia:sbj_id'] === 'number' ? (payload['urn:esia:sbj_id'] as number) : null;
  return { oid, clientId: String(payload['client_id'] ?? ''), scopes, payload };
}
