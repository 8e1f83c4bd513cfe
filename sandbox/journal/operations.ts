/**
 * The operation a call is, by system, method and path: the names fault rules match and the
 * journal files calls under (docs/faults-and-journal.md lists them). The gateway's operation is
 * the GraphQL operation's name, or `anonymous`.
 */
import type { FaultSystem } from '../faults/rules.ts';

const ESIA: readonly [RegExp, string][] = [
  [/^\/aas\/oauth2\/(v2\/)?ac$/, 'authorize'],
  [/^\/aas\/oauth2\/(v3\/)?te$/, 'token'],
  [/^\/login$/, 'login'],
  [/^\/consent$/, 'consent'],
  [/^\/idp\/ext\/Logout$/, 'logout'],
  [/^\/rs\/prns\/[^/]+$/, 'person'],
  [/^\/rs\/prns\/[^/]+\/kids(\/.*)?$/, 'kids'],
  [/^\/rs\/prns\/[^/]+\/(ctts|addrs|docs|vhls)(\/.*)?$/, 'person-collection'],
  [/^\/rs\//, 'rest'],
  [/^\/\.well-known\/jwks\.json$/, 'jwks'],
  [/^\/\.well-known\/openid-configuration$/, 'discovery'],
  [/^\/sim\/login$/, 'sim-login'],
  [/^\/sim\/session$/, 'sim-session'],
  [/^\/sim\/keys\//, 'sim-keys'],
  [/^\/sim\/clients/, 'sim-clients'],
];

const CONSENT: readonly [RegExp, string, string?][] = [
  [/^\/consents$/, 'list', 'GET'],
  [/^\/consents$/, 'grant', 'POST'],
  [/^\/consents\/[^/]+\/revoke$/, 'revoke'],
  [/^\/page\/revoke$/, 'page-revoke'],
  [/^\/page/, 'page'],
];

const DIARY: readonly [RegExp, string][] = [
  [/^\/token$/, 'token'],
  [/^\/Schedule\/[^/]*$/, 'schedule'],
];

/** The operations a fault rule may name, by system (the gateway's are GraphQL operation names: any). */
export const OPERATIONS: Readonly<Record<'esia' | 'consent' | 'diary', readonly string[]>> = {
  esia: [...new Set(ESIA.map(([, name]) => name))],
  consent: [...new Set(CONSENT.map(([, name]) => name))],
  diary: DIARY.map(([, name]) => name),
};

export function operationOf(system: Exclude<FaultSystem, 'gateway'>, method: string, path: string): string {
  if (system === 'esia') return ESIA.find(([pattern]) => pattern.test(path))?.[1] ?? 'other';
  if (system === 'consent') return CONSENT.find(([pattern, , only]) => pattern.test(path) && (only === undefined || only === method))?.[1] ?? 'other';
  return DIARY.find(([pattern]) => pattern.test(path))?.[1] ?? 'other';
}

/** A diary call's region and its path below the region: `/68/Schedule/1` → `68`, `/Schedule/1`. */
export function diaryPath(path: string): { region: string | undefined; path: string } {
  const m = /^\/(\d{2})(\/.*)?$/.exec(path);
  return m ? { region: m[1], path: m[2] ?? '/' } : { region: undefined, path };
}
