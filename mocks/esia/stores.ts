/**
 * Short-lived protocol state: pending authorization requests, single-use codes, rotating
 * refresh tokens. Times come from the simulator's clock.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { Lru } from '../../seeds/index.ts';

export type ApiVersion = 'v1' | 'v2';

export interface RequestedPermission {
  readonly sysname: string;
  readonly expireMinutes: number;
  readonly actions: readonly string[];
  readonly purposes: readonly string[];
  readonly scopes: readonly string[];
}

export interface PendingAuthorization {
  readonly id: string;
  readonly version: ApiVersion;
  readonly clientId: string;
  readonly scopes: readonly string[];
  readonly redirectUri: string;
  readonly state: string;
  readonly accessType: 'online' | 'offline';
  readonly personFilter: 'conf_acc' | 'acc_kid' | 'acc_not_kid' | null;
  readonly permissions: readonly RequestedPermission[];
  readonly codeChallenge: string | null;
  readonly createdAt: number;
}

export interface AuthorizationCode {
  readonly code: string;
  readonly clientId: string;
  readonly redirectUri: string;
  readonly scopes: readonly string[];
  readonly oid: number;
  readonly sid: string;
  readonly authTime: number;
  readonly accessType: 'online' | 'offline';
  readonly codeChallenge: string | null;
  readonly expiresAt: number;
}

export interface RefreshGrant {
  readonly token: string;
  readonly clientId: string;
  readonly oid: number;
  readonly scopes: readonly string[];
  readonly sid: string;
  readonly authTime: number;
  readonly expiresAt: number;
}

export const CODE_TTL_MS = 5 * 60_000;
export const PENDING_TTL_MS = 30 * 60_000;
export const REFRESH_TTL_MS = 30 * 24 * 3_600_000;

/** Hard caps per sandbox (one ProtocolStores per ESIA simulator): past them the oldest entry goes. */
export const MAX_PENDING = 10_000;
export const MAX_CODES = 20_000;
export const MAX_REFRESH = 50_000;
/**
 * An expired code or refresh token is kept this long past its expiry (within the cap), so that
 * presenting it is answered «has expired» rather than «unknown»; after that it is swept.
 */
export const LAPSED_GRACE_MS = 60 * 60_000;

const opaque = () => randomBytes(24).toString('base64url');

/**
 * A map whose entries expire on the caller's clock and whose size has a hard cap. Entries are
 * kept in insertion order, which is expiry order while the clock runs forward: each insert drops
 * expired entries from the front (amortized O(1)); when the map is full it first sweeps it all for
 * expired entries (at most once per capacity/10 inserts, so that stays amortized O(1) too: the
 * clock may have moved back, leaving expired entries behind a live one), then evicts the oldest.
 */
export class ExpiringMap<V> {
  readonly #entries = new Map<string, V>();
  #inserts = 0;
  #nextFullSweep = 0;

  /**
   * @param capacity the most entries kept
   * @param deadline when an entry may be swept (ms on the caller's clock); swept once `deadline <= now`
   */
  constructor(
    readonly capacity: number,
    readonly deadline: (value: V) => number,
  ) {}

  get size(): number {
    return this.#entries.size;
  }

  get(key: string): V | undefined {
    return this.#entries.get(key);
  }

  delete(key: string): boolean {
    return this.#entries.delete(key);
  }

  clear(): void {
    this.#entries.clear();
    this.#inserts = 0;
    this.#nextFullSweep = 0;
  }

  /** Adds (or replaces, as the newest) an entry at `now` (ms on the caller's clock). */
  set(key: string, value: V, now: number): V {
    this.#entries.delete(key);
    for (const [k, v] of this.#entries) {
      if (this.deadline(v) > now) break;
      this.#entries.delete(k);
    }
    this.#inserts++;
    if (this.#entries.size >= this.capacity && this.#inserts >= this.#nextFullSweep) {
      this.sweep(now);
      this.#nextFullSweep = this.#inserts + Math.max(1, Math.floor(this.capacity / 10));
    }
    while (this.#entries.size >= this.capacity) {
      const oldest = this.#entries.keys().next();
      if (oldest.done) break;
      this.#entries.delete(oldest.value);
    }
    this.#entries.set(key, value);
    return value;
  }

