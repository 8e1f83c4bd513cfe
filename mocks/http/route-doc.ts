/**
 * A route declared once, as data: what `/_edusim/openapi.json` and `/_edusim/docs` are generated
 * from, and — for routes edusim serves through Fastify (`sandbox/http/api-routes.ts`) — what
 * validates the request. The simulators (ESIA, consent, diaries) dispatch inside their cores, so
 * their tables (`mocks/<system>/routes-doc.ts`) are data only; their paths are relative to the
 * simulator's mount point and the host prefixes them.
 *
 *   routeDoc({
 *     method: 'PUT',
 *     path: '/_edusim/sandboxes/:id/clock',        // Fastify form; OpenAPI gets /_edusim/sandboxes/{id}/clock
 *     system: 'admin',                             // the tag: admin | esia | consent | diary
 *     operationId: 'setSandboxClock',              // unique in the document
 *     summary: 'Set, advance, freeze or resume the clock',
 *     params: z.object({ id: z.string() }),        // one zod object per part; each field becomes a parameter
 *     body: ClockCommandSchema,                    // bodyType 'json' (default) or 'form'
 *     responses: { 200: { description: 'The clock now', schema: ClockViewSchema }, 400: { description: 'Bad command', schema: AdminErrorSchema } },
 *     security: ['adminToken', 'sandboxSecret'],   // any one of them (control routes)
 *   });
 *
 * Request parts are described as their input (`io: 'input'`: a field with a default is optional),
 * responses as their output. Give schemas a description with `.describe()` or `.meta()`; a schema
 * with `.meta({ id: 'Name' })` becomes `#/components/schemas/Name`.
 */
import type { z } from 'zod';

/** The system a route belongs to: one tag each in the OpenAPI document, one section on the docs page. */
export type ApiSystem = 'admin' | 'esia' | 'consent' | 'diary';

export const API_SYSTEMS: readonly ApiSystem[] = ['admin', 'esia', 'consent', 'diary'];

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * How a route may be authorised (alternatives: any one will do).
 * - `adminToken`: `X-Edusim-Admin-Token` (the operator's; only when edusim runs with an admin token)
 * - `sandboxSecret`: `X-Edusim-Secret` (a sandbox's own, returned when it was created)
 * - `esiaBearer`: `Authorization: Bearer` with an ESIA access token of the sandbox
 * - `diaryBearer`: `Authorization: Bearer` with a diary's client-credentials token
 * - `diaryBasic`: HTTP Basic with a diary client's id and secret
 * - `esiaSession`: the browser session cookie set by the sandbox's ESIA login
 */
export type SecurityName = 'adminToken' | 'sandboxSecret' | 'esiaBearer' | 'diaryBearer' | 'diaryBasic' | 'esiaSession';

/** What a body is: JSON, a form (`application/x-www-form-urlencoded`), an HTML page, plain text or JSON lines. */
export type MediaKind = 'json' | 'form' | 'html' | 'text' | 'ndjson';

export const MEDIA_TYPES: Readonly<Record<MediaKind, string>> = {
  json: 'application/json',
  form: 'application/x-www-form-urlencoded',
  html: 'text/html',
  text: 'text/plain',
  ndjson: 'application/x-ndjson',
};

/** Any zod object (strict, loose or stripping): each of its fields is one parameter. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ParamsSchema = z.ZodObject<any, any>;

export interface ResponseDoc {
  readonly description: string;
  /** The body's shape; none for an empty body, a redirect or a page. */
  readonly schema?: z.ZodType;
  /** Default: `json` with a schema, `html` when said, none otherwise. */
  readonly type?: MediaKind;
  /** Response headers worth knowing: name → description (`ETag`, `Location`, `Deprecation`, …). */
  readonly headers?: Readonly<Record<string, string>>;
  /** Other forms of the same answer, chosen by `Accept` or a parameter: type → what its body holds. */
  readonly alsoAs?: Readonly<Partial<Record<MediaKind, string>>>;
}

export interface RouteDoc {
  readonly method: HttpMethod;
  /** Fastify form (`/_edusim/sandboxes/:id`); the OpenAPI document writes `{id}`. */
  readonly path: string;
  readonly system: ApiSystem;
  /** Unique across the document (camelCase). */
  readonly operationId: string;
  /** One short English line. */
  readonly summary: string;
  /** Longer text (Markdown) when the summary is not enough. */
  readonly description?: string;
  /** Path parameters: one field per `:name` in the path. */
  readonly params?: ParamsSchema;
  readonly query?: ParamsSchema;
  /** Request headers the route reads (besides the security ones). */
  readonly headers?: ParamsSchema;
  readonly body?: z.ZodType;
  /** Default `json`. */
  readonly bodyType?: MediaKind;
  /** Whether the body may be left out (default: required when declared). */
  readonly bodyOptional?: boolean;
  /** Status → what it means, and its body's shape. */
  readonly responses: Readonly<Record<number, ResponseDoc>>;
  /** Alternatives, any one of which authorises the call; none: open to anyone who reaches the port. */
  readonly security?: readonly SecurityName[];
  readonly deprecated?: boolean;
}

/** Declares a route (an identity function that checks the declaration's type and keeps its literal types). */
export function routeDoc<const D extends RouteDoc>(doc: D): D {
  return doc;
}

/** The same routes served under a mount point: `withPrefix('/esia', routes)`. */
export function withPrefix(prefix: string, routes: readonly RouteDoc[]): RouteDoc[] {
  return routes.map((route) => ({ ...route, path: `${prefix}${route.path === '/' ? '' : route.path}` }));
}

/** `/_edusim/sandboxes/:id` → `/_edusim/sandboxes/{id}`. */
export function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, '{$1}');
}

/** The names of a path's parameters, in order. */
export function pathParamNames(path: string): string[] {
  return [...path.matchAll(/:([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1] ?? '');
}
