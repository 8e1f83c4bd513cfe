/**
 * The sandbox's HTTP server. For now it serves health and a read-only view of the seeded world;
 * the ESIA simulator, the diaries and the GraphQL gateway mount here as they land.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import {
  ConsentRoutes,
  EsiaError,
  errorJson,
  EsiaSimulator,
  mountSimulator,
  outcomeResponse,
  RegionalDiaries,
  type ClientRegistration,
  type Profile,
} from '../mocks/index.ts';
import { SUBGRAPHS, type Services, type SubgraphName } from '../schema/index.ts';
import { startDiaryServer } from './split/diary-server.ts';
import { startSubgraphServer } from './split/subgraph-server.ts';
import { mountDefaultEngine } from './graphql/default-engine.ts';
import { mountReferenceEngine } from './graphql/reference-engine.ts';
import { createServices } from './graphql/services.ts';
import { registerAccessDemo } from './pages/access-demo.ts';
import { createTokenVerifier, type TokenCheck } from './graphql/verify-token.ts';
import { parseStateDocument, personaSummaries, stateDocument, StateFileError, WorldState, worldStats, type World } from '../seeds/index.ts';

export interface AppOptions {
  readonly world: World;
  readonly logger?: boolean;
  /** ESIA profile: strict checks client signatures, lenient does not (default). */
  readonly profile?: Profile;
  readonly now?: () => Date;
  /** More ESIA client systems besides the demo client. */
  readonly clients?: readonly ClientRegistration[];
  readonly issuer?: string;
  /** Region code → a vendor's diary base URL (`--diary 68=https://vendor.example/api`). */
  readonly vendorDiaries?: ReadonlyMap<string, string>;
  readonly diaryTimeoutMs?: number;
  /** Run each subgraph and the diaries as separate HTTP services behind @apollo/gateway. */
  readonly split?: boolean;
}

export interface App {
  readonly services: Services;
  readonly verify: (authorization: string | undefined) => Promise<TokenCheck>;
  /** The sandbox's own URL, set once it listens (links in traces and CONSENT_REQUIRED). */
  readonly publicUrl: { value: string };
  /** Split mode: the separate services and where they listen. */
  readonly splitServices: readonly { readonly name: string; readonly url: string }[];
  readonly fastify: FastifyInstance;
  readonly diaries: RegionalDiaries;
  readonly esia: EsiaSimulator;
  readonly state: WorldState;
}

