/**
 * Routes declared once, as data, and registered from the declaration: the same zod schemas
 * validate the request and describe it in `/_edusim/openapi.json` and on `/_edusim/docs`.
 *
 * Declare a route with `defineRoute(doc, handler)` (the declaration is a `RouteDoc`, see
 * `mocks/http/route-doc.ts`: method, Fastify path, system, operationId, summary, params, query,
 * body, responses, security), then `registerRoutes(app, [routes…])` on the root Fastify instance:
 * each is served by Fastify and listed in the OpenAPI document.
 *
 *   const setClock = defineRoute(
 *     {
 *       method: 'PUT', path: '/_edusim/sandboxes/:id/clock', system: 'admin', operationId: 'setSandboxClock',
 *       summary: 'Set, advance, freeze or resume the clock',
 *       params: SandboxIdParams, body: ClockCommandSchema,
 *       responses: { 200: { description: 'The clock now', schema: ClockViewSchema }, ...ADMIN_ERRORS },
 *       security: ['adminToken', 'sandboxSecret'],
 *     },
 *     adminHandler(async (request, reply, input) => {
 *       const sandbox = await registry.get(input.params().id);   // 404 first, as before
 *       const command = input.body();                            // parsed with the declared schema, or a SpecError (400)
 *       …
 *     }),
 *   );
 *
 * Parsing is on demand (`input.params()`, `input.query()`, `input.body()`), so a handler keeps its
 * order of checks (an unknown sandbox is 404 before its bad body is 400). A failed parse throws a
 * `SpecError` naming `where` (`PUT /_edusim/sandboxes/qa-1/clock: action: …`), which
 * `adminHandler` answers as 400 `{error: "bad_request", message}` like every admin error.
 * Routes that are documented but not served by Fastify (the simulators dispatch in their cores)
 * are given to the document with `documentRoutes(app, docs)`.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { parseWith } from '../spec.ts';
import { jsonBodyProblem, sendAdminError } from './admin-errors.ts';
import type { RouteDoc } from '../../mocks/index.ts';

export type { ApiSystem, HttpMethod, MediaKind, ParamsSchema, ResponseDoc, RouteDoc, SecurityName } from '../../mocks/index.ts';
export { API_SYSTEMS, openApiPath, routeDoc, withPrefix } from '../../mocks/index.ts';

type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;

/** The request's declared parts, parsed on demand with the declared schemas. */
export interface RouteInput<D extends RouteDoc> {
  /** `METHOD /path` with the request's path parameters put in: how a failed parse names the request. */
  readonly where: string;
  params(): Parsed<D['params']>;
  query(): Parsed<D['query']>;
  /** The body parsed with the declared schema; `where` names it in the error (default: the request). */
  body(where?: string): Parsed<D['body']>;
}

export type RouteHandler<D extends RouteDoc> = (request: FastifyRequest, reply: FastifyReply, input: RouteInput<D>) => unknown;

export interface ApiRoute<D extends RouteDoc = RouteDoc> {
  readonly doc: D;
  readonly handler: RouteHandler<D>;
}

/** A route: its declaration and what answers it. */
export function defineRoute<const D extends RouteDoc>(doc: D, handler: RouteHandler<D>): ApiRoute<D> {
  return { doc, handler };
}

const declared = new WeakMap<FastifyInstance, RouteDoc[]>();

/** Adds declarations to `app`'s OpenAPI document without serving them (routes answered elsewhere). */
export function documentRoutes(app: FastifyInstance, docs: readonly RouteDoc[]): void {
  const list = declared.get(app) ?? [];
  for (const doc of docs) {
    const clash = list.find((d) => d.operationId === doc.operationId || (d.method === doc.method && d.path === doc.path));
    if (clash) throw new Error(`[edusim] route ${doc.method} ${doc.path} (${doc.operationId}) is declared twice`);
    list.push(doc);
  }
  declared.set(app, list);
}

/** Every route declared on `app` (served or documented), in declaration order. */
export function declaredRoutes(app: FastifyInstance): readonly RouteDoc[] {
  return declared.get(app) ?? [];
}

/** `PUT /_edusim/sandboxes/qa-1/clock`: the declared path with the request's parameters put in. */
function whereOf(doc: RouteDoc, params: Record<string, string>): string {
  return `${doc.method} ${doc.path.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, (_, name: string) => params[name] ?? `:${name}`)}`;
}

function inputOf<D extends RouteDoc>(doc: D, request: FastifyRequest): RouteInput<D> {
  const params = (request.params ?? {}) as Record<string, string>;
  const where = whereOf(doc, params);
  const parse = (schema: z.ZodType | undefined, value: unknown, at: string) => (schema ? parseWith(schema, value, at) : undefined);
  return {
    where,
    params: () => parse(doc.params, params, where) as Parsed<D['params']>,
    query: () => parse(doc.query, request.query ?? {}, where) as Parsed<D['query']>,
    body: (at = where) => parse(doc.body, request.body, at) as Parsed<D['body']>,
  };
}

/** Serves each route with Fastify and lists it in `app`'s OpenAPI document. Call on the root instance. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function registerRoutes(app: FastifyInstance, routes: readonly ApiRoute<any>[]): void {
  documentRoutes(
    app,
    routes.map((r) => r.doc as RouteDoc),
  );
  for (const { doc, handler } of routes) {
    app.route({ method: doc.method, url: doc.path, handler: (request, reply) => handler(request, reply, inputOf(doc, request)) });
  }
}

/**
 * The admin API's way of answering: JSON bodies only (415 otherwise), and the known errors
 * (`SpecError`, `RegistryError`, `ClockError`, `ScenarioError`, `ConsentError`, stale `If-Match`)
 * as their 4xx `{error, message}`; anything else goes to the server's 500.
 */
export function adminHandler<D extends RouteDoc>(handler: RouteHandler<D>): RouteHandler<D> {
  return async (request, reply, input) => {
    const problem = jsonBodyProblem(request.headers['content-type'], request.body);
    if (problem) return reply.code(415).send({ error: 'unsupported_media_type', message: problem });
    try {
      return await handler(request, reply, input);
    } catch (error) {
      return sendAdminError(reply, error);
    }
  };
}
