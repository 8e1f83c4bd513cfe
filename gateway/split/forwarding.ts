/**
 * Split mode: what the gateway verified (viewer, role, sandbox, base URL) travels to the subgraph
 * services in headers, signed with a secret the gateway and its services share (made per process).
 * A subgraph refuses a request whose headers are not signed by it, so a local caller cannot claim
 * to be someone with `x-edusim-viewer-oid`.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

import { SANDBOX_HEADER } from '../sandbox-address.ts';

export const FORWARD_SIGNATURE = 'x-edusim-forward-signature';

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
] as const;

export function newForwardSecret(): string {
  return randomBytes(32).toString('base64url');
}

type HeaderReader = (name: string) => string | undefined;

function mac(secret: string, read: HeaderReader): string {
  const text = SIGNED_HEADERS.map((name) => `${name}:${read(name) ?? ''}`).join('\n');
  return createHmac('sha256', secret).update(text).digest('base64url');
}

export function signForward(secret: string, read: HeaderReader): string {
  return mac(secret, read);
}

export function forwardSigned(secret: string, read: HeaderReader): boolean {
  const given = Buffer.from(read(FORWARD_SIGNATURE) ?? '');
  const expected = Buffer.from(mac(secret, read));
  return given.length === expected.length && timingSafeEqual(given, expected);
}
