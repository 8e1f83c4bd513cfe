/**
 * Access and ID tokens with ESIA's claims (docs/esia.md «Tokens and claims»), signed with jose.
 */
import { decodeJwt, jwtVerify, SignJWT, createLocalJWKSet, type JWTPayload } from 'jose';
import { randomUUID } from 'node:crypto';
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

/** `KD` child account, `PR` confirmed, `P` simplified or standard. */
export function accountLevel(person: Person): 'KD' | 'PR' | 'P' {
  if (person.account?.createdByParent) return 'KD';
  return person.account?.level === 'confirmed' ? 'PR' : 'P';
}

/** An access token (header `sbt: access`), one hour, signed with the ring's current key. */
async function signAccess(signer: TokenSigner, claims: Record<string, unknown>, now: Date): Promise<string> {
  const iat = Math.floor(now.getTime() / 1000);
  const key = await signer.keys.signingKey();
  return new SignJWT({ ...claims, [SANDBOX_CLAIM]: signer.sandbox })
    .setProtectedHeader({ ver: 1, typ: 'JWT', sbt: 'access', alg: 'RS256', kid: key.kid })
    .setIssuer(signer.issuer)
    .setIssuedAt(iat)
    .setNotBefore(iat)
    .setExpirationTime(iat + ACCESS_TOKEN_SECONDS)
    .sign(key.privateKey);
}

export async function issueTokens(signer: TokenSigner, subject: TokenSubject, now: Date): Promise<IssuedTokens> {
  const iat = Math.floor(now.getTime() / 1000);
  const key = await signer.keys.signingKey();
  const accessToken = await signAccess(
    signer,
    { scope: bindScopes(subject.scopes, subject.oid), 'urn:esia:sid': subject.sid, 'urn:esia:sbj_id': subject.oid, client_id: subject.clientId },
    now,
  );
  const level = accountLevel(subject.person);
  const idToken = subject.scopes.includes('openid')
    ? await new SignJWT({
        amr: 'PWD',
        'urn:esia:amd': 'PWD',
        auth_time: subject.authTime,
        'urn:esia:sid': subject.sid,
        'urn:esia:sbj': {
          'urn:esia:sbj:typ': 'P',
          'urn:esia:sbj:oid': subject.oid,
          'urn:esia:sbj:nam': `OID.${subject.oid}`,
          'urn:esia:sbj:lvl': level,
          ...(subject.person.account?.level === 'confirmed' ? { 'urn:esia:sbj:is_tru': true } : {}),
        },
        [SANDBOX_CLAIM]: signer.sandbox,
      })
        .setProtectedHeader({ ver: 1, typ: 'JWT', sbt: 'id', alg: 'RS256', kid: key.kid })
        .setIssuer(signer.issuer)
        .setAudience(subject.clientId)
        .setSubject(String(subject.oid))
        .setIssuedAt(iat)
        .setNotBefore(iat)
        .setExpirationTime(iat + ACCESS_TOKEN_SECONDS)
        .sign(key.privateKey)
    : null;
  return { accessToken, idToken, expiresIn: ACCESS_TOKEN_SECONDS };
}

export async function issueSystemToken(signer: TokenSigner, clientId: string, scopes: readonly string[], now: Date): Promise<IssuedTokens> {
  const accessToken = await signAccess(signer, { scope: scopes.join(' '), client_id: clientId, 'urn:esia:sid': randomUUID() }, now);
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
