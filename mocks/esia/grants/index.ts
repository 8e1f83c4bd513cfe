/** The token endpoint's grant types, dispatched from a table; anything else is ESIA-007012. */
import type { SimResponse } from '../../http/sim-http.ts';
import type { EsiaContext, Params } from '../context.ts';
import type { ApiVersion } from '../stores.ts';
import { authorizationCodeGrant } from './authorization-code.ts';
import { clientCredentialsGrant } from './client-credentials.ts';
import { refreshTokenGrant } from './refresh-token.ts';

export type GrantType = 'authorization_code' | 'refresh_token' | 'client_credentials';
type GrantHandler = (ctx: EsiaContext, params: Params, version: ApiVersion) => Promise<SimResponse>;

export const GRANTS: Readonly<Record<GrantType, GrantHandler>> = {
  authorization_code: authorizationCodeGrant,
  refresh_token: refreshTokenGrant,
  client_credentials: clientCredentialsGrant,
};

export function isGrantType(value: string): value is GrantType {
  return Object.hasOwn(GRANTS, value);
}
