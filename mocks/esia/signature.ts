/**
 * client_secret: a signature over ESIA's exact concatenation (docs/esia.md «client_secret and the two profiles»).
 * Real ESIA wants GOST R 34.10-2012, which Node's crypto does not ship; edusim verifies RSA
 * (RSASSA-PKCS1-v1_5, SHA-256) or ECDSA P-256 (SHA-256) signatures instead, base64url: either the
 * raw signature value (as v2/v3 clients send it; ECDSA as r||s) or a detached CMS/PKCS#7 container
 * (as v1 clients made with `openssl smime` send it).
 */
import { verify } from 'node:crypto';
import { verifyDetachedCms } from './cms.ts';
import type { Client } from './clients.ts';
import { EsiaError } from './errors.ts';

export interface SignedFields {
  readonly clientId: string;
  readonly scope: string;
  readonly scopeOrg?: string;
  readonly timestamp: string;
  readonly state: string;
  readonly redirectUri?: string;
  readonly code?: string;
}

/** v1 (`/aas/oauth2/ac`, `/aas/oauth2/te`): scope + timestamp + client_id + state. */
export function v1Message(f: SignedFields): string {
  return f.scope + f.timestamp + f.clientId + f.state;
}

/** v2/v3: client_id + scope + scope_org + timestamp + state + redirect_uri (+ code at the token call). */
export function v2Message(f: SignedFields): string {
  return f.clientId + f.scope + (f.scopeOrg ?? '') + f.timestamp + f.state + (f.redirectUri ?? '') + (f.code ?? '');
}

export function verifyClientSecret(client: Client, message: string, clientSecret: string): void {
  if (!client.key) throw new EsiaError('007002', `no verification key is registered for ${client.clientId}`);
  let signature: Buffer;
  try {
    signature = Buffer.from(clientSecret.replaceAll('+', '-').replaceAll('/', '_'), 'base64url');
  } catch {
    throw new EsiaError('007053', 'client_secret is not base64url');
  }
  let ok = false;
  try {
    ok =
      client.key.asymmetricKeyType === 'ec'
        ? verify('sha256', Buffer.from(message, 'utf8'), { key: client.key, dsaEncoding: 'ieee-p1363' }, signature)
        : verify('sha256', Buffer.from(message, 'utf8'), client.key, signature);
  } catch {
    ok = false;
  }
  if (ok) return;
  const cms = verifyDetachedCms(signature, message, client.key);
  if (cms === 'valid') return;
  throw new EsiaError(
    '007053',
    cms === 'invalid'
      ? 'the CMS signature does not verify with the key registered for this client'
      : 'the signature does not verify with the key registered for this client',
  );
}
