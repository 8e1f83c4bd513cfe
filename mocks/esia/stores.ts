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

const opaque = () => randomBytes(24).toString('base64url');

/**
 * Values that may be used once (codes, refresh tokens): redeeming removes them; spent keys are
 * remembered (bounded) so a replay is told apart from a typo; expired entries are swept as new
 * ones arrive, so a long-running sandbox does not grow without end.
 */
class SingleUseStore<T extends { readonly expiresAt: number }> {
  readonly #live = new Map<string, T>();
  readonly #spent = new Lru<string, true>(100_000);
  #inserts = 0;

  add(key: string, value: T, now: number): T {
    if (++this.#inserts % 1000 === 0) {
      for (const [k, v] of this.#live) if (v.expiresAt < now) this.#live.delete(k);
    }
    this.#live.set(key, value);
    return value;
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
  readonly pending = new Map<string, PendingAuthorization>();
  readonly #codes = new SingleUseStore<AuthorizationCode>();
  readonly #refresh = new SingleUseStore<RefreshGrant>();

  /** Forgets every pending login, code and refresh token (a sandbox reset). */
  clear(): void {
    this.pending.clear();
    this.#codes.clear();
    this.#refresh.clear();
  }

  addPending(p: Omit<PendingAuthorization, 'id'>): PendingAuthorization {
    if (this.pending.size >= 10_000) {
      for (const [id, entry] of this.pending) if (p.createdAt - entry.createdAt > PENDING_TTL_MS) this.pending.delete(id);
    }
    const entry = { ...p, id: randomUUID() };
    this.pending.set(entry.id, entry);
    return entry;
  }

  takePending(id: string, now: number): PendingAuthorization | undefined {
    const entry = this.pending.get(id);
    if (!entry || now - entry.createdAt > PENDING_TTL_MS) return undefined;
    return entry;
  }

  issueCode(c: Omit<AuthorizationCode, 'code' | 'expiresAt'>, now: number): AuthorizationCode {
    const code = { ...c, code: opaque(), expiresAt: now + CODE_TTL_MS };
    return this.#codes.add(code.code, code, now);
  }

  /** Single use: the code is gone after this call, whatever the outcome. */
  redeemCode(code: string): { code?: AuthorizationCode; reused: boolean } {
    const { value, reused } = this.#codes.redeem(code);
    return value ? { code: value, reused } : { reused };
  }

  issueRefresh(r: Omit<RefreshGrant, 'token' | 'expiresAt'>, now: number): RefreshGrant {
    const grant = { ...r, token: opaque(), expiresAt: now + REFRESH_TTL_MS };
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
