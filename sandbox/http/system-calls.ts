/**
 * The host's side of faults and the journal: each request to a system (ESIA, consent, a
 * diary, the gateway) opens a call scope (trace id, one-shot `X-Edusim-Fault` overrides) that
 * the calls made while serving it inherit; the simulators are served through `serveCall`, and
 * the gateway through hooks around its engine (its answer is made by Mercurius or
 * @apollo/gateway, not by a core).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { dropConnection, EsiaError, errorJson, outcomeResponse, simJson as json, zodProblem, type SimRequest, type SimResponse } from '../../mocks/index.ts';
import { beginCall, callScope, serveCall, traceIdFrom, type CallScope, type OpenCall } from '../calls.ts';
import { answerWithFault, faultName, offContract, sleep } from '../faults/apply.ts';
import { FAULT_HEADER, FaultHeaderError, parseFaultHeader } from '../faults/override.ts';
import { LegacyDiaryFaultSchema, type FaultSystem } from '../faults/rules.ts';
import { diaryPath, operationOf } from '../journal/operations.ts';
import { sandboxOf } from './routing.ts';

export const TRACE_ID_HEADER = 'x-edusim-trace-id';

const SCOPE = Symbol('edusim.callScope');
const OPEN = Symbol('edusim.gatewayCall');
type Tagged = { [SCOPE]?: CallScope; [OPEN]?: OpenCall };

/** The system a path belongs to (after the sandbox prefix is taken off), or null for the host's own paths. */
export function systemOfPath(url: string): FaultSystem | null {
  const m = /^\/(esia|consent|diary|graphql)(\/|\?|$)/.exec(url);
  if (!m) return null;
  return m[1] === 'graphql' ? 'gateway' : (m[1] as FaultSystem);
}

/** The system's own refusal of a bad `X-Edusim-Fault` header. */
function badHeaderAnswer(system: FaultSystem, message: string): SimResponse {
  if (system === 'diary') return outcomeResponse(400, 'structure', message);
  if (system === 'gateway') return json(400, { data: null, errors: [{ message, extensions: { code: 'BAD_USER_INPUT' } }] });
  return errorJson(new EsiaError('007038', message));
}

/**
 * The `onRequest` hook (after the sandbox is resolved): opens the call scope of a system
 * request, answers its trace id in `X-Edusim-Trace-Id`, and refuses a bad override header.
 */
export function callScopeHook() {
  return (request: FastifyRequest, reply: FastifyReply, done: (error?: Error) => void): void => {
    const system = systemOfPath(request.url);
    if (system === null || reply.sent) return done();
    let overrides;
    try {
      overrides = parseFaultHeader(request.headers[FAULT_HEADER], system);
    } catch (error) {
      if (!(error instanceof FaultHeaderError)) throw error;
      const answer = badHeaderAnswer(system, error.message);
      void reply.code(answer.status).headers(answer.headers).send(answer.body);
      return done();
    }
    const scope: CallScope = { traceId: traceIdFrom(request.headers['traceparent']), overrides };
    (request.raw as Tagged)[SCOPE] = scope;
    void reply.header(TRACE_ID_HEADER, scope.traceId);
    callScope.run(scope, () => done());
  };
}

/** The trace id of a system request (set by the call scope hook). */
export function traceIdOf(request: FastifyRequest): string | undefined {
  return (request.raw as Tagged)[SCOPE]?.traceId;
}

function scopeOf(request: FastifyRequest): CallScope {
  return (request.raw as Tagged)[SCOPE] ?? { traceId: traceIdFrom(undefined), overrides: [] };
}

/** A simulator's handler wrapped in the sandbox's faults and journal (and, for diaries, the legacy fault control). */
export function throughSandbox(system: Exclude<FaultSystem, 'gateway'>, core: (request: SimRequest, source: FastifyRequest) => Promise<SimResponse>) {
  return async (request: SimRequest, source: FastifyRequest): Promise<SimResponse> => {
    const sandbox = sandboxOf(source);
    const where = system === 'diary' ? diaryPath(request.path) : { region: undefined, path: request.path };
    if (system === 'diary' && where.path === '/sim/fault' && where.region !== undefined && sandbox.world.hasRegion(where.region))
      return legacyFaultControl(sandbox, where.region, request);
    const scope = scopeOf(source);
    const answer = await serveCall(
      sandbox,
      {
        system,
        ...(where.region !== undefined ? { region: where.region } : {}),
        operation: operationOf(system, request.method, where.path),
        method: request.method,
        path: where.path,
      },
      {
        caller: 'client',
        traceId: scope.traceId,
        overrides: scope.overrides,
        query: request.query.toString(),
        ...(system === 'esia' && isTokenForm(request) ? { form: request.body } : {}),
      },
      () => core(request, source),
    );
    return answer.kind === 'drop' ? { status: 0, headers: {}, body: '', drop: answer.why } : answer.response;
  };
}

