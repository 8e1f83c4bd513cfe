/**
 * Access and ID tokens with ESIA's claims (shared/domain/esia.md «Tokens»), signed with jose.
 */
import { jwtVerify, SignJWT, createLocalJWKSet, type JWTPayload } from 'jose';
import { randomUUID } from 'node:crypto';
import type { Person } from '../../seeds/index.ts';
import type { KeyRing } from './keys.ts';
import { bindScopes } from './scopes.ts';

export const ACCESS_TOKEN_SECONDS = 3600;
export const DEFAULT_ISSUER = 'http://esia.gosuslugi.ru/';

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
function signAccess(keys: KeyRing, issuer: string, claims: Record<string, unknown>, now: Date): Promise<string> {
  const iat = Math.floor(now.getTime() / 1000);
  const key = keys.current;
  return new SignJWT(claims)
    .setProtectedHeader({ ver: 1, typ: 'JWT', sbt: 'access', alg: 'RS256', kid: key.kid })
    .setIssuer(issuer)
    .setIssuedAt(iat)
    .setNotBefore(iat)
    .setExpirationTime(iat + ACCESS_TOKEN_SECONDS)
    .sign(key.privateKey);
}

export async function issueTokens(keys: KeyRing, issuer: string, subject: TokenSubject, now: Date): Promise<IssuedTokens> {
  const iat = Math.floor(now.getTime() / 1000);
  const key = keys.current;
  const accessToken = await signAccess(
    keys,
    issuer,
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
      })
        .setProtectedHeader({ ver: 1, typ: 'JWT', sbt: 'id', alg: 'RS256', kid: key.kid })
        .setIssuer(issuer)
        .setAudience(subject.clientId)
        .setSubject(String(subject.oid))
        .setIssuedAt(iat)
        .setNotBefore(iat)
        .setExpirationTime(iat + ACCESS_TOKEN_SECONDS)
        .sign(key.privateKey)
    : null;
  return { accessToken, idToken, expiresIn: ACCESS_TOKEN_SECONDS };
}

export async function issueSystemToken(keys: KeyRing, issuer: string, clientId: string, scopes: readonly string[], now: Date): Promise<IssuedTokens> {
  const accessToken = await signAccess(keys, issuer, { scope: scopes.join(' '), client_id: clientId, 'urn:esia:sid': randomUUID() }, now);
  return { accessToken, idToken: null, expiresIn: ACCESS_TOKEN_SECONDS };
}

export interface VerifiedAccess {
  readonly oid: number | null;
  readonly clientId: string;
  readonly scopes: readonly string[];
  readonly payload: JWTPayload;
}

/** Verifies an access token against the ring's JWKS at `now`; throws on any defect. */
export async function verifyAccessToken(keys: KeyRing, issuer: string, token: string, now: Date): Promise<VerifiedAccess> {
  const { payload, protectedHeader } = await jwtVerify(token, createLocalJWKSet(keys.jwks()), { issuer, currentDate: now, algorithms: ['RS256'] });
  if (protectedHeader['sbt'] !== 'access') throw new Error('not an access token');
  const scopes = String(payload['scope'] ?? '')
    .split(/\s+/)
    .filter(Boolean)
    .map((s) => s.replace(/\?.*$/, ''));
  const oid = typeof payload['urn:esia:sbj_id'] === 'number' ? (payload['urn:esia:sbj_id'] as number) : null;
  return { oid, clientId: String(payload['client_id'] ?? ''), scopes, payload };
}
