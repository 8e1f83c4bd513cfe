/** grant_type=refresh_token: rotation — the presented token is spent, a new one is returned. */
import { json, type SimResponse } from '../../http/sim-http.ts';
import { checkClientProof, findClient, type EsiaContext, type Params } from '../context.ts';
import { EsiaError } from '../errors.ts';
import { v1Message, v2Message } from '../signature.ts';
import type { ApiVersion } from '../stores.ts';
import { tokenResponse } from '../token-response.ts';

export async function refreshTokenGrant(ctx: EsiaContext, params: Params, version: ApiVersion): Promise<SimResponse> {
  const client = findClient(ctx, params.required('client_id'));
  const token = params.required('refresh_token');
  const fields = {
    clientId: client.clientId,
    scope: params.optional('scope') ?? '',
    scopeOrg: params.optional('scope_org') ?? '',
    timestamp: params.optional('timestamp') ?? '',
    state: params.optional('state') ?? '',
    redirectUri: params.optional('redirect_uri') ?? '',
  };
  checkClientProof(ctx, client, params, version === 'v1' ? v1Message(fields) : v2Message(fields), version);
  // A token presented by another system is refused without being spent, so its owner can still use it.
  const owner = ctx.stores.peekRefresh(token)?.clientId;
  if (owner !== undefined && owner !== client.clientId) throw new EsiaError('007011', 'the refresh token was issued to another system');
  const { grant, reused } = ctx.stores.redeemRefresh(token);
  if (!grant) throw new EsiaError('007011', reused ? 'the refresh token was already used (tokens rotate)' : 'the refresh token is unknown');
  const now = ctx.now();
  if (grant.expiresAt < now.getTime()) throw new EsiaError('007011', 'the refresh token has expired');
  if (grant.clientId !== client.clientId) throw new EsiaError('007011', 'the refresh token was issued to another system');
  const person = ctx.world.personByOid(grant.oid);
  if (!person) throw new EsiaError('007011', 'the account of this token no longer exists');
  const session = { oid: grant.oid, person, scopes: grant.scopes, clientId: client.clientId, sid: grant.sid, authTime: grant.authTime };
  return json(200, await tokenResponse(ctx, session, { refresh: true, state: params.optional('state') }));
}
