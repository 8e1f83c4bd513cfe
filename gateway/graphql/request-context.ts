/** Builds the resolvers' context from an HTTP request: token check, chosen role, trace flag. */
import { ROLES, type RequestContext, type Role, type Services } from '../../schema/index.ts';
import type { TokenCheck } from './verify-token.ts';

/** What the gateway serves one request with: the sandbox's services and token check, and the request's base URL. */
export interface GatewayTarget {
  readonly services: Services;
  readonly verify: (authorization: string | undefined) => Promise<TokenCheck>;
  /** The sandbox's base URL in the form the request came in with. */
  readonly baseUrl: string;
  /** The request's trace id in the host's journal (forwarded to subgraph services in split mode). */
  readonly traceId?: string;
}

/** Finds the target of a request (the host resolved its sandbox before the engine runs). */
export type TargetOf = (request: unknown) => GatewayTarget;

export const TRACE_HEADER = 'x-edusim-trace';
export const ROLE_HEADER = 'x-edusim-role';

export async function buildRequestContext(
  headers: Readonly<Record<string, string | string[] | undefined>>,
  { services, verify, baseUrl, traceId }: GatewayTarget,
): Promise<RequestContext> {
  const header = (name: string) => {
    const value = headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  const check = await verify(header('authorization'));
  const roleText = header(ROLE_HEADER)?.toUpperCase();
  const role = roleText && (ROLES as readonly string[]).includes(roleText) ? (roleText as Role) : null;
  const traced = /^(1|true|yes)$/i.test(header(TRACE_HEADER) ?? '');
  return {
    services,
    baseUrl,
    viewer: check.ok && check.oid !== undefined ? { oid: check.oid, clientId: check.clientId ?? '' } : null,
    authError: check.ok ? null : (check.reason ?? 'маркер не принят'),
    role,
    trace: traced ? [] : null,
    cache: new Map(),
    ...(traceId ? { traceId } : {}),
  };
}

/** An unknown X-Edusim-Role value is an input error, not a silent default. */
export function badRoleHeader(headers: Readonly<Record<string, string | string[] | undefined>>): string | null {
  const value = headers[ROLE_HEADER];
  const text = Array.isArray(value) ? value[0] : value;
  if (text === undefined || text === '') return null;
  return (ROLES as readonly string[]).includes(text.toUpperCase())
    ? null
    : `X-Edusim-Role ${JSON.stringify(text)} is not valid: expected one of ${ROLES.join(', ')}`;
}