export async function createApp({
  world,
  logger = false,
  profile = 'lenient',
  now,
  clients = [],
  issuer,
  vendorDiaries,
  diaryTimeoutMs,
  split = false,
}: AppOptions): Promise<App> {
  const splitServices: { name: string; url: string }[] = [];
  const app = Fastify({ logger, bodyLimit: 1 << 20 });
  const startedAt = new Date().toISOString();

  app.setNotFoundHandler((request, reply) => {
    void reply.code(404).send({ error: 'not_found', message: `${request.method} ${request.url}: no such endpoint; see GET /health for what is served` });
  });
  app.setErrorHandler((error: { statusCode?: number; message: string }, _request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    void reply.code(status).send({ error: status === 500 ? 'server_error' : 'bad_request', message: status === 500 ? 'internal error' : error.message });
  });

  // Plain form posts (the trainers' page) arrive as text; the page reads them itself.
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => done(null, body));

  app.get('/health', async () => ({
    status: 'ok',
    startedAt,
    world: { seed: world.options.seed, scale: world.options.scale, region: world.options.region, asOf: world.options.asOf },
    services: {
      world: '/admin/world',
      personas: '/admin/personas',
      esia: '/esia',
      jwks: '/esia/.well-known/jwks.json',
      consent: '/consent',
      diaries: '/diary/{region}',
    },
  }));

  app.get('/admin/world', async () => {
    const { byRegion, ...stats } = worldStats(world, 2_000);
    return { ...stats, regions: byRegion.length };
  });

  app.get('/admin/personas', async () => personaSummaries(world));

  app.get<{ Params: { oid: string } }>('/admin/people/:oid', async (request, reply) => {
    const { oid } = request.params;
    if (!/^\d{1,12}$/.test(oid))
      return reply.code(400).send({ error: 'bad_request', message: `oid ${JSON.stringify(oid)} is not valid: expected digits, e.g. 1000299681` });
    const person = world.personByOid(Number(oid));
    if (!person) return reply.code(404).send({ error: 'not_found', message: `no ESIA account with oid ${oid} in this world` });
    return person;
  });

  const state = new WorldState('default');
  registerAccessDemo(app, world, state);
  const worldFacts = { seed: world.options.seed, scale: world.options.scale, region: world.options.region, asOf: world.options.asOf };

  // The mutable state as a versioned document: save it, edit it, load it back (all or nothing).
  app.get('/admin/state', async () => stateDocument(state, worldFacts));
  app.put('/admin/state', async (request, reply) => {
    try {
      const document = parseStateDocument(request.body, 'PUT /admin/state');
      state.restore(document.state);
      return stateDocument(state, worldFacts);
    } catch (error) {
      if (error instanceof StateFileError) return reply.code(400).send({ error: 'bad_request', message: error.message });
      throw error;
    }
  });
  const esia = await EsiaSimulator.create({ world, state, profile, clients, ...(issuer ? { issuer } : {}), ...(now ? { now } : {}) });
  await mountSimulator(app, {
    prefix: '/esia',
    handler: (request) => esia.handle(request),
    onBadBody: (message, status) => errorJson(new EsiaError('007038', message, status)),
  });
  const consent = new ConsentRoutes(esia.ctx.consents, (token) => esia.verifyAccess(token));
  await mountSimulator(app, {
    prefix: '/consent',
    handler: (request) => consent.handle(request),
    onBadBody: (message, status) => errorJson(new EsiaError('007038', message, status)),
  });
  const clock = now ?? (() => new Date());
  const diaries = new RegionalDiaries(world, clock);
  await mountSimulator(app, {
    prefix: '/diary',
    handler: (request) => diaries.handle(request),
    onBadBody: (message, status) => outcomeResponse(status, 'structure', message),
  });

  const publicUrl = { value: 'http://localhost:4000' };
  const diaryService: { url: string | null } = { url: null };
  const services = createServices({
    world,
    state,
    consents: esia.ctx.consents,
    diaries,
    now: clock,
    publicUrl: () => publicUrl.value,
    diaryServiceUrl: () => diaryService.url,
    ...(vendorDiaries ? { vendorDiaries } : {}),
    ...(diaryTimeoutMs ? { diaryTimeoutMs } : {}),
  });
  const verify = createTokenVerifier({
    jwks: () => esia.ctx.keys.jwks(),
    issuer: esia.ctx.issuer,
    clients: () => esia.ctx.clients.list().map((c) => c.clientId),
    now: clock,
  });
  if (split) {
    // Split mode: each subgraph and the diaries as their own HTTP service; the gateway reaches them over HTTP.
    const diaryServer = await startDiaryServer(diaries);
    diaryService.url = diaryServer.url;
    const subgraphServers = await Promise.all(SUBGRAPHS.map((name) => startSubgraphServer(name, services)));
    const subgraphUrls = Object.fromEntries(SUBGRAPHS.map((name, i) => [name, subgraphServers[i]?.url ?? ''])) as Record<SubgraphName, string>;
    const stopGateway = await mountReferenceEngine(app, { services, verify, path: '/graphql', subgraphUrls });
    const stopReference = await mountReferenceEngine(app, { services, verify, path: '/graphql/reference', subgraphUrls });
    app.addHook('onClose', async () => {
      await Promise.all([stopGateway(), stopReference(), diaryServer.close(), ...subgraphServers.map((s) => s.close())]);
    });
    splitServices.push({ name: 'diaries', url: diaryServer.url }, ...SUBGRAPHS.map((name) => ({ name, url: subgraphUrls[name] })));
  } else {
    await mountDefaultEngine(app, { services, verify });
    const stopReference = await mountReferenceEngine(app, { services, verify, path: '/graphql/reference' });
    app.addHook('onClose', async () => stopReference());
  }
  return { fastify: app, esia, state, diaries, services, verify, publicUrl, splitServices };
}
