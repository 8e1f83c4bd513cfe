/**
 * The OpenAPI 3.1 document of edusim's REST surfaces — the admin API, ESIA, the consent platform,
 * the regional diaries — generated from their route declarations (`api-routes.ts`, and the
 * simulators' tables in `mocks/<system>/routes-doc.ts`), never written by hand.
 *
 * Schemas are zod converted with `z.toJSONSchema` to JSON Schema draft 2020-12 (what OpenAPI 3.1's
 * Schema Object is): request parts as their input (a field with a default is optional), responses
 * as their output. A schema named with `.meta({ id })` becomes `#/components/schemas/<id>` (its
 * input form `<id>Input` where the two differ). Types JSON Schema cannot say (dates, bigints,
 * functions…) make generation throw, so a declaration that cannot be described fails its test.
 */
import { createRequire } from 'node:module';
import { z } from 'zod';
import { API_SYSTEMS, openApiPath, type ApiSystem, type ParamsSchema, type RouteDoc, type SecurityName } from './api-routes.ts';
import { MEDIA_TYPES, type MediaKind, type ResponseDoc } from '../../mocks/index.ts';
import { AdminErrorSchema } from './admin-schemas.ts';

export type JsonSchema = { [key: string]: unknown };

export interface OpenApiOperation {
  readonly tags: readonly string[];
  readonly operationId: string;
  readonly summary: string;
  readonly description?: string;
  readonly deprecated?: boolean;
  readonly parameters?: readonly JsonSchema[];
  readonly requestBody?: JsonSchema;
  readonly responses: Readonly<Record<string, JsonSchema>>;
  readonly security?: readonly Readonly<Record<string, readonly string[]>>[];
}

export interface OpenApiDocument {
  readonly openapi: '3.1.0';
  readonly jsonSchemaDialect: string;
  readonly info: { readonly title: string; readonly version: string; readonly description: string };
  readonly servers: readonly JsonSchema[];
  readonly tags: readonly { readonly name: ApiSystem; readonly description: string }[];
  readonly paths: Readonly<Record<string, Readonly<Record<string, OpenApiOperation>>>>;
  readonly components: {
    readonly schemas: Readonly<Record<string, JsonSchema>>;
    readonly parameters: Readonly<Record<string, JsonSchema>>;
    readonly securitySchemes: Readonly<Record<SecurityName, JsonSchema>>;
  };
}

export const SYSTEM_DESCRIPTIONS: Readonly<Record<ApiSystem, string>> = {
  admin: 'edusim itself: sandboxes, their clocks and scenarios, the world, its people and state (`/_edusim`)',
  esia: 'ЕСИА (Госуслуги login) as edusim simulates it (`/esia`): OAuth 2.0 with ESIA signatures, person REST, keys, and edusim controls under `/sim`',
  consent: 'The consent platform (`/consent`): consents to process personal data, over REST and as a page',
  diary: 'Regional electronic diaries on the federal contract (`/diary/{region}`), and their edusim fault switch',
};

const SECURITY_SCHEMES: Readonly<Record<SecurityName, JsonSchema>> = {
  adminToken: {
    type: 'apiKey',
    in: 'header',
    name: 'X-Edusim-Admin-Token',
    description: "The operator's token. Needed only when edusim runs with --admin-token (EDUSIM_ADMIN_TOKEN); without one the controls are open.",
  },
  sandboxSecret: {
    type: 'apiKey',
    in: 'header',
    name: 'X-Edusim-Secret',
    description: "A sandbox's own secret, returned once by POST /_edusim/sandboxes: it opens that sandbox's controls and no other's.",
  },
  esiaBearer: {
    type: 'http',
    scheme: 'bearer',
    bearerFormat: 'JWT',
    description: "An access token of the sandbox's ESIA (tokens are bound to their sandbox).",
  },
  diaryBearer: { type: 'http', scheme: 'bearer', description: "A token from the region's diary POST /token (client credentials)." },
  diaryBasic: { type: 'http', scheme: 'basic', description: "A diary client's id and secret (or client_id/client_secret in the form)." },
  esiaSession: {
    type: 'apiKey',
    in: 'cookie',
    name: 'edusim_esia_default',
    description: "The browser session set by a login through the sandbox's ESIA (cookie `edusim_esia_<sandbox>`).",
  },
};

/** Paths that belong to the host, not to a sandbox: no sandbox header there. */
const HOST_PATHS = /^\/(health|_edusim\/sandboxes|_edusim\/scenarios|_edusim\/openapi\.json|_edusim\/docs)(\/|$)/;

const IN: Readonly<Record<'params' | 'query' | 'headers', string>> = { params: 'path', query: 'query', headers: 'header' };

