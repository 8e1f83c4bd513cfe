import { describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../journal/journal.ts';
import { judgeEsiaClient } from './judge.ts';

// Journal entries as a sandbox files them (masked), for one client's login attempts.
const CLIENT = 'VENDOR';
const REDIRECT = 'https://vendor.example/esia/callback';
const STATE_A = '1b4e28ba-2fa1-41d2-883f-0016d3cca427';
const STATE_B = '6fa459ea-ee8a-4ca4-894e-db77e160355e';
const AT = '2026-11-23T09:00:00.000Z';

let seq = 0;
function entry(operation: string, method: string, path: string, status: number, extra: Partial<JournalEntry> = {}): JournalEntry {
  seq += 1;
  return { seq, at: AT, sandboxAt: AT, system: 'esia', operation, method, path, status, latencyMs: 3, caller: 'client', traceId: `t${seq}`, ...extra };
}

function authorize(state: string, overrides: Record<string, string | null> = {}, extra: Partial<JournalEntry> = {}): JournalEntry {
  const params: Record<string, string | null> = {
    client_id: CLIENT,
    redirect_uri: REDIRECT,
    response_type: 'code',
    scope: 'openid fullname',
    state,
    timestamp: '2026.11.23 12:00:05 +0300',
    client_secret: '***',
    client_certificate_hash: '***',
    code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    code_challenge_method: 'S256',
    ...overrides,
  };
  const query = new URLSearchParams(Object.entries(params).filter((p): p is [string, string] => p[1] !== null)).toString();
  return entry('authorize', 'GET', '/aas/oauth2/v2/ac', 200, { query, ...extra });
}

function exchange(state: string, overrides: Record<string, string | null> = {}, status = 200): JournalEntry {
  const form: Record<string, string | null> = {
    client_id: CLIENT,
    code: '***',
    grant_type: 'authorization_code',
    redirect_uri: REDIRECT,
    code_verifier: '***',
    state,
    timestamp: '2026.11.23 12:00:09 +0300',
    client_secret: '***',
    ...overrides,
  };
  return entry('token', 'POST', '/aas/oauth2/v3/te', status, {
    form: new URLSearchParams(Object.entries(form).filter((p): p is [string, string] => p[1] !== null)).toString(),
  });
}

const login = () => entry('login', 'POST', '/login', 302);
const person = (status = 200) => entry('person', 'GET', '/rs/prns/1000299681', status);

function statuses(entries: JournalEntry[], served: { trap: string; state: string; at: string }[] = []) {
  return Object.fromEntries(judgeEsiaClient({ entries, clientId: CLIENT, served }).map((c) => [c.id, c.status]));
}

describe('judging an ESIA client from the journal', () => {
  it('a clean login passes every check, with the authorize request as evidence', () => {
    const entries = [authorize(STATE_A), login(), exchange(STATE_A), person()];
    expect(statuses(entries)).toEqual({
      'authorize.sent': 'pass',
      'authorize.scope': 'pass',
      'authorize.state': 'pass',
      'authorize.pkce': 'pass',
      'authorize.redirect-uri': 'pass',
      'authorize.timestamp': 'pass',
      'authorize.signature': 'pass',
      'token.exchange': 'pass',
      'person.called': 'pass',
    });
    const [sent] = judgeEsiaClient({ entries, clientId: CLIENT, served: [] });
    expect(sent?.evidence[0]?.request).toContain('client_secret=***');
  });

  it('names each departure: a reused non-UUID state, no PKCE, a stale timestamp, another redirect_uri at the exchange', () => {
    const entries = [
      authorize('abc', { code_challenge: null, code_challenge_method: null, timestamp: '2026.11.23 11:40:00 +0300' }),
      login(),
      exchange('abc', { redirect_uri: 'https://vendor.example/other', code_verifier: null }),
      authorize('abc', { code_challenge: null, code_challenge_method: null }),
    ];
    const checks = judgeEsiaClient({ entries, clientId: CLIENT, served: [] });
    const byId = Object.fromEntries(checks.map((c) => [c.id, c]));
    expect(byId['authorize.state']?.problems).toEqual(['попытка 1: state «abc» не UUID', 'попытка 2: state «abc» не UUID']);
    expect(byId['authorize.pkce']?.status).toBe('warning');
    expect(byId['authorize.timestamp']?.problems).toEqual([
      'попытка 1: timestamp «2026.11.23 11:40:00 +0300» расходится с часами ЕСИА (2026-11-23T09:00:00.000Z) на 1200 с, допустимо 300 с',
    ]);
    expect(byId['token.exchange']?.problems).toEqual([
      'попытка 1: redirect_uri «https://vendor.example/other» не тот, что в авторизации («https://vendor.example/esia/callback»)',
      'попытка 2: код не обменян на маркеры',
    ]);
    expect(byId['token.exchange']?.fix).toContain('тот же redirect_uri');
  });

  it('reads ESIA refusals filed with the entry: an unregistered redirect_uri, a signature ESIA refused', () => {
    const entries = [
      authorize(STATE_A, {}, { status: 400, error: 'invalid_request', esiaCode: 'ESIA-007023' }),
      authorize(STATE_B, {}, { status: 302, error: 'invalid_client', esiaCode: 'ESIA-007002' }),
    ];
    const checks = judgeEsiaClient({ entries, clientId: CLIENT, served: [] });
    const byId = Object.fromEntries(checks.map((c) => [c.id, c]));
    expect(byId['authorize.redirect-uri']?.problems).toEqual([`попытка 1: redirect_uri «${REDIRECT}» не зарегистрирован (ESIA-007023)`]);
    expect(byId['authorize.signature']?.problems).toEqual(['попытка 2: ЕСИА отклонила подпись (ESIA-007002)']);
    expect(byId['token.exchange']?.status).toBe('skipped');
  });

  it('a client fell for a trap when it called /rs/prns after the trapped answer; refusing it passes', () => {
    const served = [
      { trap: 'wrong-aud', state: STATE_A, at: AT },
      { trap: 'state-mismatch', state: STATE_B, at: AT },
    ];
    const entries = [authorize(STATE_A), login(), exchange(STATE_A), person(), authorize(STATE_B), login()];
    const checks = judgeEsiaClient({ entries, clientId: CLIENT, served });
    const traps = checks.filter((c) => c.id.startsWith('trap.'));
    expect(traps.map((c) => [c.id, c.status, c.problems])).toEqual([
      ['trap.wrong-aud', 'failed', ['попытка 1: после ответа с испорченным id_token запрошен /rs/prns с выданным маркером']],
      ['trap.state-mismatch', 'pass', []],
    ]);
    // Only untrapped attempts count for the ordinary use of the token.
    expect(checks.find((c) => c.id === 'person.called')?.status).toBe('skipped');
  });

  it('with no login by this client: authorize.sent fails, every other check is skipped', () => {
    const entries = [authorize(STATE_A, { client_id: 'SOMEONE_ELSE' })];
    expect(statuses(entries)).toEqual({
      'authorize.sent': 'failed',
      'authorize.scope': 'skipped',
      'authorize.state': 'skipped',
      'authorize.pkce': 'skipped',
      'authorize.redirect-uri': 'skipped',
      'authorize.timestamp': 'skipped',
      'authorize.signature': 'skipped',
      'token.exchange': 'skipped',
      'person.called': 'skipped',
    });
  });
});
