/**
 * The authorize endpoint (`/aas/oauth2/v2/ac`, legacy `/aas/oauth2/ac`): checks the request and
 * opens a pending authorization that the login page completes. Until client and redirect_uri are
 * trusted, errors are answered directly; after that they go back on the redirect (docs/esia.md «Authorize»).
 */
import { checkClientProof, findClient, Params, type EsiaContext } from './context.ts';
import { EsiaError } from './errors.ts';
import { parsePermissions } from './permissions.ts';
import { parseScopes } from './scopes.ts';
import { v1Message, v2Message } from './signature.ts';
import type { ApiVersion, PendingAuthorization } from './stores.ts';
import type { Client } from './clients.ts';

const PERSON_FILTERS = ['conf_acc', 'acc_kid', 'acc_not_kid'] as const;

export type AuthorizeOutcome =
  | { readonly kind: 'pending'; readonly request: PendingAuthorization }
  | { readonly kind: 'error'; readonly error: EsiaError; readonly redirectUri: string | null; readonly state: string | null };

/**
 * The demo client takes any http(s) redirect on localhost, or on edusim's own origin (`ownOrigin`:
 * the pages edusim serves itself, such as the cabinet's `/callback`); other clients only registered
 * ones — and, every client, the host's own callback page (`ownCallback`, the vendor's workbench).
 */
export function redirectAllowed(client: Client, redirectUri: string, demoClientId: string, ownOrigin?: string, ownCallback?: string): boolean {
  if (client.redirectUris.includes(redirectUri)) return true;
  // Compared as URLs: `http://localhost:80/x` is `http://localhost/x`.
  if (ownCallback !== undefined && URL.parse(redirectUri)?.href === URL.parse(ownCallback)?.href) return true;
  if (client.clientId !== demoClientId) return false;
  const url = URL.parse(redirectUri);
  if (url !== null && ownOrigin !== undefined && url.origin === ownOrigin) return true;
  return url !== null && (url.protocol === 'http:' || url.protocol === 'https:') && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}

export function authorize(
  ctx: EsiaContext,
  query: URLSearchParams,
  version: ApiVersion,
  demoClientId: string,
  ownOrigin?: string,
  ownCallback?: string,
): AuthorizeOutcome {
  let params: Params;
  try {
    params = new Params(query);
  } catch (error) {
    return { kind: 'error', error: error as EsiaError, redirectUri: null, state: null };
  }
  let redirectUri: string | null = null;
  const state = params.optional('state');
  try {
    const client = findClient(ctx, params.required('client_id'));
    const candidate = params.required('redirect_uri');
    if (!redirectAllowed(client, candidate, demoClientId, ownOrigin, ownCallback)) throw new EsiaError('007023', `redirect_uri "${candidate}"`);
    redirectUri = candidate;
    const responseType = params.required('response_type');
    if (responseType !== 'code') throw new EsiaError('007009', `response_type "${responseType}"; only "code" is supported`);
    const scopeText = params.optional('scope');
    const scopes = parseScopes(scopeText, client.scopes);
    const fields = {
      clientId: client.clientId,
      scope: scopeText ?? '',
      scopeOrg: params.optional('scope_org') ?? '',
      timestamp: params.optional('timestamp') ?? '',
      state: state ?? '',
      redirectUri,
    };
    checkClientProof(ctx, client, params, version === 'v1' ? v1Message(fields) : v2Message(fields), version);
    const accessType = params.optional('access_type') ?? 'online';
    if (accessType !== 'online' && accessType !== 'offline') throw new EsiaError('007003', `access_type "${accessType}"; expected online or offline`);
    const filter = params.optional('person_filter');
    if (filter !== null && !(PERSON_FILTERS as readonly string[]).includes(filter))
      throw new EsiaError('007003', `person_filter "${filter}"; expected ${PERSON_FILTERS.join(', ')}`);
    const challenge = params.optional('code_challenge');
    const method = params.optional('code_challenge_method') ?? (challenge ? 'S256' : null);
    if (challenge !== null && method !== 'S256') throw new EsiaError('007003', `code_challenge_method "${method}"; only S256 is supported`);
    const permissions = parsePermissions(params.optional('permissions'), scopes);
    const request = ctx.stores.addPending({
      version,
      clientId: client.clientId,
      scopes,
      redirectUri,
      state: params.required('state'),
      accessType,
      personFilter: filter as PendingAuthorization['personFilter'],
      permissions,
      codeChallenge: challenge,
      createdAt: ctx.now().getTime(),
    });
    return { kind: 'pending', request };
  } catch (error) {
    if (!(error instanceof EsiaError)) throw error;
    return { kind: 'error', error, redirectUri, state };
  }
}
