/**
 * What resolvers see: the verified viewer (from the ESIA token the gateway checked), the chosen
 * role, the flow trace, and the services behind the subgraphs. The same shape in every engine.
 */
import type { ConsentPlatform } from '../mocks/index.ts';
import type { World, WorldState } from '../seeds/index.ts';
import type { DiaryClient } from './diary/diary-client.ts';

export type Role = 'PUPIL' | 'PARENT' | 'TEACHER' | 'ADMINISTRATOR';
export const ROLES: readonly Role[] = ['PUPIL', 'PARENT', 'TEACHER', 'ADMINISTRATOR'];

export interface Viewer {
  readonly oid: number;
  readonly clientId: string;
}

export interface TraceStep {
  readonly step: 'token' | 'consent' | 'registry' | 'diary' | 'role' | 'library';
  readonly ok: boolean;
  readonly detail: string;
  readonly region?: string;
  readonly url?: string;
  readonly status?: number;
  readonly latencyMs?: number;
  readonly contract?: 'ok' | 'violated' | 'not-checked';
  /** A fault the sandbox injected into this step's calls, described. */
  readonly fault?: string;
}

export interface Services {
  /** The sandbox these services belong to. */
  readonly sandbox: string;
  readonly world: World;
  readonly state: WorldState;
  readonly consents: ConsentPlatform;
  readonly diary: DiaryClient;
  readonly now: () => Date;
  /** Who opened which ЦОК item when (usage events for the KPI); the newest 10 000 to 20 000 are kept. */
  readonly libraryUsage: { oid: number; itemId: string; at: string }[];
  /** Where a person grants the data-transfer consent (shown in CONSENT_REQUIRED), below the request's base URL. */
  readonly consentPageUrl: (oid: number, baseUrl: string) => string;
}

export interface RequestContext {
  readonly services: Services;
  /**
   * The sandbox's base URL in the form the request came in with (`http://host:port`, or
   * `http://host:port/sandboxes/<id>`): links in errors and traces are built on it.
   */
  readonly baseUrl: string;
  readonly viewer: Viewer | null;
  /** Why there is no viewer (missing, expired, bad signature…), for UNAUTHENTICATED. */
  readonly authError: string | null;
  readonly role: Role | null;
  /** Steps of the flow, when the client asked for a trace. */
  readonly trace: TraceStep[] | null;
  /** The request's trace id (the host's journal files the calls made for it under it), when the host gave one. */
  readonly traceId?: string;
  /** Per-request memo (people by oid, diary answers) so fields do not repeat work. */
  readonly cache: Map<string, unknown>;
}

export function memo<T>(ctx: RequestContext, key: string, make: () => T): T {
  if (ctx.cache.has(key)) return ctx.cache.get(key) as T;
  const value = make();
  ctx.cache.set(key, value);
  return value;
}

export function addTrace(ctx: RequestContext, step: TraceStep): void {
  ctx.trace?.push(step);
}