function packageVersion(): string {
  try {
    // By the package's own name (package.json "exports"): the same file from the sources and from dist/.
    return (createRequire(import.meta.url)('edusim/package.json') as { version?: string }).version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

type Io = 'input' | 'output';
const INPUT_MARK = '\u0000input';

/** Converts zod schemas, gathering the named ones for `components.schemas`. */
class SchemaSet {
  readonly #named: Record<Io, Map<string, JsonSchema>> = { input: new Map(), output: new Map() };
  #anonymous = 0;

  convert(schema: z.ZodType, io: Io, where: string): JsonSchema {
    let json: JsonSchema;
    try {
      json = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'throw', cycles: 'ref', reused: 'inline' }) as JsonSchema;
    } catch (error) {
      throw new Error(`[edusim] ${where}: the schema cannot be described in JSON Schema (${(error as Error).message})`, { cause: error });
    }
    const { $defs, ...rest } = json;
    delete rest['$schema'];
    const renames = new Map<string, string>();
    for (const name of Object.keys(($defs ?? {}) as JsonSchema)) renames.set(name, name.startsWith('__') ? `Anonymous${++this.#anonymous}` : name);
    const rewrite = (value: unknown): unknown => {
      if (Array.isArray(value)) return value.map(rewrite);
      if (typeof value !== 'object' || value === null) return value;
      return Object.fromEntries(
        Object.entries(value).map(([key, inner]) => {
          if (key === '$ref' && typeof inner === 'string' && inner.startsWith('#/$defs/')) {
            const name = renames.get(inner.slice('#/$defs/'.length)) ?? inner;
            return [key, `#/components/schemas/${name}${io === 'input' ? INPUT_MARK : ''}`];
          }
          return [key, rewrite(inner)];
        }),
      );
    };
    for (const [name, def] of Object.entries(($defs ?? {}) as Record<string, JsonSchema>)) {
      const target = renames.get(name) ?? name;
      const converted = rewrite(def) as JsonSchema;
      const seen = this.#named[io].get(target);
      if (seen && JSON.stringify(seen) !== JSON.stringify(converted))
        throw new Error(`[edusim] ${where}: two different schemas are named ${target} (.meta({ id })); name them apart`);
      this.#named[io].set(target, converted);
    }
    return rewrite(rest) as JsonSchema;
  }

  /** `components.schemas`, and how an input schema's name is written (`<id>Input` where it differs from the output). */
  finish(): { schemas: Record<string, JsonSchema>; inputName: (name: string) => string } {
    const output = this.#named.output;
    const inputName = (name: string) => {
      const out = output.get(name);
      const inp = this.#named.input.get(name);
      return out === undefined || JSON.stringify(out) === JSON.stringify(inp) ? name : `${name}Input`;
    };
    const schemas: Record<string, JsonSchema> = {};
    for (const [name, schema] of output) schemas[name] = schema;
    for (const [name, schema] of this.#named.input) schemas[inputName(name)] = schema;
    return { schemas: Object.fromEntries(Object.entries(schemas).sort(([a], [b]) => a.localeCompare(b))), inputName };
  }
}

function parametersOf(route: RouteDoc, set: SchemaSet): JsonSchema[] {
  const parameters: JsonSchema[] = [];
  for (const part of ['params', 'query', 'headers'] as const) {
    const schema: ParamsSchema | undefined = route[part];
    if (!schema) continue;
    const json = set.convert(schema, 'input', `${route.method} ${route.path} ${part}`);
    const properties = (json['properties'] ?? {}) as Record<string, JsonSchema>;
    const required = new Set((json['required'] ?? []) as string[]);
    for (const [name, property] of Object.entries(properties)) {
      const { description, ...rest } = property;
      parameters.push({
        name,
        in: IN[part],
        required: part === 'params' || required.has(name),
        ...(typeof description === 'string' ? { description } : {}),
        schema: rest,
      });
    }
  }
  if (!HOST_PATHS.test(route.path)) parameters.push({ $ref: '#/components/parameters/Sandbox' });
  return parameters;
}

/**
 * Answers edusim's HTTP layer gives any route, whatever its handler declares: 413 for a body over
 * 1 MiB (app.ts), 401 from the control guard on admin routes (control.ts).
 */
function answersOfTheHttpLayer(route: RouteDoc): Record<number, ResponseDoc> {
  const answers: Record<number, ResponseDoc> = {};
  if (route.body) answers[413] = { description: 'The body is larger than 1 MiB, the most edusim accepts', schema: AdminErrorSchema };
  if (route.security?.some((name) => name === 'adminToken' || name === 'sandboxSecret'))
    answers[401] = {
      description: "Neither the operator's token nor the sandbox's secret was given (edusim runs with --admin-token)",
      schema: AdminErrorSchema,
    };
  return answers;
}

function alternativesOf(answer: ResponseDoc): Record<string, JsonSchema> {
  return Object.fromEntries(
    Object.entries(answer.alsoAs ?? {}).map(([kind, description]) => [MEDIA_TYPES[kind as MediaKind], { schema: { type: 'string', description } }]),
  );
}

function operationOf(route: RouteDoc, set: SchemaSet): OpenApiOperation {
  const where = `${route.method} ${route.path}`;
  const responses: Record<string, JsonSchema> = {};
  for (const [status, answer] of Object.entries({ ...answersOfTheHttpLayer(route), ...route.responses })) {
    const type = answer.type ?? (answer.schema ? 'json' : undefined);
    const headers = answer.headers
      ? Object.fromEntries(Object.entries(answer.headers).map(([name, description]) => [name, { description, schema: { type: 'string' } }]))
      : undefined;
    responses[status] = {
      description: answer.description,
      ...(headers ? { headers } : {}),
      ...(type
        ? {
            content: {
              [MEDIA_TYPES[type]]: { schema: answer.schema ? set.convert(answer.schema, 'output', `${where} → ${status}`) : { type: 'string' } },
              ...alternativesOf(answer),
            },
          }
        : {}),
    };
  }
  const parameters = parametersOf(route, set);
  return {
    tags: [route.system],
    operationId: route.operationId,
    summary: route.summary,
    ...(route.description ? { description: route.description } : {}),
    ...(route.deprecated ? { deprecated: true } : {}),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(route.body
      ? {
          requestBody: {
            required: route.bodyOptional !== true,
            content: { [MEDIA_TYPES[route.bodyType ?? 'json']]: { schema: set.convert(route.body, 'input', `${where} body`) } },
          },
        }
      : {}),
    responses,
    ...(route.security && route.security.length > 0 ? { security: route.security.map((name) => ({ [name]: [] })) } : {}),
  };
}

/** Puts the final names of input schemas into every `$ref`. */
function resolveMarks<T>(value: T, inputName: (name: string) => string): T {
  if (Array.isArray(value)) return value.map((v: unknown) => resolveMarks(v, inputName)) as T;
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [
      key,
      key === '$ref' && typeof inner === 'string' && inner.endsWith(INPUT_MARK)
        ? `#/components/schemas/${inputName(inner.slice('#/components/schemas/'.length, -INPUT_MARK.length))}`
        : resolveMarks(inner, inputName),
    ]),
  ) as T;
}

