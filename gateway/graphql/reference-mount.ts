/**
 * The reference engine's route. Its checks (limits, the operation, the role header) are light and
 * run first; @apollo/gateway and @apollo/server are loaded and started on the first request that
 * passes them (`onDemand`), so a sandbox that never uses `/graphql/reference` never pays for them
 * — or at mount, when the engine serves `/graphql` (split mode).
 */
import type { FastifyInstance } from 'fastify';
import { requestLimits } from './limits.ts';
import { operationProblem, requestOperations } from './operation.ts';
import type { ReferenceEngine, ReferenceEngineOptions } from './reference-engine.ts';
import { badRoleHeader } from './request-context.ts';

export type { ReferenceEngineOptions };

export async function mountReferenceEngine(
  app: FastifyInstance,
  options: ReferenceEngineOptions & { readonly onDemand?: boolean },
): Promise<() => Promise<void>> {
  let engine: Promise<ReferenceEngine> | null = null;
  const start = () => (engine ??= import('./reference-engine.ts').then((m) => m.createReferenceEngine(options)));
  if (!options.onDemand) await start();
  const overLimits = requestLimits();
  app.route({
    method: ['GET', 'POST'],
    url: options.path,
    handler: async (request, reply) => {
      const refused = overLimits(request.method === 'GET' ? request.query : request.body);
      if (refused) return reply.code(400).send({ errors: [refused] });
      for (const { query, operationName } of requestOperations(request.method, request.query, request.body)) {
        const problem = operationProblem(query, operationName);
        if (problem) return reply.code(400).send({ errors: [problem] });
      }
      const bad = badRoleHeader(request.headers);
      if (bad) return reply.code(400).send({ errors: [{ message: bad, extensions: { code: 'BAD_USER_INPUT' } }] });
      return (await start()).execute(request, reply);
    },
  });
  return async () => {
    if (engine) await (await engine).stop();
  };
}
