/**
 * The admin API under `/_edusim/`: sandboxes (create, list, get, reset, snapshot, restore, delete),
 * each sandbox's clock and scenarios, and the request's sandbox's world, personas, people and
 * state. The first release's `/admin/*` paths answer too, marked deprecated.
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { describeValue, parseStateDocument, personaSummaries, stateDocument, StateFileError, worldStats } from '../../seeds/index.ts';
import type { SandboxRegistry } from '../registry.ts';
import { applyScenario, SCENARIOS } from '../scenarios.ts';
import { ClockCommandSchema, parseWith, ScenarioRequestSchema, SpecError, StateSnapshotSchema, type Snapshot } from '../spec.ts';
import type { Sandbox } from '../sandbox.ts';
import { jsonBodyProblem, sendAdminError, StaleWriteError } from './admin-errors.ts';
import { sandboxOf } from './routing.ts';

type IdRequest = FastifyRequest<{ Params: { id: string } }>;

/** Runs an admin handler: JSON bodies only, known errors as 4xx naming the problem. */
function guarded<R extends FastifyRequest>(handler: (request: R, reply: FastifyReply) => Promise<unknown>) {
  return async (request: R, reply: FastifyReply) => {
    const problem = jsonBodyProblem(request.headers['content-type'], request.body);
    if (problem) return reply.code(415).send({ error: 'unsupported_media_type', message: problem });
    try {
      return await handler(request, reply);
    } catch (error) {
      return sendAdminError(reply, error);
    }
  };
}

/** Where a sandbox is reached: the path prefix form and the header form. */
function urlsOf(request: FastifyRequest, sandbox: Sandbox) {
  const origin = `${request.protocol}://${request.headers.host ?? 'localhost'}`;
  return {
    base: `${origin}/sandboxes/${sandbox.id}`,
    graphql: `${origin}/sandboxes/${sandbox.id}/graphql`,
    esia: `${origin}/sandboxes/${sandbox.id}/esia`,
    header: { 'X-Edusim-Sandbox': sandbox.id },
  };
}

