/** The token endpoint's answer (docs/esia.md «Tokens and claims»), shared by the grants and the headless login. */
import type { EsiaContext } from './context.ts';
import { issueTokens, type TokenSubject } from './tokens.ts';

export interface TokenResponse {
  readonly access_token: string;
  readonly id_token?: string;
  readonly refresh_token?: string;
  readonly state: string | null;
  readonly token_type: 'Bearer';
  readonly expires_in: number;
}

export type Session = TokenSubject;

/** Signs the tokens for a session; with `refresh`, also issues a (rotating) refresh token. */
export async function tokenResponse(
  ctx: EsiaContext,
  session: Session,
  options: { readonly refresh: boolean; readonly state: string | null },
): Promise<TokenResponse> {
  const now = ctx.now();
  const tokens = await issueTokens(ctx, session, now);
  const grant = { clientId: session.clientId, oid: session.oid, scopes: session.scopes, sid: session.sid, authTime: session.authTime };
  const refresh = options.refresh ? ctx.stores.issueRefresh(grant, now.getTime()) : null;
  return {
    access_token: tokens.accessToken,
    ...(tokens.idToken ? { id_token: tokens.idToken } : {}),
    ...(refresh ? { refresh_token: refresh.token } : {}),
    state: options.state,
    token_type: 'Bearer',
    expires_in: tokens.expiresIn,
  };
}
