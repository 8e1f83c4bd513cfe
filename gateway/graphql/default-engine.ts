/**
 * The default engine: every subgraph's resolvers composed into one executable schema and run
 * in-process by Mercurius (with its JIT) — no query planner, no network hop between subgraphs.
 * The same resolvers run as separate Federation 2 subgraphs behind @apollo/gateway (reference
 * engine, split mode); the flow contract suite holds both to the same answers.
 */
import type { FastifyInstance } from 'fastify';
import mercurius from 'mercurius';
import { edusimError, wholeSchema, type RequestContext } from '../../schema/index.ts';
import { serializeAsGraphqlJs } from './graphql-json.ts';
import { enforceLimits, limitsRule } from './limits.ts';
import { operationProblem, requestOperations } from './operation.ts';
import { badRoleHeader, buildRequestContext, type TargetOf } from './request-context.ts';

export interface EngineOptions {
  /** The sandbox a request is served by (one engine serves every sandbox: the schema is shared, the services are not). */
  readonly targetOf: TargetOf;
  readonly path?: string;
}

export async function mountDefaultEngine(app: FastifyInstance, options: EngineOptions): Promise<void> {
  const path = options.path ?? '/graphql';
  // An unknown operationName or a subscription is the client's error (Mercurius would answer 200 with a TypeError).
  app.addHook('preHandler', async (request, reply) => {
    if (request.routeOptions.url !== path) return;
    // An empty operationName means none (GraphQL over HTTP); Mercurius would look for an operation named "".
    for (const params of [request.query, request.body].flat())
      if (typeof params === 'object' && params !== null && (params as Record<string, unknown>)['operationName'] === '')
        delete (params as Record<string, unknown>)['operationName'];
    for (const { query, operationName } of requestOperations(request.method, request.query, request.body)) {
      const problem = operationProblem(query, operationName);
      if (problem) return reply.code(400).send({ data: null, errors: [{ message: problem.message, extensions: problem.extensions }] });
    }
  });
  // Its own scope, so that its answers are written as graphql-js gives them (graphql-json.ts) and no other route's are.
  await app.register(async (scope: FastifyInstance) => {
    serializeAsGraphqlJs(scope);
    await scope.register(mercurius as unknown as Parameters<FastifyInstance['register']>[0], {
      schema: wholeSchema(),
      path,
      jit: 1,
      graphiql: false,
      validationRules: [limitsRule()],
      context: async (request: { headers: Record<string, string | string[] | undefined> }) => {
        const bad = badRoleHeader(request.headers);
        const context = await buildRequestContext(request.headers, options.targetOf(request));
        return bad ? { ...context, badRole: bad } : context;
      },
    });
    const graphql = (scope as unknown as { graphql: { addHook: (name: string, hook: (...args: never[]) => Promise<void>) => void } }).graphql;
    enforceLimits(graphql);
    graphql.addHook('preExecution', (async (_schema: unknown, _document: unknown, context: RequestContext & { badRole?: string }) => {
      if (context.badRole) throw edusimError('BAD_USER_INPUT', context.badRole);
    }) as never);
    graphql.addHook('onResolution', (async (execution: { extensions?: Record<string, unknown> }, context: RequestContext) => {
      if (context.trace) execution.extensions = { ...execution.extensions, trace: context.trace };
    }) as never);
  });
}