/** An ESIA token call with its form: the journal keeps the form, masked (the verification kit reads it). */
function isTokenForm(request: SimRequest): request is SimRequest & { body: string } {
  return request.method === 'POST' && request.body !== undefined && operationOf('esia', request.method, request.path) === 'token';
}

/** `GET|PUT /diary/{region}/sim/fault`: the first release's diary fault, kept as one case of the sandbox's fault rules. */
function legacyFaultControl(sandbox: ReturnType<typeof sandboxOf>, region: string, request: SimRequest): SimResponse {
  if (request.method === 'GET') return json(200, sandbox.legacyDiaryFault(region));
  if (request.method !== 'PUT') return outcomeResponse(405, 'not-supported', 'use GET or PUT');
  const usage = '{"mode": "ok"|"down"|"slow"|"off-contract", "delayMs"}';
  if (!(request.headers['content-type'] ?? '').toLowerCase().startsWith('application/json'))
    return outcomeResponse(415, 'structure', `Content-Type должен быть application/json: ${usage}`);
  let body: unknown;
  try {
    body = JSON.parse(request.body ?? '');
  } catch {
    return outcomeResponse(400, 'structure', `тело должно быть JSON: ${usage}`);
  }
  const parsed = LegacyDiaryFaultSchema.safeParse(body);
  if (!parsed.success) return outcomeResponse(400, 'value', zodProblem(parsed.error, undefined, ['mode', 'delayMs (with "slow")']));
  return json(200, sandbox.setLegacyDiaryFault(region, parsed.data));
}

/** The GraphQL operation a request names (or the first one its query defines), for fault rules and the journal. */
function operationNameOf(request: FastifyRequest): string {
  const source = (request.method === 'GET' ? request.query : request.body) as { operationName?: unknown; query?: unknown } | undefined;
  const one = Array.isArray(source) ? source[0] : source;
  if (typeof one?.operationName === 'string' && one.operationName !== '') return one.operationName.slice(0, 100);
  const m = typeof one?.query === 'string' ? /^\s*(?:query|mutation)\s+([_A-Za-z][_0-9A-Za-z]*)/.exec(one.query) : null;
  return m?.[1] ?? 'anonymous';
}

/**
 * Faults and the journal around the gateway's engines (`/graphql`, `/graphql/reference`): a
 * fault is applied before the engine runs (latency, status, a dropped connection) or to its
 * answer (malformed, off-contract); the call is filed when the answer has gone.
 */
export function registerGatewayCalls(app: FastifyInstance): void {
  const isGateway = (request: FastifyRequest) => systemOfPath(request.url) === 'gateway';
  app.addHook('preHandler', async (request, reply) => {
    if (!isGateway(request) || reply.sent) return;
    const sandbox = sandboxOf(request);
    const scope = scopeOf(request);
    const path = request.url.split('?')[0] ?? '/graphql';
    const call = { system: 'gateway' as const, operation: operationNameOf(request), method: request.method, path: path.slice('/graphql'.length) || '/' };
    const query = request.method === 'GET' ? (request.url.split('?')[1] ?? '').slice(0, 2_000) : '';
    const open = beginCall(sandbox, call, { caller: 'client', traceId: scope.traceId, overrides: scope.overrides, ...(query ? { query } : {}) });
    (request.raw as Tagged)[OPEN] = open;
    const { action } = open.fired ?? {};
    if (!open.fired || action?.kind === 'malformed' || action?.kind === 'off-contract') {
      if (open.fired) open.fired.description = `${faultName(open.fired)}: ${action?.kind} body`;
      return;
    }
    // Latency, status, timeout, reset: decided here; the engine runs only after a latency.
    const answer = await answerWithFault(open.fired, call, async () => ({ status: 0, headers: {}, body: '' }), { draw: () => sandbox.faults.draw() });
    if (answer.kind === 'drop') {
      await sleep(answer.holdMs);
      open.finish(0);
      (request.raw as Tagged)[OPEN] = undefined;
      return dropConnection(request, reply, answer.why);
    }
    if (answer.response.status !== 0) return reply.code(answer.response.status).headers(answer.response.headers).send(answer.response.body);
  });
  app.addHook('onSend', async (request, _reply, payload) => {
    const open = (request.raw as Tagged)[OPEN];
    const kind = open?.fired?.action.kind;
    if (typeof payload !== 'string' || (kind !== 'malformed' && kind !== 'off-contract')) return payload;
    return kind === 'malformed' ? payload.slice(0, Math.floor(payload.length / 2)) || '{' : offContract('gateway', payload);
  });
  app.addHook('onSend', async (request, reply, payload) => {
    const open = (request.raw as Tagged)[OPEN];
    if (open) {
      (request.raw as Tagged)[OPEN] = undefined;
      open.finish(reply.statusCode, typeof payload === 'string' ? payload : undefined);
    }
    return payload;
  });
}
