/**
 * The server side of the flow benchmark, in its own process: the embedded sandbox (default
 * engine at /graphql, @apollo/gateway at /graphql/reference) plus, for the benchmark only, the
 * limit — the same whole schema on Mercurius without the gateway's per-request token check —
 * at /graphql/limit. Prints its URL on the first line.
 */
import mercurius from 'mercurius';
import { createWorld } from '../seeds/index.ts';
import { wholeSchema, type RequestContext } from '../schema/index.ts';
import { createApp } from '../sandbox/index.ts';

const world = createWorld({ seed: 42, scale: 'demo' });
const app = await createApp({ world });
const services = app.sandbox.services;
await app.fastify.register(async (scope: typeof app.fastify) => {
  await scope.register(mercurius as unknown as Parameters<typeof scope.register>[0], {
    schema: wholeSchema(),
    path: '/graphql/limit',
    jit: 1,
    context: (request: { headers: Record<string, string | undefined> }): RequestContext => ({
      services,
      // The diary client resolves its URLs against the request's base URL, as the default engine's context does.
      baseUrl: `http://${request.headers.host ?? '127.0.0.1'}`,
      viewer: { oid: Number(request.headers['x-bench-oid']), clientId: 'EDUSIM' },
      authError: null,
      role: null,
      trace: null,
      cache: new Map(),
    }),
  });
});
await app.fastify.listen({ port: 0, host: '127.0.0.1' });
const address = app.fastify.server.address();
const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
process.stdout.write(`${url}\n`);
process.on('SIGTERM', () => void app.fastify.close().then(() => process.exit(0)));
