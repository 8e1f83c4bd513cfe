/**
 * What a fired fault does to a call, the same for every transport: the host's HTTP routes, the
 * gateway's in-process calls to the diaries, and the msw handlers (which reach the host in
 * process). Errors come in the system's own wire format: ESIA's `{error, error_description:
 * "ESIA-0070xx: …"}`, the diary's OperationOutcome, GraphQL's `errors[].extensions.code`.
 */
import { EsiaError, errorJson, outcomeResponse, simJson as json, type SimResponse } from '../../mocks/index.ts';
import type { FaultCall, FiredFault } from './plan.ts';
import { DEFAULT_TIMEOUT_MS, type FaultSystem } from './rules.ts';

/** The call's answer under a fault: a response, or a connection dropped (`reset` at once, `timeout` after holding it). */
export type FaultedAnswer =
  { readonly kind: 'response'; readonly response: SimResponse } | { readonly kind: 'drop'; readonly holdMs: number; readonly why: 'reset' | 'timeout' };

export interface FaultTools {
  /** A number in [0, 1) from the sandbox's seeded generator. */
  readonly draw: () => number;
  /** Ends a wait early (the caller gave up). */
  readonly signal?: AbortSignal;
}

/** Serves a call: as usual when no fault fired; otherwise as the fault says. Fills in `fired.description`. */
export async function answerWithFault(
  fired: FiredFault | null,
  call: FaultCall,
  produce: () => Promise<SimResponse>,
  tools: FaultTools,
): Promise<FaultedAnswer> {
  if (!fired) return { kind: 'response', response: await produce() };
  const { action } = fired;
  const name = faultName(fired);
  switch (action.kind) {
    case 'latency': {
      const jitter = action.jitterMs ? Math.round((tools.draw() * 2 - 1) * action.jitterMs) : 0;
      const delay = Math.max(0, action.ms + jitter);
      fired.description = `${name}: latency ${delay} ms`;
      await sleep(delay, tools.signal);
      return { kind: 'response', response: await produce() };
    }
    case 'status':
      fired.description = `${name}: HTTP ${action.status}`;
      return { kind: 'response', response: action.body !== undefined ? customBody(action.status, action.body) : errorBody(call, action.status, name) };
    case 'esia-error': {
      fired.description = `${name}: ${action.code}`;
      const error = new EsiaError(action.code.slice(5) as never, `сбой, включённый в edusim: ${name}`, action.status ?? 400);
      return { kind: 'response', response: errorJson(error) };
    }
    case 'timeout': {
      const holdMs = action.ms ?? DEFAULT_TIMEOUT_MS;
      fired.description = `${name}: timeout, no answer for ${holdMs} ms, then the connection dropped`;
      return { kind: 'drop', holdMs, why: 'timeout' };
    }
    case 'reset':
      fired.description = `${name}: connection reset`;
      return { kind: 'drop', holdMs: 0, why: 'reset' };
    case 'malformed': {
      fired.description = `${name}: malformed body`;
      const response = await produce();
      return { kind: 'response', response: { ...response, body: response.body.slice(0, Math.floor(response.body.length / 2)) || '{' } };
    }
    case 'off-contract': {
      fired.description = `${name}: off-contract body`;
      const response = await produce();
      return { kind: 'response', response: { ...response, body: offContract(call.system, response.body) } };
    }
  }
}

/** How the journal and the trace name a fault: `rule f2`, or `X-Edusim-Fault` for a one-shot override. */
export function faultName(fired: FiredFault): string {
  return fired.source === 'header' ? 'X-Edusim-Fault' : `rule ${fired.source}`;
}

/** The system's own error answer for a status. */
function errorBody(call: FaultCall, status: number, name: string): SimResponse {
  const why = `сбой, включённый в edusim: ${name}`;
  if (call.system === 'diary') return outcomeResponse(status, status >= 500 ? 'transient' : 'processing', why, status >= 500 ? 'fatal' : 'error');
  // The consent platform's own refusals: {error: CODE, message}.
  if (call.system === 'consent')
    return json(status, { error: status >= 500 ? 'UNAVAILABLE' : 'REFUSED', message: `платформа согласий ответила HTTP ${status} (${why})` });
  if (call.system === 'gateway') {
    const code = status >= 500 ? 'SERVICE_UNAVAILABLE' : 'BAD_REQUEST';
    return json(status, { data: null, errors: [{ message: `«Моя школа» ответила HTTP ${status} (${why})`, extensions: { code } }] });
  }
  return errorJson(new EsiaError(status >= 500 ? '007007' : '007003', why, status));
}

function customBody(status: number, body: string): SimResponse {
  let type = 'text/plain; charset=utf-8';
  try {
    JSON.parse(body);
    type = 'application/json; charset=utf-8';
  } catch {
    // not JSON: sent as text
  }
  return { status, headers: { 'content-type': type, 'cache-control': 'no-store' }, body };
}

/**
 * Valid JSON that breaks the contract: a diary's Schedule becomes a Bundle of school summaries (as
 * diaries that answer their own format do); anything else keeps its values under upper-cased keys.
 */
export function offContract(system: FaultSystem, body: string): string {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return JSON.stringify({ unexpected: body.slice(0, 200) });
  }
  if (system === 'diary' && isSchedule(value)) {
    return JSON.stringify({
      resourceType: 'Bundle',
      entry: value.school.map((s) => ({ name: s.name, lessons: (s.class ?? []).flatMap((c) => c.lesson ?? []).length })),
    });
  }
  return JSON.stringify(upperKeys(value));
}

function isSchedule(value: unknown): value is { school: { name?: unknown; class?: { lesson?: unknown[] }[] }[] } {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { resourceType?: unknown }).resourceType === 'Schedule' &&
    Array.isArray((value as { school?: unknown }).school)
  );
}

function upperKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(upperKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k.toUpperCase(), upperKeys(v)]));
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason as Error);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