  /** Drops every entry whose deadline has passed. */
  sweep(now: number): void {
    for (const [k, v] of this.#entries) if (this.deadline(v) <= now) this.#entries.delete(k);
  }
}

/**
 * Values that may be used once (codes, refresh tokens): redeeming removes them; spent keys are
 * remembered (as many as the store holds) so a replay is told apart from a typo. The store is
 * capped and sweeps entries a grace period after they expire, so a long-running sandbox does not
 * grow without end.
 */
class SingleUseStore<T extends { readonly expiresAt: number }> {
  readonly #live: ExpiringMap<T>;
  readonly #spent: Lru<string, true>;

  constructor(capacity: number) {
    this.#live = new ExpiringMap<T>(capacity, (v) => v.expiresAt + LAPSED_GRACE_MS);
    this.#spent = new Lru<string, true>(capacity);
  }

  get size(): number {
    return this.#live.size;
  }

  add(key: string, value: T, now: number): T {
    return this.#live.set(key, value, now);
  }

  clear(): void {
    this.#live.clear();
    this.#spent.clear();
  }

  /** The live value, without spending it. */
  peek(key: string): T | undefined {
    return this.#live.get(key);
  }

  redeem(key: string): { value?: T; reused: boolean } {
    const value = this.#live.get(key);
    if (!value) return { reused: this.#spent.get(key) === true };
    this.#live.delete(key);
    this.#spent.set(key, true);
    return { value, reused: false };
  }
}

export class ProtocolStores {
  /** Pending logins by id; swept once PENDING_TTL_MS old, at most MAX_PENDING. Delete one when it is done. */
  readonly pending = new ExpiringMap<PendingAuthorization>(MAX_PENDING, (p) => p.createdAt + PENDING_TTL_MS + 1);
  readonly #codes = new SingleUseStore<AuthorizationCode>(MAX_CODES);
  readonly #refresh = new SingleUseStore<RefreshGrant>(MAX_REFRESH);

  /** How many entries each store holds now (for soak checks). */
  sizes(): { pending: number; codes: number; refresh: number } {
    return { pending: this.pending.size, codes: this.#codes.size, refresh: this.#refresh.size };
  }

  /** Forgets every pending login, code and refresh token (a sandbox reset). */
  clear(): void {
    this.pending.clear();
    this.#codes.clear();
    this.#refresh.clear();
  }

  /** A new pending login, created at `p.createdAt` (the simulator's clock). */
  addPending(p: Omit<PendingAuthorization, 'id'>): PendingAuthorization {
    const entry = { ...p, id: randomUUID() };
    return this.pending.set(entry.id, entry, p.createdAt);
  }

  takePending(id: string, now: number): PendingAuthorization | undefined {
    const entry = this.pending.get(id);
    if (!entry || now - entry.createdAt > PENDING_TTL_MS) return undefined;
    return entry;
  }

  /** Keeps a code (by default an opaque one; the simulator issues signed JWTs, as ESIA does) for CODE_TTL_MS. */
  issueCode(c: Omit<AuthorizationCode, 'code' | 'expiresAt'>, now: number, value: string = opaque()): AuthorizationCode {
    const code = { ...c, code: value, expiresAt: now + CODE_TTL_MS };
    return this.#codes.add(code.code, code, now);
  }

  /** The live code, without spending it (the callback page names the client it was issued to). */
  peekCode(code: string): AuthorizationCode | undefined {
    return this.#codes.peek(code);
  }

  /** Single use: the code is gone after this call, whatever the outcome. */
  redeemCode(code: string): { code?: AuthorizationCode; reused: boolean } {
    const { value, reused } = this.#codes.redeem(code);
    return value ? { code: value, reused } : { reused };
  }

  issueRefresh(r: Omit<RefreshGrant, 'token' | 'expiresAt'>, now: number): RefreshGrant {
    // ESIA's refresh tokens are UUIDs.
    const grant = { ...r, token: randomUUID(), expiresAt: now + REFRESH_TTL_MS };
    return this.#refresh.add(grant.token, grant, now);
  }

  /** The live refresh grant, without spending it (to refuse a wrong client first). */
  peekRefresh(token: string): RefreshGrant | undefined {
    return this.#refresh.peek(token);
  }

  /** Rotation: the old refresh token is spent; a replay of it fails. */
  redeemRefresh(token: string): { grant?: RefreshGrant; reused: boolean } {
    const { value, reused } = this.#refresh.redeem(token);
    return value ? { grant: value, reused } : { reused };
  }
}
