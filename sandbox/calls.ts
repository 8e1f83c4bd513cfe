/**
 * Every call to a system of a sandbox passes here: the fault that fires on it (a one-shot header
 * override first, then the sandbox's rules) is applied, and the call is written to the
 * sandbox's journal with its trace id, latency, status, fault and the state change it caused.
 * Calls the gateway makes while serving a request (to the diaries) share that request's trace
 * id through the async call scope.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';
import type { SimResponse } from '../mocks/index.ts';
import { TRACE_ID_HEADER, type HttpExchange } from '../schema/index.ts';
import type { WorldState } from '../seeds/index.ts';
import { answerWithFault, type FaultedAnswer } from './faults/apply.ts';
import type { FaultCall, FaultPlan, FiredFault } from './faults/plan.ts';
import { matches } from './faults/plan.ts';
import type { FaultRuleSpec } from './faults/rules.ts';
import type { RequestJournal } from './journal/journal.ts';
import { operationOf } from './journal/operations.ts';
import { sleep } from './faults/apply.ts';

/** What a request carries down to the calls made while serving it. */
export interface CallScope {
  readonly traceId: string;
  /** One-shot overrides (X-Edusim-Fault) not yet used; each fires once. */
  readonly overrides: FaultRuleSpec[];
}

export const callScope = new AsyncLocalStorage<CallScope>();

/** The parts of a sandbox a call touches. */
export interface CallSite {
  readonly faults: FaultPlan;
  readonly journal: RequestJournal;
  readonly state: WorldState;
  readonly clock: { now(): Date };
}

export interface CallOptions {
  readonly caller: 'client' | 'gateway';
  readonly traceId: string;
  readonly overrides: FaultRuleSpec[];
  readonly query?: string;
  /** An ESIA token call's form body (masked as a query is). */
  readonly form?: string;
  readonly signal?: AbortSignal;
  /** Told the fault's description once it is applied. */
  readonly onFault?: (description: string) => void;
}

/** The W3C `traceparent`'s trace id when a client sent one, else a new one. */
export function traceIdFrom(traceparent: string | string[] | undefined): string {
  const header = Array.isArray(traceparent) ? traceparent[0] : traceparent;
  const m = header ? /^[\da-f]{2}-([\da-f]{32})-[\da-f]{16}-[\da-f]{2}$/.exec(header.trim()) : null;
  return m?.[1] && !/^0+$/.test(m[1]) ? m[1] : randomBytes(16).toString('hex');
}

/** The fault for a call: a matching one-shot override (used up), else the first rule that fires. */
export function pickFault(site: CallSite, call: FaultCall, overrides: FaultRuleSpec[]): FiredFault | null {
  const i = overrides.findIndex((rule) => matches(rule, call));
  if (i >= 0) {
    const [rule] = overrides.splice(i, 1);
    if (rule) return { source: 'header', action: rule.action, description: '' };
  }
  return site.faults.pick(call);
}

/** A call under way: the fault that fired on it, and how to file it once answered. */
export interface OpenCall {
  readonly fired: FiredFault | null;
  /** Files the call: its status (0 for a dropped connection), body and redirect (for the error code). */
  finish(status: number, body?: string, location?: string): void;
}

export function beginCall(site: CallSite, call: FaultCall, options: CallOptions): OpenCall {
  const fired = pickFault(site, call, options.overrides);
  const before = stateCounts(site.state);
  const at = new Date().toISOString();
  const sandboxAt = site.clock.now().toISOString();
  const started = performance.now();
  return {
    fired,
    finish(status, body, location) {
      const change = describeChange(before, stateCounts(site.state));
      site.journal.record({
        at,
        sandboxAt,
        system: call.system,
        ...(call.region !== undefined ? { region: call.region } : {}),
        operation: call.operation,
        method: call.method,
        path: call.path,
        ...(options.query ? { query: options.query } : {}),
        ...(options.form ? { form: options.form } : {}),
        status,
        latencyMs: Math.round(performance.now() - started),
        caller: options.caller,
        traceId: options.traceId,
        ...(fired ? { fault: fired.description } : {}),
        ...(body !== undefined && (status >= 400 || (call.system === 'gateway' && body.includes('"errors"'))) ? errorOf(call, body) : {}),
        ...(location !== undefined && status >= 300 && status < 400 ? redirectErrorOf(location) : {}),
        ...(change ? { change } : {}),
      });
    },
  };
}

