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

/** Splits and checks a scope parameter; a URL-form scope `http://esia.gosuslugi.ru/x` counts as `x`. */
export function parseScopes(text: string | null, allowed: readonly string[]): string[] {
  if (text === null || text.trim() === '') throw new EsiaError('007013');
  const scopes = text
    .trim()
    .split(/\s+/)
    .map((s) => s.replace(/^https?:\/\/esia\.gosuslugi\.ru\//, '').replace(/\?.*$/, ''));
  for (const scope of scopes) {
    if (!KNOWN_SCOPES.has(scope)) throw new EsiaError('007006', `unknown scope "${scope}"`);
    if (allowed.length > 0 && !allowed.includes(scope)) throw new EsiaError('007006', `scope "${scope}" is not allowed for this client`);
  }
  return [...new Set(scopes)];
}

/** `fullname?oid=1000299681 openid` — how the access token lists granted scopes. */
export function bindScopes(scopes: readonly string[], oid: number): string {
  return scopes.map((s) => (s === 'openid' ? s : `${s}?oid=${oid}`)).join(' ');
}
