/**
 * The host's HTTP server: one Fastify instance serving every sandbox — health, the admin API,
 * ESIA, the consent platform, the regional diaries, the GraphQL gateway (both engines) and the
 * trainers' page. Each request is served by the sandbox it names (header or path prefix).
 */
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import {
  EsiaError,
  errorJson,
  jsonTooDeep,
  MAX_JSON_DEPTH,
  mountSimulator,
  outcomeResponse,
  prefersHtml,
  type ClientRegistration,
  type DiaryClient,
  type Profile,
} from '../../mocks/index.ts';
import { SUBGRAPHS, type SubgraphName } from '../../schema/index.ts';
import { mountDefaultEngine, mountReferenceEngine, newForwardSecret, startDiaryServer, startSubgraphServer, type GatewayTarget } from '../../gateway/index.ts';
import type { World } from '../../seeds/index.ts';
import { registerCabinet } from '../cabinet/routes.ts';
import { registerIndicatorsPage } from '../indicators-page/routes.ts';
import { notFoundPage } from '../pages/not-found.ts';
import { browserErrorPage } from '../pages/error-page.ts';
import { registerTrainerPanel } from '../trainer/routes.ts';
import { registerCallbackPage } from '../workbench/routes.ts';
import { registerApiDocs } from '../pages/api-docs.ts';
import { SandboxRegistry } from '../registry.ts';
import type { Sandbox } from '../sandbox.ts';
import { MemoryStore, type SandboxStore } from '../store.ts';
import { registerAdminRoutes } from './admin-routes.ts';
import { controlGuard } from './control.ts';
import { addressOf, baseUrlOf, rewriteSandboxUrl, sandboxOf, sandboxResolver } from './routing.ts';
import { callScopeHook, registerGatewayCalls, throughSandbox, traceIdOf } from './system-calls.ts';
import { subgraphCallRecorder } from './subgraph-calls.ts';
import { registerIndicatorRoutes } from './indicator-routes.ts';
import { registerToolkitRoutes } from './toolkit-routes.ts';

export interface AppOptions {
  /** The default sandbox's world. */
  readonly world: World;
  readonly logger?: boolean;
  /** The default sandbox's ESIA profile: strict checks client signatures, lenient does not (default). */
  readonly profile?: Profile;
  /** The default sandbox's client systems besides the demo client. */
  readonly clients?: readonly ClientRegistration[];
  readonly issuer?: string;
  /** Region code → a vendor's diary base URL (`--diary 68=https://vendor.example/api`), for every sandbox. */
  readonly vendorDiaries?: ReadonlyMap<string, string>;
  readonly diaryTimeoutMs?: number;
  /** Region code → the diary's client credentials, for every sandbox (config `diaryClients`). */
  readonly diaryClients?: Readonly<Record<string, DiaryClient>>;
  /** Run each subgraph and the diaries as separate HTTP services behind @apollo/gateway. */
  readonly split?: boolean;
  /** Split mode: the secret forwarded identity is signed with (default: a new one per process). */
  readonly forwardSecret?: string;
  /** Where sandboxes are kept (default: memory). */
  readonly store?: SandboxStore;
  readonly maxSandboxes?: number;
  /** The default sandbox's clock starts here (`{ at, frozen }`); default: the machine's time. */
  readonly clock?: { readonly at?: string; readonly frozen?: boolean };
  /** Whether the default world's date was chosen (its clock then starts on that date). */
  readonly dateChosen?: boolean;
  /** The machine's clock under every sandbox clock (tests inject one). */
  readonly machineClock?: () => number;
  /** When set, the control surface needs it (or a sandbox's own secret); see http/control.ts. */
  readonly adminToken?: string | null;
}

export interface App {
  readonly fastify: FastifyInstance;
  readonly registry: SandboxRegistry;
  /** The default sandbox. */
  readonly sandbox: Sandbox;
  /** Split mode: the separate services and where they listen. */
  readonly splitServices: readonly { readonly name: string; readonly url: string }[];
}