/** Serves one call through faults and the journal. */
export async function serveCall(site: CallSite, call: FaultCall, options: CallOptions, produce: () => Promise<SimResponse>): Promise<FaultedAnswer> {
  const open = beginCall(site, call, options);
  let answer: FaultedAnswer | null = null;
  try {
    answer = await answerWithFault(open.fired, call, produce, { draw: () => site.faults.draw(), ...(options.signal ? { signal: options.signal } : {}) });
    if (open.fired) options.onFault?.(open.fired.description);
    // A timeout holds the call (until the caller gives up, when it can say so), then drops it.
    if (answer.kind === 'drop' && answer.holdMs > 0) await sleep(answer.holdMs, options.signal).catch(() => undefined);
    return answer;
  } finally {
    if (answer?.kind === 'response') open.finish(answer.response.status, answer.response.body, answer.response.headers['location']);
    else open.finish(answer ? 0 : 500);
  }
}

type Counts = { revision: number; sizes: Record<string, number> };

function stateCounts(state: WorldState): Counts {
  return {
    revision: state.revision,
    sizes: {
      consents: state.consents.size,
      links: state.links.size,
      lessonPermissions: state.lessonPermissions.size,
      teacherRights: state.teacherRights.size,
      timetableEdits: state.timetableEdits.size,
      teacherLessons: state.teacherLessons.size,
      childAccounts: state.childAccounts.size,
    },
  };
}

/** `consents 2 → 3` for what grew or shrank; `updated` when only values changed. */
function describeChange(before: Counts, after: Counts): string | undefined {
  if (before.revision === after.revision) return undefined;
  const parts = Object.keys(after.sizes)
    .filter((k) => before.sizes[k] !== after.sizes[k])
    .map((k) => `${k} ${before.sizes[k]} → ${after.sizes[k]}`);
  return parts.length > 0 ? parts.join(', ') : `state updated (revision ${before.revision} → ${after.revision})`;
}

/** The error an answer carries, in the system's terms (cheaply: only small error bodies are read). */
/** ESIA's own code (`ESIA-007023`) at the head of an `error_description`. */
function esiaCodeOf(description: unknown): { esiaCode?: string } {
  const code = typeof description === 'string' ? /^ESIA-\d{6}/.exec(description)?.[0] : undefined;
  return code ? { esiaCode: code } : {};
}

/** An OAuth error sent back on the redirect (`?error=invalid_client&error_description=ESIA-007002…`), as ESIA answers once it trusts the redirect_uri. */
function redirectErrorOf(location: string): { error?: string; esiaCode?: string } {
  const query = URL.parse(location, 'http://edusim.invalid/')?.searchParams;
  const error = query?.get('error');
  return error ? { error, ...esiaCodeOf(query?.get('error_description')) } : {};
}

function errorOf(call: FaultCall, text: string): { error?: string; esiaCode?: string } {
  if (text.length > 65_536) return {};
  try {
    const body = JSON.parse(text) as {
      error?: unknown;
      error_description?: unknown;
      errors?: { extensions?: { code?: unknown } }[];
      issue?: { code?: unknown }[];
    };
    const error = call.system === 'diary' ? body.issue?.[0]?.code : call.system === 'gateway' ? body.errors?.[0]?.extensions?.code : body.error;
    return typeof error === 'string' ? { error, ...(call.system === 'esia' ? esiaCodeOf(body.error_description) : {}) } : {};
  } catch {
    return {};
  }
}

/**
 * A region's diary as the gateway reaches it, through the sandbox's faults and journal: the
 * call is filed under the gateway request's trace id; a dropped connection is thrown as the
 * network would (the diary client reports DIARY_UNAVAILABLE), carrying the fault's description.
 */
export function gatewayDiaryExchange(site: CallSite, region: string, exchange: HttpExchange): HttpExchange {
  return async (request) => {
    const url = new URL(request.url);
    const path = /\/(token|Schedule\/[^/]*)$/.exec(url.pathname)?.[0] ?? url.pathname;
    const scope = callScope.getStore();
    // The trace id rides in a header where no async scope reaches (split mode's subgraph services); it goes no further.
    const { [TRACE_ID_HEADER]: forwardedTrace, ...headers } = request.headers;
    const traceId = scope?.traceId ?? forwardedTrace ?? traceIdFrom(undefined);
    const call: FaultCall = { system: 'diary', region, operation: operationOf('diary', request.method, path), method: request.method, path };
    let fault: string | undefined;
    const answer = await serveCall(
      site,
      call,
      {
        caller: 'gateway',
        traceId,
        overrides: scope?.overrides ?? [],
        query: url.search.slice(1),
        signal: request.signal,
        onFault: (description) => (fault = description),
      },
      async () => {
        const response = await exchange({ ...request, headers });
        return { status: response.status, headers: {}, body: response.text };
      },
    );
    if (answer.kind === 'drop') {
      const message = answer.why === 'reset' ? 'соединение сброшено (ECONNRESET)' : 'соединение закрыто без ответа';
      throw Object.assign(new Error(message), { fault });
    }
    return { status: answer.response.status, text: answer.response.body, ...(fault ? { fault } : {}) };
  };
}
