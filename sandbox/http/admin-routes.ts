/**
 * The admin API under `/_edusim/`: sandboxes (create, list, get, reset, snapshot, restore, delete),
 * each sandbox's clock and scenarios, and the request's sandbox's world, personas, people and
 * state. The first release's `/admin/*` paths answer too, marked deprecated.
 *
 * Each route is declared once (`defineRoute`, see `api-routes.ts`): the declaration's zod schemas
 * validate the request (through `parseWith`, so a bad field is a 400 naming it) and describe it in
 * `/_edusim/openapi.json`.
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { describeValue, parseStateDocument, personaSummaries, stateDocument, StateFileError, worldStats } from '../../seeds/index.ts';
import type { SandboxRegistry } from '../registry.ts';
import { applyScenario, SCENARIOS } from '../scenarios.ts';
import { parseWith, SpecError, type Snapshot } from '../spec.ts';
import type { Sandbox } from '../sandbox.ts';
import {
  AdminErrorSchema,
  ClockCommandBody,
  ClockViewSchema,
  CreatedSandboxSchema,
  IF_MATCH_HEADERS,
  PeopleParams,
  PersonaSummarySchema,
  PersonSchema,
  SandboxSpecBody,
  ScenarioRequestBody,
  SandboxIdParams,
  SandboxListSchema,
  SandboxViewSchema,
  ScenarioListSchema,
  ScenarioOutcomeSchema,
  SnapshotDocumentSchema,
  StateDocumentSchema,
  WorldStatsSchema,
} from './admin-schemas.ts';
import { StaleWriteError } from './admin-errors.ts';
import { adminHandler, defineRoute, registerRoutes, type ApiRoute, type ResponseDoc } from './api-routes.ts';
import { sandboxOf } from './routing.ts';

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

const error = (description: string): ResponseDoc => ({ description, schema: AdminErrorSchema });
const BAD_BODY = {
  400: error('A field is wrong: the message names it and what is accepted; nothing changed'),
  415: error('The body is not application/json'),
};
const UNKNOWN = { 404: error('No such sandbox (the message says how to create one)') };
const HOST = ['adminToken'] as const;
const OWN = ['adminToken', 'sandboxSecret'] as const;
const ETAG = { ETag: 'The version of the document, for If-Match' };

/** The admin API's routes, declared; `registerAdminRoutes` serves them. */
export function adminRoutes(registry: SandboxRegistry): ApiRoute[] {
  const describe = (request: FastifyRequest, sandbox: Sandbox) => ({ ...sandbox.info(), urls: urlsOf(request, sandbox) });
  const routes: ApiRoute[] = [
    defineRoute(
      {
        method: 'GET',
        path: '/_edusim/sandboxes',
        system: 'admin',
        operationId: 'listSandboxes',
        summary: 'List the live sandboxes',
        responses: { 200: { description: 'Every live sandbox with its URLs', schema: SandboxListSchema } },
        security: HOST,
      },
      async (request) => ({
        sandboxes: registry.list().map((info) => ({ ...info, urls: urlsOf(request, { id: info.id } as Sandbox) })),
      }),
    ),
    defineRoute(
      {
        method: 'POST',
        path: '/_edusim/sandboxes',
        system: 'admin',
        operationId: 'createSandbox',
        summary: 'Create a sandbox',
        description: 'Every field is optional. The answer carries the sandbox secret, given only here.',
        body: SandboxSpecBody,
        bodyOptional: true,
        responses: {
          201: { description: 'Created', schema: CreatedSandboxSchema, headers: { Location: 'The new sandbox: /_edusim/sandboxes/{id}' } },
          ...BAD_BODY,
          409: error('The id is taken'),
          429: error('As many sandboxes are alive as this edusim keeps (--max-sandboxes)'),
        },
        security: HOST,
      },
      adminHandler(async (request, reply) => {
        // The registry parses the body with the declared SandboxSpecSchema (the CLI and the config reach it too).
        const sandbox = await registry.create(request.body ?? {});
        // The secret is given once, here: it opens this sandbox's own controls on a server with an admin token.
        return reply
          .code(201)
          .header('location', `/_edusim/sandboxes/${sandbox.id}`)
          .send({ ...describe(request, sandbox), secret: sandbox.secret });
      }),
    ),
    defineRoute(
      {
        method: 'GET',
        path: '/_edusim/sandboxes/:id',
        system: 'admin',
        operationId: 'getSandbox',
        summary: 'Get a sandbox',
        params: SandboxIdParams,
        responses: { 200: { description: 'The sandbox', schema: SandboxViewSchema }, ...UNKNOWN },
        security: OWN,
      },
      adminHandler(async (request, _reply, input) => describe(request, await registry.get(input.params().id))),
    ),
    defineRoute(
      {
        method: 'DELETE',
        path: '/_edusim/sandboxes/:id',
        system: 'admin',
        operationId: 'deleteSandbox',
        summary: 'Delete a sandbox',
        params: SandboxIdParams,
        responses: { 204: { description: 'Deleted' }, ...UNKNOWN, 409: error('The default sandbox cannot be deleted') },
        security: OWN,
      },
      adminHandler(async (_request, reply, input) => {
        await registry.delete(input.params().id);
        return reply.code(204).send();
      }),
    ),
    defineRoute(
      {
        method: 'POST',
        path: '/_edusim/sandboxes/:id/reset',
        system: 'admin',
        operationId: 'resetSandbox',
        summary: 'Reset a sandbox to how it was created',
        description: 'State with its creation scenarios, clock, clients and first signing key; codes, sessions, faults and usage are gone.',
        params: SandboxIdParams,
        responses: { 200: { description: 'The sandbox after the reset', schema: SandboxViewSchema }, ...UNKNOWN },
        security: OWN,
      },
      adminHandler(async (request, _reply, input) => describe(request, await registry.reset(input.params().id))),
    ),
    defineRoute(
      {
        method: 'GET',
        path: '/_edusim/sandboxes/:id/snapshot',
        system: 'admin',
        operationId: 'getSandboxSnapshot',
        summary: 'Take a snapshot: state, clients, clock and faults as one document',
        params: SandboxIdParams,
        responses: { 200: { description: 'The snapshot', schema: SnapshotDocumentSchema, headers: ETAG }, ...UNKNOWN },
        security: OWN,
      },
      adminHandler(async (_request, reply, input) => {
        const snapshot = (await registry.get(input.params().id)).snapshot();
        return reply.header('etag', snapshotTag(snapshot)).send(snapshot);
      }),
    ),
    defineRoute(
      {
        method: 'PUT',
        path: '/_edusim/sandboxes/:id/snapshot',
        system: 'admin',
        operationId: 'restoreSandboxSnapshot',
        summary: 'Restore a snapshot, checked whole first',
        description: 'Format version, every field and the world are checked before anything changes.',
        params: SandboxIdParams,
        headers: IF_MATCH_HEADERS,
        body: SnapshotDocumentSchema,
        responses: {
          200: { description: 'The sandbox after the restore', schema: SandboxViewSchema },
          ...BAD_BODY,
          ...UNKNOWN,
          412: error('If-Match names a version that is no longer current'),
        },
        security: OWN,
      },
      adminHandler(async (request, _reply, input) => {
        const sandbox = await registry.get(input.params().id);
        checkIfMatch(request, snapshotTag(sandbox.snapshot()), input.where);
        // The registry parses the document with the declared SnapshotSchema, naming the sandbox.
        return describe(request, await registry.restore(sandbox.id, request.body));
      }),
    ),
    defineRoute(
      {
        method: 'GET',
        path: '/_edusim/sandboxes/:id/clock',
        system: 'admin',
        operationId: 'getSandboxClock',
        summary: "Read a sandbox's clock",
        params: SandboxIdParams,
        responses: { 200: { description: 'The clock', schema: ClockViewSchema }, ...UNKNOWN },
        security: OWN,
      },
      adminHandler(async (_request, _reply, input) => (await registry.get(input.params().id)).clock.view()),
    ),
    defineRoute(
      {
        method: 'PUT',
        path: '/_edusim/sandboxes/:id/clock',
        system: 'admin',
        operationId: 'setSandboxClock',
        summary: 'Set, advance, freeze or resume the clock',
        params: SandboxIdParams,
        body: ClockCommandBody,
        responses: { 200: { description: 'The clock now', schema: ClockViewSchema }, ...BAD_BODY, ...UNKNOWN },
        security: OWN,
      },
      adminHandler(async (_request, _reply, input) => {
        const sandbox = await registry.get(input.params().id);
        const command = input.body();
        if (command.action === 'freeze') sandbox.clock.freeze(command.at);
        else if (command.action === 'resume') sandbox.clock.resume();
        else if (command.action === 'set') sandbox.clock.set(command.at);
        else sandbox.clock.advance(command.by);
        return sandbox.clock.view();
      }),
    ),
    defineRoute(
      {
        method: 'GET',
        path: '/_edusim/scenarios',
        system: 'admin',
        operationId: 'listScenarios',
        summary: 'List the scenarios',
        responses: { 200: { description: 'Every scenario with what it takes', schema: ScenarioListSchema } },
      },
      async () => ({ scenarios: SCENARIOS.map((s) => ({ name: s.name, title: s.title, params: s.params })) }),
    ),
    defineRoute(
      {
        method: 'POST',
        path: '/_edusim/sandboxes/:id/scenarios',
        system: 'admin',
        operationId: 'applyScenario',
        summary: "Apply a scenario to a sandbox's state",
        params: SandboxIdParams,
        body: ScenarioRequestBody,
        responses: {
          200: { description: 'What the scenario did', schema: ScenarioOutcomeSchema },
          ...BAD_BODY,
          404: error('No such sandbox, scenario or persona'),
          409: error('The scenario cannot apply to this person'),
        },
        security: OWN,
      },
      adminHandler(async (_request, _reply, input) => {
        const sandbox = await registry.get(input.params().id);
        const { name, params } = input.body();
        return applyScenario(sandbox, name, params);
      }),
    ),
  ];

  // The request's own sandbox (header, path prefix or the default), under /_edusim and the deprecated /admin.
  for (const base of ['/_edusim', '/admin'] as const) {
    const deprecated = base === '/admin';
    const mark = (reply: FastifyReply, successor: string) => {
      if (deprecated) void reply.header('deprecation', 'true').header('link', `<${successor}>; rel="successor-version"`);
    };
    const old = deprecated ? { deprecated: true, description: 'Deprecated: answers with `Deprecation: true` and a `Link` to its `/_edusim` successor.' } : {};
    const id = (name: string) => (deprecated ? `${name}Deprecated` : name);
    const headers: Record<string, string> = deprecated ? { Deprecation: 'true', Link: 'The /_edusim successor' } : {};
    routes.push(
      defineRoute(
        {
          method: 'GET',
          path: `${base}/world`,
          system: 'admin',
          operationId: id('getWorld'),
          summary: "Counts of the request's sandbox's world (accounts sampled)",
          ...old,
          responses: { 200: { description: 'The counts', schema: WorldStatsSchema, headers } },
          security: OWN,
        },
        async (request, reply) => {
          mark(reply, '/_edusim/world');
          const { byRegion, ...stats } = worldStats(sandboxOf(request).world, 2_000);
          return { ...stats, regions: byRegion.length };
        },
      ),
      defineRoute(
        {
          method: 'GET',
          path: `${base}/personas`,
          system: 'admin',
          operationId: id('listPersonas'),
          summary: 'The persona catalogue with oids and SNILS',
          ...old,
          responses: {
            200: { description: 'Each persona, whom it is in this world, and the outcome it is built for', schema: z.array(PersonaSummarySchema), headers },
          },
          security: OWN,
        },
        async (request, reply) => {
          mark(reply, '/_edusim/personas');
          return personaSummaries(sandboxOf(request).world);
        },
      ),
      defineRoute(
        {
          method: 'GET',
          path: `${base}/people/:oid`,
          system: 'admin',
          operationId: id('getPerson'),
          summary: 'One ESIA account holder with registry memberships',
          ...old,
          params: PeopleParams,
          responses: {
            200: { description: 'The person', schema: PersonSchema, headers },
            400: error('The oid is not digits'),
            404: error('No ESIA account with that oid in this world'),
          },
          security: OWN,
        },
        async (request, reply) => {
          const { oid } = request.params as { oid: string };
          mark(reply, `/_edusim/people/${oid}`);
          if (!PeopleParams.safeParse({ oid }).success)
            return reply.code(400).send({ error: 'bad_request', message: `oid ${JSON.stringify(oid)} is not valid: expected digits, e.g. 1000299681` });
          const person = sandboxOf(request).world.personByOid(Number(oid));
          if (!person) return reply.code(404).send({ error: 'not_found', message: `no ESIA account with oid ${oid} in this world` });
          return person;
        },
      ),
      defineRoute(
        {
          method: 'GET',
          path: `${base}/state`,
          system: 'admin',
          operationId: id('getState'),
          summary: 'The mutable state as a versioned document',
          ...old,
          responses: { 200: { description: 'The state document', schema: StateDocumentSchema, headers: { ...ETAG, ...headers } } },
          security: OWN,
        },
        async (request, reply) => {
          mark(reply, '/_edusim/state');
          const sandbox = sandboxOf(request);
          const document = stateDocument(sandbox.state, stateWorld(sandbox));
          return reply.header('etag', tagOf(document.state)).send(document);
        },
      ),
      defineRoute(
        {
          method: 'PUT',
          path: `${base}/state`,
          system: 'admin',
          operationId: id('putState'),
          summary: 'Replace the state whole, or not at all',
          ...old,
          headers: IF_MATCH_HEADERS,
          body: StateDocumentSchema,
          responses: {
            200: { description: 'The state now', schema: StateDocumentSchema, headers: { ...ETAG, ...headers } },
            ...BAD_BODY,
            412: error('If-Match names a version that is no longer current'),
          },
          security: OWN,
        },
        adminHandler(async (request, reply, input) => {
          mark(reply, '/_edusim/state');
          const sandbox = sandboxOf(request);
          const where = input.where;
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
          // The declared document's `state` part is what checks the state.
          const state = parseWith(StateDocumentSchema.shape.state, document.state, `${where}: state`);
          sandbox.state.restore(state);
          const saved = stateDocument(sandbox.state, world);
          return reply.header('etag', tagOf(saved.state)).send(saved);
        }),
      ),
    );
  }
  return routes;
}

export function registerAdminRoutes(app: FastifyInstance, registry: SandboxRegistry): void {
  registerRoutes(app, adminRoutes(registry));
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
