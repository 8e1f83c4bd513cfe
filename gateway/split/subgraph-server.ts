/**
 * Split mode: one subgraph as its own HTTP service (Fastify + Mercurius, Federation 2 SDL),
 * trusting the viewer and the sandbox the gateway verified and forwarded in headers only when the
 * gateway signed them (forwarding.ts). Answers are written as graphql-js writes them.
 */
import Fastify from 'fastify';
import mercurius from 'mercurius';
import { ROLES, subgraphSchema, type RequestContext, type Role, type Services, type SubgraphName } from '../../schema/index.ts';
import { decodeOrKeep } from '../sandbox-address.ts';
import { forwardRefusal, VIEWER_HEADERS } from './forwarding.ts';
import { serializeAsGraphqlJs } from '../graphql/graphql-json.ts';

export interface RunningService {
  readonly url: string;
  close(): Promise<void>;
}

/** Finds a sandbox's services by id (undefined: no such sandbox, for example deleted meanwhile). */
export type ServicesOf = (sandbox: string) => Services | undefined;

/** One request the service answered for the gateway (the host files it in the sandbox's journal). */
export interface ServedCall {
  readonly subgraph: SubgraphName;
  readonly sandbox: string;
  readonly traceId: string | undefined;
  readonly method: string;
  readonly status: number;
  readonly latencyMs: number;
}

export async function startSubgraphServer(
  name: SubgraphName,
  servicesOf: ServicesOf,
  forwardSecret: string,
  host = '127.0.0.1',
  onServed?: (call: ServedCall) => void,
): Promise<RunningService> {
  const app = Fastify();
  if (onServed)
    app.addHook('onResponse', async (request, reply) => {
      const header = (name: string) => {
        const value = request.headers[name];
        return Array.isArray(value) ? value[0] : value;
      };
      onServed({
        subgraph: name,
        sandbox: header(VIEWER_HEADERS.sandbox) ?? 'default',
        traceId: header(VIEWER_HEADERS.traceId),
        method: request.method,
        status: reply.statusCode,
        latencyMs: Math.round(reply.elapsedTime),
      });
    });
  // Only the gateway may say who the viewer is: unsigned, altered or stale identity headers are refused.
  app.addHook('onRequest', async (request, reply) => {
    const read = (header: string) => {
      const value = request.headers[header];
      return Array.isArray(value) ? value[0] : value;
    };
    const refusal = forwardRefusal(forwardSecret, read);
    if (refusal !== null) await reply.code(403).send({ errors: [{ message: refusal, extensions: { code: 'FORBIDDEN' } }] });
  });
  serializeAsGraphqlJs(app);
  await app.register(mercurius as unknown as Parameters<typeof app.register>[0], {
    schema: subgraphSchema(name),
    path: '/graphql',
    context: (request: { headers: Record<string, string | undefined> }): RequestContext => {
      const h = request.headers;
      const oid = Number(h[VIEWER_HEADERS.oid]);
      const role = (h[VIEWER_HEADERS.role] ?? '').toUpperCase();
      const sandbox = h[VIEWER_HEADERS.sandbox] ?? 'default';
      const services = servicesOf(sandbox);
      if (!services) throw new Error(`no sandbox "${sandbox}"`);
      return {
        services,
        baseUrl: h[VIEWER_HEADERS.baseUrl] ?? '',
        viewer: Number.isSafeInteger(oid) && oid > 0 ? { oid, clientId: h[VIEWER_HEADERS.client] ?? '' } : null,
        authError: h[VIEWER_HEADERS.authError] ? decodeOrKeep(h[VIEWER_HEADERS.authError] ?? '') : null,
        role: (ROLES as readonly string[]).includes(role) ? (role as Role) : null,
        trace: h[VIEWER_HEADERS.trace] === '1' ? [] : null,
        cache: new Map(),
        ...(h[VIEWER_HEADERS.traceId] ? { traceId: h[VIEWER_HEADERS.traceId] } : {}),
      };
    },
  });
  const graphql = (app as unknown as { graphql: { addHook: (hook: string, fn: never) => void } }).graphql;
  graphql.addHook('onResolution', (async (execution: { extensions?: Record<string, unknown> }, context: RequestContext) => {
    if (context.trace && context.trace.length > 0) execution.extensions = { ...execution.extensions, trace: context.trace };
  }) as never);
  await app.listen({ port: 0, host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `http://${host}:${port}/graphql`, close: () => app.close() };
}