export async function createApp(options: AppOptions): Promise<App> {
  const { world, logger = false, split = false } = options;
  const splitServices: { name: string; url: string }[] = [];
  const app = Fastify({ logger, bodyLimit: 1 << 20, rewriteUrl: rewriteSandboxUrl });
  const startedAt = new Date().toISOString();
  const diaryService: { url: string | null } = { url: null };
  const registry = await SandboxRegistry.open({
    store: options.store ?? new MemoryStore(),
    host: {
      ...(options.issuer ? { issuer: options.issuer } : {}),
      ...(options.vendorDiaries ? { vendorDiaries: options.vendorDiaries } : {}),
      ...(options.diaryClients ? { diaryClients: options.diaryClients } : {}),
      ...(options.diaryTimeoutMs ? { diaryTimeoutMs: options.diaryTimeoutMs } : {}),
      ...(split ? { diaryServiceUrl: () => diaryService.url } : {}),
      ...(options.machineClock ? { machineClock: options.machineClock } : {}),
    },
    defaultWorld: world,
    defaultSpec: {
      seed: world.options.seed,
      scale: world.options.scale,
      ...(world.options.region ? { region: world.options.region } : {}),
      ...(options.dateChosen ? { date: world.options.asOf } : {}),
      profile: options.profile ?? 'lenient',
      clients: (options.clients ?? []) as never,
      ...(options.clock ? { clock: options.clock } : {}),
    },
    ...(options.maxSandboxes ? { maxSandboxes: options.maxSandboxes } : {}),
  });
  app.addHook('onClose', async () => registry.close());

  app.setNotFoundHandler((request, reply) => {
    // A person in a browser gets a page saying where to go; API clients keep the JSON.
    if (request.method === 'GET' && prefersHtml(request.headers.accept))
      return void reply
        .code(404)
        .type('text/html; charset=utf-8')
        .send(notFoundPage(addressOf(request).prefix, request.url));
    void reply.code(404).send({ error: 'not_found', message: `${request.method} ${request.url}: no such endpoint; see GET /health for what is served` });
  });
  app.setErrorHandler((error: { statusCode?: number; message: string }, request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (request.method === 'GET' && prefersHtml(request.headers.accept))
      return void reply
        .code(status)
        .type('text/html; charset=utf-8')
        .send(browserErrorPage(addressOf(request).prefix, status));
    const message = status === 413 ? 'the body is larger than 1 MiB, the most edusim accepts' : error.message;
    void reply
      .code(status)
      .send({ error: status === 500 ? 'server_error' : status === 413 ? 'too_large' : 'bad_request', message: status === 500 ? 'internal error' : message });
  });
  // JSON bodies: refused before parsing when they nest deeper than anything edusim accepts.
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    const text = body as string;
    if (jsonTooDeep(text)) return done(Object.assign(new Error(`the body nests deeper than ${MAX_JSON_DEPTH} levels`), { statusCode: 400 }), undefined);
    if (text === '') return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch {
      done(Object.assign(new Error('the body is not valid JSON'), { statusCode: 400 }), undefined);
    }
  });
  // Plain form posts (the trainers' page) arrive as text; the page reads them itself.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => done(null, body));
  app.addHook('onRequest', sandboxResolver(registry));
  app.addHook(
    'onRequest',
    controlGuard(options.adminToken ?? null, async (id) => (await registry.resolve(id))?.secret),
  );
  // Faults and the journal: every request to a system opens a call scope its inner calls inherit.
  app.addHook('onRequest', callScopeHook());
  registerGatewayCalls(app);

  app.get('/health', async (request) => {
    const sandbox = addressOf(request).prefix ? sandboxOf(request) : registry.default;
    const o = sandbox.world.options;
    return {
      status: 'ok',
      startedAt,
      sandboxes: registry.size,
      controls: options.adminToken ? 'admin token or sandbox secret required' : 'open',
      world: { seed: o.seed, scale: o.scale, region: o.region, asOf: o.asOf },
      services: {
        sandboxes: '/_edusim/sandboxes',
        world: '/_edusim/world',
        personas: '/_edusim/personas',
        esia: '/esia',
        jwks: '/esia/.well-known/jwks.json',
        consent: '/consent',
        diaries: '/diary/{region}',
        graphql: '/graphql',
      },
    };
  });

  registerAdminRoutes(app, registry);
  registerToolkitRoutes(app, registry);
  registerIndicatorRoutes(app, registry);
  registerTrainerPanel(app, registry);
  registerCabinet(app);
  registerIndicatorsPage(app);
  registerCallbackPage(app);
  registerApiDocs(app);

  const basePrefixOf = (request: FastifyRequest) => addressOf(request).prefix;
  await mountSimulator(app, {
    prefix: '/esia',
    basePrefixOf,
    handler: throughSandbox('esia', (request, source) => sandboxOf(source).esia.handle(request)),
    onBadBody: (message, status) => errorJson(new EsiaError('007038', message, status)),
  });
  await mountSimulator(app, {
    prefix: '/consent',
    basePrefixOf,
    handler: throughSandbox('consent', (request, source) => sandboxOf(source).consentRoutes.handle(request)),
    onBadBody: (message, status) => errorJson(new EsiaError('007038', message, status)),
  });
  await mountSimulator(app, {
    prefix: '/diary',
    basePrefixOf,
    handler: throughSandbox('diary', (request, source) => sandboxOf(source).diaries.handle(request)),
    onBadBody: (message, status) => outcomeResponse(status, 'structure', message),
  });

  const targetOf = (request: unknown): GatewayTarget => {
    const sandbox = sandboxOf(request as FastifyRequest);
    const traceId = traceIdOf(request as FastifyRequest);
    return { services: sandbox.services, verify: sandbox.verify, baseUrl: baseUrlOf(request as FastifyRequest), ...(traceId ? { traceId } : {}) };
  };
  if (split) {
    // Split mode: each subgraph and the diaries as their own HTTP service; the gateway reaches them over HTTP.
    const diaryServer = await startDiaryServer((id) => registry.live(id)?.diaries);
    diaryService.url = diaryServer.url;
    const forwardSecret = options.forwardSecret ?? newForwardSecret();
    const record = subgraphCallRecorder((id) => registry.live(id));
    const subgraphServers = await Promise.all(
      SUBGRAPHS.map((name) => startSubgraphServer(name, (id) => registry.live(id)?.services, forwardSecret, '127.0.0.1', record)),
    );
    const subgraphUrls = Object.fromEntries(SUBGRAPHS.map((name, i) => [name, subgraphServers[i]?.url ?? ''])) as Record<SubgraphName, string>;
    const stopGateway = await mountReferenceEngine(app, { targetOf, path: '/graphql', subgraphUrls, forwardSecret });
    const stopReference = await mountReferenceEngine(app, { targetOf, path: '/graphql/reference', subgraphUrls, forwardSecret });
    app.addHook('onClose', async () => {
      await Promise.all([stopGateway(), stopReference(), diaryServer.close(), ...subgraphServers.map((s) => s.close())]);
    });
    splitServices.push({ name: 'diaries', url: diaryServer.url }, ...SUBGRAPHS.map((name) => ({ name, url: subgraphUrls[name] })));
  } else {
    await mountDefaultEngine(app, { targetOf });
    const stopReference = await mountReferenceEngine(app, { targetOf, path: '/graphql/reference', onDemand: true });
    app.addHook('onClose', async () => stopReference());
  }
  return { fastify: app, registry, sandbox: registry.default, splitServices };
}
