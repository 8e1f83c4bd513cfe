/**
 * The token request the callback page sends for a code (docs/esia.md «The callback page»). Who
 * signs `client_secret`: in the lenient profile nobody needs to (ESIA's signature is not checked);
 * in the strict profile the sandbox signs for the demo client `EDUSIM` (its key is published), and
 * a vendor's own client signs itself — the page shows the exact message, the vendor pastes the
 * signature. The sandbox never holds a vendor's private key.
 */
import { randomUUID } from 'node:crypto';
import { DEMO_CLIENT_CERTIFICATE_HASH, DEMO_CLIENT_ID, formatEsiaTimestamp, signAsDemoClient, v2Message } from '../../mocks/index.ts';

export interface ExchangeInput {
  readonly profile: 'lenient' | 'strict';
  readonly clientId: string;
  /** The registered client's `client_certificate_hash` (null: no key registered). */
  readonly certificateHash: string | null;
  readonly code: string;
  readonly redirectUri: string;
  readonly codeVerifier: string;
  /** What the vendor pasted (strict profile, own client): the signature over `message`. */
  readonly clientSecret: string;
  /** The timestamp and state the message was made with (the page's hidden fields), or '' for new ones. */
  readonly timestamp: string;
  readonly state: string;
}

export type Exchange =
  | { readonly kind: 'ready'; readonly form: Record<string, string>; readonly signedBy: 'nobody' | 'sandbox' | 'vendor' }
  /** The vendor must sign `message` with their client's key and paste the signature. */
  | { readonly kind: 'needs-signature'; readonly message: string; readonly timestamp: string; readonly state: string };

/** The `client_secret` placeholder of the lenient profile, where the signature is not checked. */
export const UNCHECKED_SECRET = 'edusim-workbench-unsigned';

export function signingMessage(input: Pick<ExchangeInput, 'clientId' | 'code' | 'redirectUri'>, timestamp: string, state: string): string {
  return v2Message({ clientId: input.clientId, scope: '', timestamp, state, redirectUri: input.redirectUri, code: input.code });
}

export function prepareExchange(input: ExchangeInput, now: Date): Exchange {
  const timestamp = input.timestamp || formatEsiaTimestamp(now);
  const state = input.state || randomUUID();
  const message = signingMessage(input, timestamp, state);
  const form = {
    grant_type: 'authorization_code',
    client_id: input.clientId,
    code: input.code,
    redirect_uri: input.redirectUri,
    state,
    timestamp,
    ...(input.certificateHash ? { client_certificate_hash: input.certificateHash } : {}),
    ...(input.codeVerifier ? { code_verifier: input.codeVerifier } : {}),
  };
  if (input.clientId === DEMO_CLIENT_ID)
    return {
      kind: 'ready',
      form: { ...form, client_secret: signAsDemoClient(message), client_certificate_hash: DEMO_CLIENT_CERTIFICATE_HASH },
      signedBy: 'sandbox',
    };
  if (input.clientSecret) return { kind: 'ready', form: { ...form, client_secret: input.clientSecret }, signedBy: 'vendor' };
  if (input.profile === 'lenient') return { kind: 'ready', form: { ...form, client_secret: UNCHECKED_SECRET }, signedBy: 'nobody' };
  return { kind: 'needs-signature', message, timestamp, state };
}
