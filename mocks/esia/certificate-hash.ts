/**
 * `client_certificate_hash` (v2/v3 requests): the hash of the client system's certificate.
 * Real ESIA takes ГОСТ Р 34.11-2012 (256 bit) over the certificate; Node ships no GOST and
 * edusim's client certificates are RSA or EC anyway, so edusim takes SHA-256 over the same DER
 * bytes: 64 hex digits, as ESIA's (docs/esia.md «client_certificate_hash»). A client registered
 * with a bare public key (no certificate) is hashed over the key's SPKI DER instead.
 */
import { createHash, X509Certificate, type KeyObject } from 'node:crypto';
import type { JWK } from 'jose';

/** SHA-256 of a PEM certificate's DER, 64 upper-case hex digits. */
export function certificateHashOf(certificatePem: string): string {
  return sha256Hex(new X509Certificate(certificatePem).raw);
}

/** The hash a client's requests must carry: over its certificate when it registered one, else over its key. */
export function registeredHash(publicKey: string | JWK, key: KeyObject): string {
  if (typeof publicKey === 'string' && publicKey.includes('BEGIN CERTIFICATE')) return certificateHashOf(publicKey);
  return sha256Hex(key.export({ type: 'spki', format: 'der' }));
}

function sha256Hex(der: Buffer): string {
  return createHash('sha256').update(der).digest('hex').toUpperCase();
}