export function registerAdminRoutes(app: FastifyInstance, registry: SandboxRegistry): void {
  const describe = (request: FastifyRequest, sandbox: Sandbox) => ({ ...sandbox.info(), urls: urlsOf(request, sandbox) });

  app.get('/_edusim/sandboxes', async (request) => ({
    sandboxes: registry.list().map((info) => ({ ...info, urls: urlsOf(request, { id: info.id } as Sandbox) })),
  }));
  app.post(
    '/_edusim/sandboxes',
    guarded(async (request, reply) => {
      const sandbox = await registry.create(request.body ?? {});
      // The secret is given once, here: it opens this sandbox's own controls on a server with an admin token.
      return reply
        .code(201)
        .header('location', `/_edusim/sandboxes/${sandbox.id}`)
        .send({ ...describe(request, sandbox), secret: sandbox.secret });
    }),
  );
  app.get(
    '/_edusim/sandboxes/:id',
    guarded(async (request: IdRequest) => describe(request, await registry.get(request.params.id))),
  );
  app.delete(
    '/_edusim/sandboxes/:id',
    guarded(async (request: IdRequest, reply) => {
      await registry.delete(request.params.id);
      return reply.code(204).send();
    }),
  );
  app.post(
    '/_edusim/sandboxes/:id/reset',
    guarded(async (request: IdRequest) => describe(request, await registry.reset(request.params.id))),
  );
  app.get(
    '/_edusim/sandboxes/:id/snapshot',
    guarded(async (request: IdRequest, reply) => {
      const snapshot = (await registry.get(request.params.id)).snapshot();
      return reply.header('etag', snapshotTag(snapshot)).send(snapshot);
    }),
  );
  app.put(
    '/_edusim/sandboxes/:id/snapshot',
    guarded(async (request: IdRequest) => {
      const sandbox = await registry.get(request.params.id);
      checkIfMatch(request, snapshotTag(sandbox.snapshot()), `PUT /_edusim/sandboxes/${sandbox.id}/snapshot`);
      return describe(request, await registry.restore(request.params.id, request.body));
    }),
  );

  app.get(
    '/_edusim/sandboxes/:id/clock',
    guarded(async (request: IdRequest) => (await registry.get(request.params.id)).clock.view()),
  );
  app.put(
    '/_edusim/sandboxes/:id/clock',
    guarded(async (request: IdRequest) => {
      const sandbox = await registry.get(request.params.id);
      const command = parseWith(ClockCommandSchema, request.body, `PUT /_edusim/sandboxes/${sandbox.id}/clock`);
      if (command.action === 'freeze') sandbox.clock.freeze(command.at);
      else if (command.action === 'resume') sandbox.clock.resume();
      else if (command.action === 'set') sandbox.clock.set(command.at);
      else sandbox.clock.advance(command.by);
      return sandbox.clock.view();
    }),
  );

  app.get('/_edusim/scenarios', async () => ({ scenarios: SCENARIOS.map((s) => ({ name: s.name, title: s.title, params: s.params })) }));
  app.post(
    '/_edusim/sandboxes/:id/scenarios',
    guarded(async (request: IdRequest) => {
      const sandbox = await registry.get(request.params.id);
      const { name, params } = parseWith(ScenarioRequestSchema, request.body, `POST /_edusim/sandboxes/${sandbox.id}/scenarios`);
      return applyScenario(sandbox, name, params);
    }),
  );

  // The request's own sandbox (header, path prefix or the default), under /_edusim and the deprecated /admin.
  for (const base of ['/_edusim', '/admin']) {
    const deprecated = base === '/admin';
    const mark = (reply: FastifyReply, successor: string) => {
      if (deprecated) void reply.header('deprecation', 'true').header('link', `<${successor}>; rel="successor-version"`);
    };
    app.get(`${base}/world`, async (request, reply) => {
      mark(reply, '/_edusim/world');
      const { byRegion, ...stats } = worldStats(sandboxOf(request).world, 2_000);
      return { ...stats, regions: byRegion.length };
    });
    app.get(`${base}/personas`, async (request, reply) => {
      mark(reply, '/_edusim/personas');
      return personaSummaries(sandboxOf(request).world);
    });
    app.get<{ Params: { oid: string } }>(`${base}/people/:oid`, async (request, reply) => {
      mark(reply, `/_edusim/people/${request.params.oid}`);
      const { oid } = request.params;
      if (!/^\d{1,12}$/.test(oid))
        return reply.code(400).send({ error: 'bad_request', message: `oid ${JSON.stringify(oid)} is not valid: expected digits, e.g. 1000299681` });
      const person = sandboxOf(request).world.personByOid(Number(oid));
      if (!person) return reply.code(404).send({ error: 'not_found', message: `no ESIA account with oid ${oid} in this world` });
      return person;
    });
    app.get(`${base}/state`, async (request, reply) => {
      mark(reply, '/_edusim/state');
      const sandbox = sandboxOf(request);
      const document = stateDocument(sandbox.state, stateWorld(sandbox));
      return reply.header('etag', tagOf(document.state)).send(document);
    });
    app.put(
      `${base}/state`,
      guarded(async (request, reply) => {
        mark(reply, '/_edusim/state');
        const sandbox = sandboxOf(request);
        const where = `PUT ${base}/state`;
        checkIfMatch(request, tagOf(sandbox.state.snapshot()), where);
        let document;
        try {
          document = parseStateDocument(request.body, where);
        } catch (error) {
          if (error instanceof StateFileError) throw new SpecError(error.message);
          throw error;
        }
        const world = stateWorld(sandbox);
        const theirs = document.world as Partial<typeof world>;
        if (theirs.seed !== world.seed || theirs.scale !== world.scale || (theirs.region ?? null) !== world.region || theirs.asOf !== world.asOf)
          throw new SpecError(
            `${where}: the document is of another world (seed ${describeValue(theirs.seed, { quote: false })}, ${describeValue(theirs.scale, { quote: false })}, region ${describeValue(theirs.region, { quote: false })}, ${describeValue(theirs.asOf, { quote: false })}); this sandbox's world is seed ${world.seed}, ${world.scale}, region ${world.region ?? 'all'}, ${world.asOf}`,
          );
        const state = parseWith(StateSnapshotSchema, document.state, `${where}: state`);
        sandbox.state.restore(state);
        const saved = stateDocument(sandbox.state, world);
        return reply.header('etag', tagOf(saved.state)).send(saved);
      }),
    );
  }
}

/** A strong validator of a document's content (what `If-Match` must repeat). */
function tagOf(value: unknown): string {
  return `"${createHash('sha256').update(JSON.stringify(value)).digest('base64url').slice(0, 22)}"`;
}

/** A snapshot's validator: its content, without the time it was taken or a running clock's reading. */
function snapshotTag(snapshot: Snapshot): string {
  const clock = snapshot.clock.mode === 'frozen' ? snapshot.clock.now : 'running';
  return tagOf([snapshot.state, snapshot.clients, snapshot.faults, clock]);
}

/** With `If-Match`, a PUT goes ahead only on the version it names: a stale writer gets 412 and changes nothing. */
function checkIfMatch(request: FastifyRequest, current: string, where: string): void {
  const header = request.headers['if-match'];
  if (header === undefined || header === '*') return;
  const tags = header.split(',').map((t) => t.trim().replace(/^W\//, ''));
  if (!tags.includes(current)) throw new StaleWriteError(`${where}: If-Match ${header} is not the current version (${current}); read it again, then retry`);
}

function stateWorld(sandbox: Sandbox) {
  const o = sandbox.world.options;
  return { seed: o.seed, scale: o.scale, region: o.region, asOf: o.asOf };
}
