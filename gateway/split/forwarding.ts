/**
 * Split mode: what the gateway verified (viewer, role, sandbox, base URL) travels to the subgraph
 * services in headers, signed with HMAC-SHA256 under a secret the gateway and its services share
 * (made per process, or given as EDUSIM_FORWARD_SECRET), stamped with the time of signing. A
 * subgraph refuses a request whose headers are not signed with that secret, or were signed more
 * than FORWARD_MAX_AGE_SECONDS ago, so nobody can claim a viewer with `x-edusim-viewer-oid`, nor
 * replay a gateway's headers later. The scheme, for a third-party gateway: docs/split-mode.md.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

import { SANDBOX_HEADER } from '../sandbox-address.ts';

export const FORWARD_SIGNATURE = 'x-edusim-forward-signature';
/** When the headers were signed: Unix time in whole seconds. */
export const FORWARD_ISSUED_AT = 'x-edusim-forward-issued-at';
/** How long a signature is good for, either way of the subgraph's clock. */
export const FORWARD_MAX_AGE_SECONDS = 60;

/** What the gateway forwards to subgraph services in split mode. */
export const VIEWER_HEADERS = {
  oid: 'x-edusim-viewer-oid',
  client: 'x-edusim-viewer-client',
  role: 'x-edusim-role',
  trace: 'x-edusim-trace',
  authError: 'x-edusim-auth-error',
  sandbox: SANDBOX_HEADER,
  baseUrl: 'x-edusim-base-url',
  traceId: 'x-edusim-trace-id',
} as const;

/** The forwarded headers that are signed, in order. */
export const SIGNED_HEADERS = [
  'x-edusim-viewer-oid',
  'x-edusim-viewer-client',
  'x-edusim-auth-error',
  'x-edusim-role',
  'x-edusim-trace',
  'x-edusim-sandbox',
  'x-edusim-base-url',
  'x-edusim-trace-id',
  'x-edusim-forward-issued-at',
] as const;

export function newForwardSecret(): string {
  return randomBytes(32).toString('base64url');
}

type HeaderReader = (name: string) => string | undefined;

function mac(secret: string, read: HeaderReader): string {
  const text = SIGNED_HEADERS.map((name) => `${name}:${read(name) ?? ''}`).join('\n');
  return createHmac('sha256', secret).update(text).digest('base64url');
}

/** The signature of the headers `read` gives (the issued-at header among them). */
export function signForward(secret: string, read: HeaderReader): string {
  return mac(secret, read);
}

/** The issued-at value for a signature made now. */
export function forwardIssuedAt(nowMs: number = Date.now()): string {
  return String(Math.floor(nowMs / 1000));
}

/**
 * Why a subgraph refuses the forwarded headers (a message naming the header and what is accepted),
 * or null when they are signed with the secret within FORWARD_MAX_AGE_SECONDS of `nowMs`.
 */
export function forwardRefusal(secret: string, read: HeaderReader, nowMs: number = Date.now()): string | null {
  const given = read(FORWARD_SIGNATURE);
  if (given === undefined) return `${FORWARD_SIGNATURE} is missing: this subgraph answers only a gateway that signs the forwarded headers`;
  const expected = Buffer.from(mac(secret, read));
  if (!(Buffer.byteLength(given) === expected.length && timingSafeEqual(Buffer.from(given), expected)))
    return `${FORWARD_SIGNATURE} does not match the forwarded headers: sign them with the secret this subgraph shares with its gateway`;
  const issued = read(FORWARD_ISSUED_AT) ?? '';
  const age = Math.floor(nowMs / 1000) - Number(issued);
  if (!/^\d{1,12}$/.test(issued) || Math.abs(age) > FORWARD_MAX_AGE_SECONDS)
    return `${FORWARD_ISSUED_AT} ${JSON.stringify(issued)} is not within ${FORWARD_MAX_AGE_SECONDS} s of this subgraph's clock: sign every request when it is sent`;
  return null;
}