/**
 * The document for these routes, served from `origin` (e.g. `http://localhost:4000`). Throws when
 * two routes share an operationId or a method and path, or a schema cannot be described.
 */
export function openApiDocument(routes: readonly RouteDoc[], origin: string): OpenApiDocument {
  const set = new SchemaSet();
  const paths: Record<string, Record<string, OpenApiOperation>> = {};
  const ids = new Set<string>();
  const ordered = [...routes].sort((a, b) => API_SYSTEMS.indexOf(a.system) - API_SYSTEMS.indexOf(b.system));
  for (const route of ordered) {
    if (ids.has(route.operationId)) throw new Error(`[edusim] operationId ${route.operationId} is declared twice`);
    ids.add(route.operationId);
    const path = openApiPath(route.path);
    const method = route.method.toLowerCase();
    const item = (paths[path] ??= {});
    if (item[method]) throw new Error(`[edusim] ${route.method} ${path} is declared twice`);
    item[method] = operationOf(route, set);
  }
  const { schemas, inputName } = set.finish();
  return resolveMarks(
    {
      openapi: '3.1.0',
      jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
      info: {
        title: 'edusim',
        version: packageVersion(),
        description: [
          "The REST surfaces of edusim, a sandbox of Russia's digital school platform, generated from the route declarations.",
          '',
          'Every path serves the default sandbox, or the one the request names: the header `X-Edusim-Sandbox: <id>`, or the path prefix `/sandboxes/<id>` in front of any path (the second server). Links a sandbox writes use the form the request came in with.',
          '',
          'The GraphQL gateway («Моя школа», `POST /graphql`) is described by its own schema, not here.',
        ].join('\n'),
      },
      servers: [
        { url: origin, description: 'This edusim: the default sandbox, or the one X-Edusim-Sandbox names' },
        {
          url: `${origin}/sandboxes/{sandbox}`,
          description: 'One sandbox by path prefix, for clients that cannot set headers (an ESIA client, a browser, a diary callback)',
          variables: { sandbox: { default: 'default', description: 'The sandbox id' } },
        },
      ],
      tags: API_SYSTEMS.map((name) => ({ name, description: SYSTEM_DESCRIPTIONS[name] })),
      paths,
      components: {
        schemas,
        parameters: {
          Sandbox: {
            name: 'X-Edusim-Sandbox',
            in: 'header',
            required: false,
            description:
              'The sandbox the request is for (default: `default`); an unknown id is 404 saying how to create one. The path prefix `/sandboxes/<id>` does the same.',
            schema: { type: 'string' },
          },
        },
        securitySchemes: SECURITY_SCHEMES,
      },
    } satisfies OpenApiDocument,
    inputName,
  );
}
