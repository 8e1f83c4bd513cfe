/** Issue 8, item 8: ESIA's short-lived protocol state is capped and expires on the simulator's clock. */
import { describe, expect, it } from 'vitest';
import {
  CODE_TTL_MS,
  ExpiringMap,
  LAPSED_GRACE_MS,
  MAX_CODES,
  MAX_PENDING,
  MAX_REFRESH,
  PENDING_TTL_MS,
  ProtocolStores,
  REFRESH_TTL_MS,
  type PendingAuthorization,
} from './stores.ts';

// Far from the machine's time, so an expiry that followed Date.now would show.
const T0 = Date.parse('2031-03-02T07:00:00Z');
const grant = { clientId: 'EDUSIM', oid: 1000299681, scopes: ['openid'], sid: 'sid', authTime: T0 / 1000 };
const code = { ...grant, redirectUri: 'http://localhost/cb', accessType: 'online' as const, codeChallenge: null };
const pending = (createdAt: number): Omit<PendingAuthorization, 'id'> => ({
  version: 'v2',
  clientId: 'EDUSIM',
  scopes: ['openid'],
  redirectUri: 'http://localhost/cb',
  state: 's',
  accessType: 'online',
  personFilter: null,
  permissions: [],
  codeChallenge: null,
  createdAt,
});

describe('refresh tokens', () => {
  it(`keeps at most ${MAX_REFRESH} per sandbox, forgetting the oldest first`, () => {
    expect(MAX_REFRESH).toBe(50_000);
    const stores = new ProtocolStores();
    const tokens = Array.from({ length: MAX_REFRESH + 5 }, (_, i) => stores.issueRefresh(grant, T0 + i).token);
    expect(stores.sizes().refresh).toBe(MAX_REFRESH);
    for (const old of tokens.slice(0, 5)) {
      expect(stores.peekRefresh(old)).toBeUndefined();
      expect(stores.redeemRefresh(old)).toEqual({ reused: false });
    }
    expect(stores.peekRefresh(tokens[5] ?? '')?.oid).toBe(grant.oid);
    const last = tokens.at(-1) ?? '';
    expect(stores.redeemRefresh(last).grant?.token).toBe(last);
    expect(stores.redeemRefresh(last)).toEqual({ reused: true });
  });

  it('keeps an expired one for a grace period (so it is refused as expired), then sweeps it', () => {
    const stores = new ProtocolStores();
    const old = stores.issueRefresh(grant, T0);
    expect(old.expiresAt).toBe(T0 + REFRESH_TTL_MS);
    stores.issueRefresh(grant, T0 + REFRESH_TTL_MS + LAPSED_GRACE_MS - 1);
    expect(stores.peekRefresh(old.token)?.expiresAt).toBe(T0 + REFRESH_TTL_MS);
    stores.issueRefresh(grant, T0 + REFRESH_TTL_MS + LAPSED_GRACE_MS);
    expect(stores.peekRefresh(old.token)).toBeUndefined();
    expect(stores.sizes().refresh).toBe(2);
  });
});

describe('authorization codes', () => {
  it(`keeps at most ${MAX_CODES}, and sweeps them an hour after their five minutes`, () => {
    expect(MAX_CODES).toBe(20_000);
    const stores = new ProtocolStores();
    for (let i = 0; i < MAX_CODES + 10; i++) stores.issueCode(code, T0);
    expect(stores.sizes().codes).toBe(MAX_CODES);
    stores.issueCode(code, T0 + CODE_TTL_MS + LAPSED_GRACE_MS);
    expect(stores.sizes().codes).toBe(1);
  });
});

describe('pending logins', () => {
  it(`keeps at most ${MAX_PENDING}, forgetting the oldest first`, () => {
    expect(MAX_PENDING).toBe(10_000);
    const stores = new ProtocolStores();
    const ids = Array.from({ length: MAX_PENDING + 3 }, () => stores.addPending(pending(T0)).id);
    expect(stores.sizes().pending).toBe(MAX_PENDING);
    expect(stores.takePending(ids[0] ?? '', T0)).toBeUndefined();
    expect(stores.takePending(ids[3] ?? '', T0)?.id).toBe(ids[3]);
  });

  it('sweeps those older than PENDING_TTL_MS on the simulator’s clock', () => {
    const stores = new ProtocolStores();
    const first = stores.addPending(pending(T0));
    for (let i = 0; i < 99; i++) stores.addPending(pending(T0));
    expect(stores.takePending(first.id, T0 + PENDING_TTL_MS)?.id).toBe(first.id);
    stores.addPending(pending(T0 + PENDING_TTL_MS));
    expect(stores.sizes().pending).toBe(101);
    stores.addPending(pending(T0 + PENDING_TTL_MS + 1));
    expect(stores.sizes().pending).toBe(2);
    expect(stores.takePending(first.id, T0 + PENDING_TTL_MS + 1)).toBeUndefined();
  });

  it('forgets everything on clear', () => {
    const stores = new ProtocolStores();
    stores.addPending(pending(T0));
    stores.issueCode(code, T0);
    stores.issueRefresh(grant, T0);
    stores.clear();
    expect(stores.sizes()).toEqual({ pending: 0, codes: 0, refresh: 0 });
  });
});

describe('ExpiringMap', () => {
  it('sweeps expired entries left behind a live one when full (the clock moved back)', () => {
    const map = new ExpiringMap<number>(100, (expires) => expires);
    map.set('late', T0 + 2_000, T0);
    for (let i = 0; i < 99; i++) map.set(`k${i}`, T0 + 1_000, T0);
    expect(map.size).toBe(100);
    map.set('new', T0 + 3_000, T0 + 1_500);
    expect(map.size).toBe(2);
    expect(map.get('late')).toBe(T0 + 2_000);
  });

  it('sweeps the whole map at most once per tenth of its capacity when everything is live', () => {
    const map = new ExpiringMap<number>(100, (expires) => expires);
    let deadlines = 0;
    const counting = new ExpiringMap<number>(100, (expires) => (deadlines++, expires));
    for (let i = 0; i < 1_000; i++) {
      map.set(`k${i}`, Infinity, T0);
      counting.set(`k${i}`, Infinity, T0);
    }
    expect(map.size).toBe(100);
    // 1 000 front checks + a full sweep of 100 every 10 inserts once full (91 sweeps): linear, not quadratic.
    expect(deadlines).toBeLessThanOrEqual(1_000 + 91 * 100);
  });
});
