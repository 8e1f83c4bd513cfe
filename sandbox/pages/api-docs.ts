/**
 * `GET /_edusim/openapi.json` and `GET /_edusim/docs`: the OpenAPI 3.1 document of edusim's REST
 * surfaces, generated from the route declarations, and a page rendered from that same document —
 * self-contained (no script, no external asset), so it works offline. Page chrome in Russian,
 * summaries as declared.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { declaredRoutes, defineRoute, documentRoutes, registerRoutes, withPrefix, type ApiSystem, type RouteDoc } from '../http/api-routes.ts';
import { CONSENT_ROUTES, DIARY_ROUTES, ESIA_ROUTES } from '../../mocks/index.ts';
import { openApiDocument, type JsonSchema, type OpenApiDocument, type OpenApiOperation } from '../http/openapi.ts';
import { markup, raw, type Html } from './html.ts';

/** What the host serves besides the admin API, declared for the document (answered elsewhere). */
export const HOST_ROUTES: readonly RouteDoc[] = [
  {
    method: 'GET',
    path: '/health',
    system: 'admin',
    operationId: 'health',
    summary: 'Status, the number of sandboxes and the world served',
    responses: {
      200: {
        description: 'Alive',
        schema: z.looseObject({
          status: z.literal('ok'),
          startedAt: z.string(),
          sandboxes: z.number().int(),
          controls: z.string(),
          world: z.looseObject({ seed: z.number(), scale: z.string() }),
          services: z.record(z.string(), z.string()),
        }),
      },
    },
  },
];

/** The simulators' tables at their mount points, as `app.ts` mounts them. */
export const SIMULATOR_ROUTES: readonly RouteDoc[] = [
  ...withPrefix('/esia', ESIA_ROUTES),
  ...withPrefix('/consent', CONSENT_ROUTES),
  ...withPrefix('/diary', DIARY_ROUTES),
];

const originOf = (request: FastifyRequest) => `${request.protocol}://${request.headers.host ?? 'localhost'}`;

/**
 * Serves the document and the page, and lists the simulators' routes (and `extra`) in it. Every
 * route registered on `app` with `registerRoutes` or `documentRoutes` is in the document, whenever
 * it was registered before the first request.
 */
export function registerApiDocs(app: FastifyInstance, extra: readonly RouteDoc[] = []): void {
  let cached: { count: number; origin: string; document: OpenApiDocument } | null = null;
  const documentFor = (request: FastifyRequest): OpenApiDocument => {
    const routes = declaredRoutes(app);
    const origin = originOf(request);
    if (cached?.count !== routes.length || cached.origin !== origin) cached = { count: routes.length, origin, document: openApiDocument(routes, origin) };
    return cached.document;
  };
  registerRoutes(app, [
    defineRoute(
      {
        method: 'GET',
        path: '/_edusim/openapi.json',
        system: 'admin',
        operationId: 'openApiDocument',
        summary: 'This document: OpenAPI 3.1, generated from the route declarations',
        responses: { 200: { description: 'The OpenAPI document', schema: z.record(z.string(), z.unknown()) } },
      },
      async (request, reply) => reply.header('cache-control', 'no-cache').send(documentFor(request)),
    ),
    defineRoute(
      {
        method: 'GET',
        path: '/_edusim/docs',
        system: 'admin',
        operationId: 'apiDocsPage',
        summary: 'The API described as a page (offline, rendered from the OpenAPI document)',
        responses: { 200: { description: 'The page', type: 'html' } },
      },
      async (request, reply) =>
        reply
          .type('text/html; charset=utf-8')
          .header('cache-control', 'no-cache')
          .send(renderApiDocs(documentFor(request)).text),
    ),
  ]);
  documentRoutes(app, [...HOST_ROUTES, ...SIMULATOR_ROUTES, ...extra]);
}

const SYSTEM_TITLES: Readonly<Record<ApiSystem, string>> = {
  admin: 'Управление песочницами',
  esia: 'ЕСИА (Госуслуги)',
  consent: 'Платформа согласий',
  diary: 'Региональные дневники',
};

const WHERE: Readonly<Record<string, string>> = { path: 'путь', query: 'строка запроса', header: 'заголовок', cookie: 'cookie' };

const STYLE = `body{font-family:Lato,Arial,sans-serif;background:#f5f7fa;color:#0b1f33;margin:0;line-height:1.45}
header{background:#fff;border-bottom:1px solid #e1e7f0;padding:16px 32px;font-weight:700;color:#0d4cd3}
main{max-width:1040px;margin:24px auto;padding:0 16px}h2{margin-top:40px;border-bottom:2px solid #0d4cd3;padding-bottom:4px}
.op,.schema{background:#fff;border-radius:12px;padding:12px 20px;margin:14px 0;box-shadow:0 2px 8px rgba(11,31,51,.08)}
.op h3,.schema h3{font-size:17px;margin:4px 0;font-family:monospace}.summary{font-weight:600;margin:4px 0}
.method{display:inline-block;min-width:64px;text-align:center;border-radius:6px;color:#fff;padding:1px 8px;margin-right:8px;font-size:14px}
.get{background:#0a7a3d}.post{background:#0d4cd3}.put{background:#a35a00}.patch{background:#6b4bb8}.delete{background:#c21a1a}
.deprecated{color:#c21a1a;font-weight:700}h4{margin:12px 0 4px;font-size:14px;color:#3a4a5c}
table{border-collapse:collapse;width:100%;font-size:14px}td,th{border-bottom:1px solid #e1e7f0;padding:5px 8px;text-align:left;vertical-align:top;overflow-wrap:anywhere}
code{background:#eef2f7;border-radius:4px;padding:0 4px}small,.note{color:#66727f}nav ul{columns:2}a{color:#0d4cd3}`;

