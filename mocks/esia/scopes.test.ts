import { describe, expect, it } from 'vitest';
import { EsiaError } from './errors.ts';
import { parseScopes } from './scopes.ts';

describe('scopes', () => {
  it('maps the legacy URL-form usr_inf to the scopes it stands for, keeping the order and no duplicates', () => {
    expect(parseScopes('openid http://esia.gosuslugi.ru/usr_inf http://esia.gosuslugi.ru/fullname', [])).toEqual([
      'openid',
      'fullname',
      'birthdate',
      'birthplace',
      'gender',
      'citizenship',
      'snils',
      'inn',
      'id_doc',
      'contacts',
      'addresses',
    ]);
  });

  it('lets a client registered for usr_inf ask for it, and names usr_inf when a client may not have all it stands for', () => {
    expect(parseScopes('openid usr_inf', ['openid', 'usr_inf'])).toHaveLength(11);
    expect(() => parseScopes('openid http://esia.gosuslugi.ru/usr_inf', ['openid', 'fullname'])).toThrow(
      new EsiaError('007006', 'scope "birthdate" (from usr_inf) is not allowed for this client'),
    );
  });
});
