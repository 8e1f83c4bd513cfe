/**
 * The reference engine: the supergraph under @apollo/gateway on @apollo/server — proof that a
 * vendor's own Federation 2 subgraph works. Embedded, it reaches the subgraphs in-process
 * (LocalGraphQLDataSource, the gateway's context passed through); in split mode over HTTP,
 * forwarding the verified viewer in headers and collecting each subgraph's trace.
 */
import { ApolloGateway, LocalGraphQLDataSource, RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { ApolloServer, HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import {
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { GraphQLError } from 'graphql';
import { subgraphSchema, supergraphSdl, type RequestContext, type SubgraphName, type TraceStep } from '../../schema/index.ts';
import { limitsRule } from './limits.ts';
import { buildRequestContext, type TargetOf } from './request-context.ts';
import { FORWARD_ISSUED_AT, FORWARD_SIGNATURE, forwardIssuedAt, signForward, VIEWER_HEADERS } from '../split/forwarding.ts';

class ForwardingDataSource extends RemoteGraphQLDataSource<RequestContext> {
  constructor(
    config: ConstructorParameters<typeof RemoteGraphQLDataSource<RequestContext>>[0],
    readonly forwardSecret: string,
  ) {
    super(config);
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<RequestContext>): void {
    const ctx = context as RequestContext;
    if (!request.http) return;
    if (ctx.viewer) {
      request.http.headers.set(VIEWER_HEADERS.oid, String(ctx.viewer.oid));
      request.http.headers.set(VIEWER_HEADERS.client, ctx.viewer.clientId);
    } else if (ctx.authError) {
      request.http.headers.set(VIEWER_HEADERS.authError, encodeURIComponent(ctx.authError));
    }
    if (ctx.role) request.http.headers.set(VIEWER_HEADERS.role, ctx.role);
    if (ctx.trace) request.http.headers.set(VIEWER_HEADERS.trace, '1');
    request.http.headers.set(VIEWER_HEADERS.sandbox, ctx.services.sandbox);
    request.http.headers.set(VIEWER_HEADERS.baseUrl, ctx.baseUrl);
    if (ctx.traceId) request.http.headers.set(VIEWER_HEADERS.traceId, ctx.traceId);
    const headers = request.http.headers;
    headers.set(FORWARD_ISSUED_AT, forwardIssuedAt());
    headers.set(
      FORWARD_SIGNATURE,
      signForward(this.forwardSecret, (name) => headers.get(name) ?? undefined),
    );
  }

  override async didReceiveResponse({ response, context }: Parameters<NonNullable<RemoteGraphQLDataSource['didReceiveResponse']>>[0]) {
    const ctx = context as unknown as RequestContext;
    const steps = (response as { extensions?: { trace?: TraceStep[] } }).extensions?.trace;
    if (ctx.trace && Array.isArray(steps)) {
      // Several subgraphs check the same consent: keep each step once.
      for (const step of steps) if (!ctx.trace.some((s) => s.step === step.step && s.detail === step.detail)) ctx.trace.push(step);
    }
    return response;
  }

  /** A subgraph's 4xx carries GraphQL errors (bad variables…): pass the first one on, not "400: Bad Request". */
  override async errorFromResponse(response: Parameters<RemoteGraphQLDataSource['errorFromResponse']>[0]): Promise<GraphQLError> {
    const body = (await response
      .clone()
      .json()
      .catch(() => null)) as { errors?: { message: string; extensions?: Record<string, unknown> }[] } | null;
    const first = body?.errors?.[0];
    if (!first) return super.errorFromResponse(response);
    return new GraphQLError(first.message, { extensions: { code: 'BAD_USER_INPUT', ...first.extensions } });
  }
}

export interface ReferenceEngineOptions {
  readonly targetOf: TargetOf;
  readonly path: string;
  /** Subgraph name → URL for split mode; in-process when absent. */
  readonly subgraphUrls?: Readonly<Record<SubgraphName, string>>;
  /** Split mode: the secret the forwarded identity is signed with (the subgraph services hold it too). */
  readonly forwardSecret?: string;
}

const tracePlugin: ApolloServerPlugin<RequestContext> = {
  async requestDidStart() {
    return {
      async willSendResponse({ response, contextValue }) {
        if (response.body.kind === 'single' && contextValue.trace) {
          response.body.singleResult.extensions = { ...response.body.singleResult.extensions, trace: contextValue.trace };
        }
      },
    };
  },
};

/**
 * @apollo/gateway's constructor starts an OpenTelemetry exporter that reports to Apollo and probes
 * cloud metadata addresses (AWS, GCP, Azure, Alibaba) unless APOLLO_TELEMETRY_DISABLED is set when
 * it runs; it reads the variable only there, so it is set for the call and put back.
 */
function offline<T>(make: () => T): T {
  const before = process.env['APOLLO_TELEMETRY_DISABLED'];
  process.env['APOLLO_TELEMETRY_DISABLED'] = 'true';
  try {
    return make();
  } finally {
    if (before === undefined) delete process.env['APOLLO_TELEMETRY_DISABLED'];
    else process.env['APOLLO_TELEMETRY_DISABLED'] = before;
  }
}

/** A started reference engine: answers one checked request (limits, operation, role header already checked). */
export interface ReferenceEngine {
  execute(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply>;
  stop(): Promise<void>;
}

export async function createReferenceEngine(options: ReferenceEngineOptions): Promise<ReferenceEngine> {
  const urls = options.subgraphUrls;
  const gateway = offline(
    () =>
      new ApolloGateway({
        supergraphSdl: supergraphSdl(),
        buildService: ({ name }) =>
          urls
            ? new ForwardingDataSource({ url: urls[name as SubgraphName] }, options.forwardSecret ?? '')
            : new LocalGraphQLDataSource(subgraphSchema(name as SubgraphName)),
      }),
  );
  const server = new ApolloServer<RequestContext>({
    gateway,
    // Never call out: no usage or schema reports to Apollo, no landing page loaded from its CDN.
    plugins: [tracePlugin, ApolloServerPluginUsageReportingDisabled(), ApolloServerPluginSchemaReportingDisabled(), ApolloServerPluginLandingPageDisabled()],
    validationRules: [limitsRule()],
    includeStacktraceInErrorResponses: false,
  });
  await server.start();
  return {
    async execute(request, reply) {
      const headers = new HeaderMap();
      for (const [key, value] of Object.entries(request.headers)) if (typeof value === 'string') headers.set(key, value);
      // An empty operationName means none (GraphQL over HTTP); Apollo would take it for a name.
      const search = new URLSearchParams(request.url.includes('?') ? request.url.slice(request.url.indexOf('?') + 1) : '');
      if (search.get('operationName') === '') search.delete('operationName');
      const body = request.body as Record<string, unknown> | undefined;
      const cleaned =
        body && typeof body === 'object' && !Array.isArray(body) && body['operationName'] === '' ? { ...body, operationName: undefined } : request.body;
      const result = await server.executeHTTPGraphQLRequest({
        httpGraphQLRequest: {
          method: request.method,
          headers,
          search: search.size > 0 ? `?${search.toString()}` : '',
          body: cleaned,
        },
        context: () => buildRequestContext(request.headers, options.targetOf(request)),
      });
      for (const [key, value] of result.headers) reply.header(key, value);
      reply.code(result.status ?? 200);
      if (result.body.kind === 'complete') return reply.send(result.body.string);
      let text = '';
      for await (const chunk of result.body.asyncIterator) text += chunk;
      return reply.send(text);
    },
    stop: () => server.stop(),
  };
}