/** A schema's type in a few words, with named schemas as links. */
function typeText(schema: JsonSchema | undefined): Html {
  if (!schema) return markup`любой`;
  const ref = schema['$ref'];
  if (typeof ref === 'string') {
    const name = ref.split('/').pop() ?? ref;
    return markup`<a href="#schema-${name}">${name}</a>`;
  }
  if ('const' in schema) return markup`<code>${JSON.stringify(schema['const'])}</code>`;
  if (Array.isArray(schema['enum']))
    return markup`${(schema['enum'] as unknown[]).map((v, i) => markup`${i > 0 ? ' | ' : ''}<code>${JSON.stringify(v)}</code>`)}`;
  const union = (schema['oneOf'] ?? schema['anyOf']) as JsonSchema[] | undefined;
  if (Array.isArray(union)) return markup`${union.map((v, i) => markup`${i > 0 ? ' | ' : ''}${typeText(v)}`)}`;
  const type = schema['type'];
  if (type === 'array') return markup`array&lt;${typeText(schema['items'] as JsonSchema | undefined)}&gt;`;
  if (Array.isArray(type)) return markup`${type.join(' | ')}`;
  if (typeof type === 'string') {
    const format = typeof schema['format'] === 'string' ? markup` <small>(${schema['format']})</small>` : '';
    const pattern =
      typeof schema['pattern'] === 'string' && !schema['format'] && schema['pattern'].length <= 40 ? markup` <small>${schema['pattern']}</small>` : '';
    return markup`${type}${format}${pattern}`;
  }
  return markup`любой`;
}

/** A schema as a table of its fields when it is an object, variants for a union, else its type. */
function schemaBlock(schema: JsonSchema | undefined, depth = 0): Html {
  if (!schema) return markup``;
  const properties = schema['properties'] as Record<string, JsonSchema> | undefined;
  const union = (schema['oneOf'] ?? schema['anyOf']) as JsonSchema[] | undefined;
  const description = typeof schema['description'] === 'string' ? markup`<p class="note">${schema['description']}</p>` : '';
  if (properties && depth < 3) {
    const required = new Set((schema['required'] ?? []) as string[]);
    const rows = Object.entries(properties).map(([name, property]) => {
      const items = property['items'] as JsonSchema | undefined;
      const nested = property['properties'] ? property : property['type'] === 'array' && items?.['properties'] ? items : null;
      const note = typeof property['description'] === 'string' ? property['description'] : '';
      return markup`<tr><td><code>${name}</code></td><td>${typeText(property)}${nested ? schemaBlock(nested, depth + 1) : ''}</td><td>${required.has(name) ? 'да' : 'нет'}</td><td>${note}</td></tr>`;
    });
    return markup`${description}<table><thead><tr><th>Поле</th><th>Тип</th><th>Обязательное</th><th>Описание</th></tr></thead><tbody>${rows}</tbody></table>`;
  }
  if (Array.isArray(union) && union.some((v) => v['properties']) && depth < 3)
    return markup`${description}${union.map((variant, i) => markup`<p><b>Вариант ${i + 1}</b></p>${schemaBlock(variant, depth + 1)}`)}`;
  return markup`${description}<p>Тип: ${typeText(schema)}</p>`;
}

type Content = Record<string, { schema?: JsonSchema }>;

function contentBlock(content: Content | undefined): Html {
  if (!content) return markup``;
  return markup`${Object.entries(content).map(([type, { schema }]) => markup`<p><small>${type}</small></p>${schema && type !== 'text/html' ? schemaBlock(schema) : ''}`)}`;
}

function responseContent(content: Content | undefined): Html | string {
  if (!content) return '—';
  return markup`${Object.entries(content).map(([type, { schema }]) => {
    const shape = !schema || type === 'text/html' ? '' : schema['properties'] || schema['oneOf'] ? schemaBlock(schema, 1) : typeText(schema);
    return markup`<small>${type}</small> ${shape}`;
  })}`;
}

