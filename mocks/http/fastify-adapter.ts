/** Mounts a simulator core on a Fastify instance under a prefix: the real-server transport. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DROPPED_HEADER, json, jsonTooDeep, MAX_BODY_BYTES, MAX_JSON_DEPTH, type SimHandler, type SimRequest, type SimResponse } from './sim-http.ts';

export interface MountOptions {
  readonly prefix: string;
  /** Gets the Fastify request too (a host serving several sandboxes picks the core by it). */
  readonly handler: (request: SimRequest, source: FastifyRequest) => ReturnType<SimHandler>;
  /**
   * What stands before the mount point in the URLs the core writes (the host's sandbox prefix,
   * `/sandboxes/<id>`, when it took it off the path before routing); default none.
   */
  readonly basePrefixOf?: (source: FastifyRequest) => string;
  /** Answer for bodies Fastify refuses before the core sees them (too large, unreadable). */
  readonly onBadBody: (message: string, status: number) => SimResponse;
}

function toSimRequest(request: FastifyRequest, prefix: string, basePrefix: string): SimRequest {
  const url = new URL(request.url, `${request.protocol}://${request.headers.host ?? 'localhost'}`);
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(request.headers)) if (typeof v === 'string') headers[k.toLowerCase()] = v;
  return {
    method: request.method,
    path: url.pathname.slice(prefix.length) || '/',
    query: url.searchParams,
    headers,
    body: typeof request.body === 'string' ? request.body : undefined,
    baseUrl: `${url.origin}${basePrefix}${prefix}`,
  };
}

export async function mountSimulator(app: FastifyInstance, options: MountOptions): Promise<void> {
  await app.register(
    async (scope) => {
      scope.removeAllContentTypeParsers();
      scope.addContentTypeParser('*', { parseAs: 'string', bodyLimit: MAX_BODY_BYTES * 4 }, (_request, body, done) => done(null, body));
      scope.setErrorHandler((error: { statusCode?: number; message: string }, _request, reply) => {
        const status = error.statusCode === 413 ? 413 : 400;
        const response = options.onBadBody(status === 413 ? `the body is larger than ${MAX_BODY_BYTES / 1024} KiB` : error.message, status);
        void reply.code(response.status).headers(response.headers).send(response.body);
      });
      const route = async (request: FastifyRequest, reply: FastifyReply) => {
        if (typeof request.body === 'string' && jsonTooDeep(request.body)) {
          const refused = options.onBadBody(`the body nests deeper than ${MAX_JSON_DEPTH} levels`, 400);
          return reply.code(refused.status).headers(refused.headers).send(refused.body);
        }
        const response = await options.handler(toSimRequest(request, options.prefix, options.basePrefixOf?.(request) ?? ''), request);
        if (response.drop) return dropConnection(request, reply, response.drop);
        return reply.code(response.status).headers(response.headers).send(response.body);
      };
      scope.all('/', route);
      scope.all('/*', route);
    },
    { prefix: options.prefix },
  );
}

/**
 * Drops the connection without an answer. Under `inject` there is no socket: the answer is a 502
 * with `X-Edusim-Dropped: reset|timeout`, which an in-process transport turns into a network error.
 */
export function dropConnection(request: FastifyRequest, reply: FastifyReply, why: 'reset' | 'timeout'): FastifyReply {
  const socket = request.raw.socket as { destroy?: () => void } | undefined;
  if (typeof socket?.destroy !== 'function') return reply.code(502).header(DROPPED_HEADER, why).send('');
  reply.hijack();
  socket.destroy();
  return reply;
}

export { json };
