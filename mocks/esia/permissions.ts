/** The `permissions` authorize parameter: base64url JSON of requested consents (ESIA-0367xx on errors). */
import { EsiaError } from './errors.ts';
import type { RequestedPermission } from './stores.ts';

const ACTIONS = new Set(['ALL_ACTIONS_TO_DATA', 'USE_DATA', 'SHARE_DATA']);
export const CONSENT_SYSNAMES = new Set(['EDU_JOURNAL', 'KID_SCHOOL', 'KID_EDUCATION', 'EDUSIM_MYSCHOOL_TRANSFER', 'EDUSIM_LESSON_ACCESS']);
const MAX_EXPIRE_MINUTES = 525_600;

export function parsePermissions(text: string | null, requestedScopes: readonly string[]): RequestedPermission[] {
  if (text === null) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw new EsiaError('007003', 'permissions is not base64url-encoded JSON');
  }
  const items = Array.isArray(parsed) ? parsed : [parsed];
  return items.map((item: Record<string, unknown>) => {
    const sysname = typeof item?.['sysname'] === 'string' ? item['sysname'] : '';
    if (!sysname) throw new EsiaError('036700');
    if (!CONSENT_SYSNAMES.has(sysname)) throw new EsiaError('036701', `sysname "${sysname}"; known: ${[...CONSENT_SYSNAMES].join(', ')}`);
    const names = (list: unknown) => (Array.isArray(list) ? list.map((x) => String((x as { sysname?: unknown })?.sysname ?? '')) : []);
    const actions = names(item['actions']);
    if (actions.length === 0) throw new EsiaError('036706');
    const unknownAction = actions.find((a) => !ACTIONS.has(a));
    if (unknownAction !== undefined) throw new EsiaError('036707', `action "${unknownAction}"`);
    const purposes = names(item['purposes']);
    if (purposes.length === 0) throw new EsiaError('036716');
    const scopes = names(item['scopes']);
    if (scopes.length === 0) throw new EsiaError('036702');
    const outside = scopes.find((s) => !requestedScopes.includes(s));
    if (outside !== undefined) throw new EsiaError('036703', `scope "${outside}" is not in the request's scope`);
    const expire = item['expire'];
    if (typeof expire !== 'number' || !Number.isInteger(expire) || expire < 1 || expire > MAX_EXPIRE_MINUTES) {
      throw new EsiaError('036726', `expire must be whole minutes from 1 to ${MAX_EXPIRE_MINUTES}`);
    }
    return { sysname, expireMinutes: expire, actions, purposes, scopes };
  });
}

/** Builds a `permissions` parameter the way a client system does (base64url of ESIA's JSON). */
export function encodePermissions(list: readonly RequestedPermission[]): string {
  const named = (names: readonly string[]) => names.map((sysname) => ({ sysname }));
  return Buffer.from(
    JSON.stringify(
      list.map((p) => ({ sysname: p.sysname, expire: p.expireMinutes, actions: named(p.actions), purposes: named(p.purposes), scopes: named(p.scopes) })),
    ),
  ).toString('base64url');
}
