/**
 * Short-lived protocol state: pending authorization requests, single-use codes, rotating
 * refresh tokens. Times come from the simulator's clock.
 */
import { randomBytes, randomUUID } from 'node:crypto';

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

export class ProtocolStores {
  readonly pending = new Map<string, PendingAuthorization>();
  readonly #codes = new Map<string, AuthorizationCode>();
  readonly #refresh = new Map<string, RefreshGrant>();
  /** Spent codes and rotated refresh tokens, so a replay is told apart from a typo. */
  readonly #spent = new Set<string>();

  addPending(p: Omit<PendingAuthorization, 'id'>): PendingAuthorization {
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
    this.#codes.set(code.code, code);
    return code;
  }

  /** Single use: the code is gone after this call, whatever the outcome. */
  redeemCode(code: string): { code?: AuthorizationCode; reused: boolean } {
    const found = this.#codes.get(code);
    if (found) {
      this.#codes.delete(code);
      this.#spent.add(code);
      return { code: found, reused: false };
    }
    return { reused: this.#spent.has(code) };
  }

  issueRefresh(r: Omit<RefreshGrant, 'token' | 'expiresAt'>, now: number): RefreshGrant {
    const grant = { ...r, token: opaque(), expiresAt: now + REFRESH_TTL_MS };
    this.#refresh.set(grant.token, grant);
    return grant;
  }

  /** Rotation: the old refresh token is spent; a replay of it fails. */
  redeemRefresh(token: string): { grant?: RefreshGrant; reused: boolean } {
    const found = this.#refresh.get(token);
    if (found) {
      this.#refresh.delete(token);
      this.#spent.add(token);
      return { grant: found, reused: false };
    }
    return { reused: this.#spent.has(token) };
  }
}
