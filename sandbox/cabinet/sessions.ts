/**
 * The cabinet's own sessions, per sandbox: after `/callback` exchanged the code, the browser holds
 * an HttpOnly cookie (scoped to the sandbox's path) naming a server-side session with the ESIA
 * tokens. Logins in progress keep their state and PKCE verifier here until the callback.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Sandbox } from '../sandbox.ts';

export interface CabinetSession {
  readonly oid: number;
  readonly accessToken: string;
  /** How long the code exchange took, ms (the first step of the flow timeline). */
  readonly loginMs: number;
}

export interface PendingLogin {
  readonly verifier: string;
  readonly createdAt: number;
}

/** Logins left unfinished are forgotten after ten minutes; at most this many are kept per sandbox. */
const PENDING_MS = 600_000;
const MAX_ENTRIES = 1000;

class CabinetStore {
  readonly sessions = new Map<string, CabinetSession>();
  readonly pending = new Map<string, PendingLogin>();
}

const stores = new WeakMap<Sandbox, CabinetStore>();

function storeOf(sandbox: Sandbox): CabinetStore {
  let store = stores.get(sandbox);
  if (!store) stores.set(sandbox, (store = new CabinetStore()));
  return store;
}

function bounded<K, V>(map: Map<K, V>): void {
  while (map.size > MAX_ENTRIES) map.delete(map.keys().next().value as K);
}

export const cookieName = (sandbox: Sandbox) => `edusim_cabinet_${sandbox.id.replace(/[^a-z0-9]/gi, '_')}`;
export const stateCookieName = (sandbox: Sandbox) => `${cookieName(sandbox)}_state`;

export function readCookie(header: string | undefined, name: string): string | null {
  const part = (header ?? '')
    .split(';')
    .map((p) => p.trim())
    .find((p) => p.startsWith(`${name}=`));
  return part ? decodeURIComponent(part.slice(name.length + 1)) : null;
}

export function cookie(name: string, value: string, path: string, maxAge: number): string {
  return `${name}=${encodeURIComponent(value)}; Path=${path}; HttpOnly; SameSite=Lax; Max-Age=${maxAge}`;
}

/** Starts a login: a state (UUID) and a PKCE pair; the verifier stays on the server. */
export function beginLogin(sandbox: Sandbox): { state: string; challenge: string } {
  const store = storeOf(sandbox);
  const state = randomUUID();
  const verifier = randomBytes(32).toString('base64url');
  store.pending.set(state, { verifier, createdAt: Date.now() });
  bounded(store.pending);
  return { state, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** The verifier of a login in progress, taken once; null when unknown or too old. */
export function takeLogin(sandbox: Sandbox, state: string): PendingLogin | null {
  const store = storeOf(sandbox);
  const pending = store.pending.get(state);
  store.pending.delete(state);
  return pending && Date.now() - pending.createdAt < PENDING_MS ? pending : null;
}

export function openSession(sandbox: Sandbox, session: CabinetSession): string {
  const store = storeOf(sandbox);
  const id = randomBytes(24).toString('base64url');
  store.sessions.set(id, session);
  bounded(store.sessions);
  return id;
}

export function sessionOf(sandbox: Sandbox, cookieHeader: string | undefined): CabinetSession | null {
  const id = readCookie(cookieHeader, cookieName(sandbox));
  return id ? (storeOf(sandbox).sessions.get(id) ?? null) : null;
}

export function closeSession(sandbox: Sandbox, cookieHeader: string | undefined): void {
  const id = readCookie(cookieHeader, cookieName(sandbox));
  if (id) storeOf(sandbox).sessions.delete(id);
}
