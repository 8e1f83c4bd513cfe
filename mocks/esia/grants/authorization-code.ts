/** grant_type=authorization_code: a single-use code for tokens (and a refresh token when offline). */
import { createHash } from 'node:crypto';
import { json, type SimResponse } from '../../http/sim-http.ts';
import { checkClientProof, findClient, type EsiaContext, type Params } from '../context.ts';
import { EsiaError } from '../errors.ts';
import { v1Message, v2Message } from '../signature.ts';
import type { ApiVersion } from '../stores.ts';
import { tokenResponse } from '../token-response.ts';

export async function authorizationCodeGrant(ctx: EsiaContext, params: Params, version: ApiVersion): Promise<SimResponse> {
  const client = findClient(ctx, params.required('client_id'));
  const codeValue = params.required('code');
  const redirectUri = params.required('redirect_uri');
  const scope = params.optional('scope') ?? '';
  const fields = {
    clientId: client.clientId,
    scope,
    scopeOrg: params.optional('scope_org') ?? '',
    timestamp: params.optional('timestamp') ?? '',
    state: params.optional('state') ?? '',
    redirectUri,
    code: codeValue,
  };
  checkClientProof(ctx, client, params, version === 'v1' ? v1Message(fields) : v2Message(fields), version);
  const { code, reused } = ctx.stores.redeemCode(codeValue);
  if (!code) throw new EsiaError('007011', reused ? 'the code was already used' : 'the code is unknown');
  const now = ctx.now();
  if (code.expiresAt < now.getTime()) throw new EsiaError('007011', 'the code has expired');
  if (code.clientId !== client.clientId) throw new EsiaError('007011', 'the code was issued to another system');
  if (code.redirectUri !== redirectUri) throw new EsiaError('007011', 'redirect_uri differs from the authorization request');
  const verifier = params.optional('code_verifier');
  if (code.codeChallenge !== null) {
    const computed = verifier === null ? null : createHash('sha256').update(verifier).digest('base64url');
    if (computed !== code.codeChallenge) throw new EsiaError('007040');
  } else if (verifier !== null) {
    throw new EsiaError('007039');
  }
  const person = ctx.world.personByOid(code.oid);
  if (!person) throw new EsiaError('007011', 'the account of this code no longer exists');
  const session = { oid: code.oid, person, scopes: code.scopes, clientId: client.clientId, sid: code.sid, authTime: code.authTime };
  const answer = await tokenResponse(ctx, session, { refresh: code.accessType === 'offline', state: params.optional('state') });
  const idToken = await ctx.traps.spoilIdToken(codeValue, answer.id_token, ctx.keys, now);
  const response = json(200, idToken === undefined ? answer : { ...answer, id_token: idToken });
  ctx.onLogin?.(code.oid, now);
  return response;
}