function parameterTable(parameters: readonly JsonSchema[]): Html | string {
  if (parameters.length === 0) return '';
  const rows = parameters.map((p) => {
    const note = typeof p['description'] === 'string' ? p['description'] : '';
    return markup`<tr><td><code>${String(p['name'])}</code></td><td>${WHERE[String(p['in'])] ?? String(p['in'])}</td><td>${p['required'] ? 'да' : 'нет'}</td><td>${typeText(p['schema'] as JsonSchema)}</td><td>${note}</td></tr>`;
  });
  return markup`<h4>Параметры</h4><table><thead><tr><th>Имя</th><th>Где</th><th>Обязательный</th><th>Тип</th><th>Описание</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function operationBlock(path: string, method: string, operation: OpenApiOperation): Html {
  const parameters = (operation.parameters ?? []).filter((p) => !('$ref' in p));
  const shared = (operation.parameters ?? []).some((p) => '$ref' in p);
  const body = operation.requestBody as { required?: boolean; content?: Content } | undefined;
  const security = operation.security
    ? operation.security.map((s, i) => markup`${i > 0 ? ' или ' : ''}<a href="#security">${Object.keys(s).join(', ')}</a>`)
    : 'не нужна';
  const sandbox = shared ? markup` · песочница: заголовок <code>X-Edusim-Sandbox</code> или префикс <code>/sandboxes/{sandbox}</code>` : '';
  const responses = Object.entries(operation.responses).map(
    ([status, response]) =>
      markup`<tr><td><b>${status}</b></td><td>${String(response['description'] ?? '')}</td><td>${responseContent(response['content'] as Content | undefined)}</td></tr>`,
  );
  return markup`<section class="op" id="op-${operation.operationId}">
<h3><span class="method ${method}">${method.toUpperCase()}</span>${path}</h3>
<p class="summary">${operation.summary}</p>${operation.deprecated ? markup`<p class="deprecated">Устарело</p>` : ''}${operation.description ? markup`<p>${operation.description}</p>` : ''}
<p><small>Авторизация: ${security}${sandbox}</small></p>
${parameterTable(parameters)}
${body ? markup`<h4>Тело запроса${body.required ? '' : ' (необязательно)'}</h4>${contentBlock(body.content)}` : ''}
<h4>Ответы</h4><table><thead><tr><th>Код</th><th>Описание</th><th>Содержимое</th></tr></thead><tbody>${responses}</tbody></table>
</section>`;
}

/** The page for a document. */
export function renderApiDocs(document: OpenApiDocument): Html {
  const bySystem = new Map<string, { path: string; method: string; operation: OpenApiOperation }[]>();
  for (const [path, item] of Object.entries(document.paths))
    for (const [method, operation] of Object.entries(item)) {
      const tag = operation.tags[0] ?? 'admin';
      bySystem.set(tag, [...(bySystem.get(tag) ?? []), { path, method, operation }]);
    }
  const count = [...bySystem.values()].reduce((n, list) => n + list.length, 0);
  const servers = document.servers.map((s) => markup`<li><code>${String(s['url'])}</code> — ${String(s['description'] ?? '')}</li>`);
  const schemes = Object.entries(document.components.securitySchemes).map(([name, scheme]) => {
    const how =
      scheme['type'] === 'http'
        ? markup`Authorization: ${String(scheme['scheme'])}`
        : markup`${WHERE[String(scheme['in'])] ?? ''} <code>${String(scheme['name'])}</code>`;
    return markup`<tr><td><code>${name}</code></td><td>${how}</td><td>${String(scheme['description'] ?? '')}</td></tr>`;
  });
  const contents = document.tags.map(
    (tag) => markup`<li><a href="#system-${tag.name}">${SYSTEM_TITLES[tag.name]}</a> <small>(${tag.name}, ${bySystem.get(tag.name)?.length ?? 0})</small></li>`,
  );
  const systems = document.tags.map(
    (tag) =>
      markup`<h2 id="system-${tag.name}">${SYSTEM_TITLES[tag.name]} <small>(${tag.name})</small></h2><p class="note">${tag.description}</p>${(bySystem.get(tag.name) ?? []).map((o) => operationBlock(o.path, o.method, o.operation))}`,
  );
  const schemas = Object.entries(document.components.schemas).map(
    ([name, schema]) => markup`<section class="schema" id="schema-${name}"><h3>${name}</h3>${schemaBlock(schema)}</section>`,
  );
  return markup`<!doctype html><html lang="ru"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>API edusim</title><style>${raw(STYLE)}</style></head>
<body><header>edusim · описание API</header><main>
<h1>REST API edusim</h1>
<p>${count} операций в четырёх системах. Страница и <a href="openapi.json">документ OpenAPI ${document.openapi}</a> сформированы из объявлений маршрутов: то же описание, которым проверяются запросы.</p>
<h2>Серверы</h2><ul>${servers}</ul>
<p>Каждый путь обслуживает песочницу по умолчанию или ту, что названа в запросе: заголовок <code>X-Edusim-Sandbox: &lt;id&gt;</code> или префикс <code>/sandboxes/&lt;id&gt;</code> перед любым путём.</p>
<h2 id="security">Авторизация</h2><table><thead><tr><th>Схема</th><th>Как передать</th><th>Описание</th></tr></thead><tbody>${schemes}</tbody></table>
<h2>Содержание</h2><nav><ul>${contents}<li><a href="#schemas">Схемы</a></li></ul></nav>
${systems}
<h2 id="schemas">Схемы</h2>${schemas}
</main></body></html>`;
}
