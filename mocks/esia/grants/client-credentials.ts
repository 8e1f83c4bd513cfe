/** grant_type=client_credentials: a system token with no person behind it (organisation data, consent refresh). */
import { json, type SimResponse } from '../../http/sim-http.ts';
import { checkClientProof, findClient, type EsiaContext, type Params } from '../context.ts';
import { parseScopes } from '../scopes.ts';
import { v1Message, v2Message } from '../signature.ts';
import type { ApiVersion } from '../stores.ts';
import { issueSystemToken } from '../tokens.ts';

export async function clientCredentialsGrant(ctx: EsiaContext, params: Params, version: ApiVersion): Promise<SimResponse> {
  const client = findClient(ctx, params.required('client_id'));
  const scopeText = params.optional('scope');
  const fields = {
    clientId: client.clientId,
    scope: scopeText ?? '',
    scopeOrg: params.optional('scope_org') ?? '',
    timestamp: params.optional('timestamp') ?? '',
    state: params.optional('state') ?? '',
    redirectUri: params.optional('redirect_uri') ?? '',
  };
  checkClientProof(ctx, client, params, version === 'v1' ? v1Message(fields) : v2Message(fields), version);
  const scopes = parseScopes(scopeText, client.scopes);
  const tokens = await issueSystemToken(ctx, client.clientId, scopes, ctx.now());
  return json(200, { access_token: tokens.accessToken, state: params.optional('state'), token_type: 'Bearer', expires_in: tokens.expiresIn });
}
