/** Scopes ESIA knows (docs/esia.md «Scopes»), and their binding to a subject in tokens. */
import { EsiaError } from './errors.ts';

export const PERSON_SCOPES = [
  'openid',
  'fullname',
  'birthdate',
  'birthplace',
  'gender',
  'email',
  'mobile',
  'contacts',
  'addresses',
  'snils',
  'inn',
  'id_doc',
  'birth_cert_doc',
  'medical_doc',
  'usr_org',
  'citizenship',
] as const;
export const KID_SCOPES = [
  'kid_fullname',
  'kid_birthdate',
  'kid_gender',
  'kid_snils',
  'kid_inn',
  'kid_birth_cert_doc',
  'kid_medical_doc',
  'kid_school_data',
] as const;
export const SYSTEM_SCOPES = ['prm_chg', 'edusim_diary'] as const;
export const KNOWN_SCOPES: ReadonlySet<string> = new Set([...PERSON_SCOPES, ...KID_SCOPES, ...SYSTEM_SCOPES]);

/**
 * Scopes of ESIA's first generation that published clients still send, in URL form
 * (`http://esia.gosuslugi.ru/usr_inf`), and the current scopes each stands for
 * (docs/esia.md «Scopes»). `usr_inf` («сведения о пользователе») covered the person's card:
 * name, birth, gender, SNILS, INN, identity document, contacts and addresses.
 */
export const LEGACY_SCOPES: Readonly<Record<string, readonly string[]>> = {
  usr_inf: ['fullname', 'birthdate', 'birthplace', 'gender', 'citizenship', 'snils', 'inn', 'id_doc', 'contacts', 'addresses'],
};

/**
 * Splits and checks a scope parameter: a URL-form scope `http://esia.gosuslugi.ru/x` counts as
 * `x`, a legacy one (`usr_inf`) as the scopes it stands for; the result keeps the first order.
 */
export function parseScopes(text: string | null, allowed: readonly string[]): string[] {
  if (text === null || text.trim() === '') throw new EsiaError('007013');
  const requested = expandScopes(text.trim().split(/\s+/));
  const permitted = expandScopes(allowed).map((s) => s.scope);
  for (const { scope, legacy } of requested) {
    const named = legacy ? `"${scope}" (from ${legacy})` : `"${scope}"`;
    if (!KNOWN_SCOPES.has(scope)) throw new EsiaError('007006', `unknown scope ${named}`);
    if (permitted.length > 0 && !permitted.includes(scope)) throw new EsiaError('007006', `scope ${named} is not allowed for this client`);
  }
  return [...new Set(requested.map((s) => s.scope))];
}

/** URL form to plain names, legacy scopes to the ones they stand for (remembering which). */
interface RequestedScope {
  readonly scope: string;
  /** The legacy scope it came from, if any. */
  readonly legacy: string | null;
}

function expandScopes(names: readonly string[]): RequestedScope[] {
  return names
    .map((s) => s.replace(/^https?:\/\/esia\.gosuslugi\.ru\//, '').replace(/\?.*$/, ''))
    .flatMap((s): RequestedScope[] => LEGACY_SCOPES[s]?.map((scope) => ({ scope, legacy: s })) ?? [{ scope: s, legacy: null }]);
}

/** `fullname?oid=1000299681 openid` — how the access token lists granted scopes. */
export function bindScopes(scopes: readonly string[], oid: number): string {
  return scopes.map((s) => (s === 'openid' ? s : `${s}?oid=${oid}`)).join(' ');
}
