import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, describe, expect, it } from 'vitest';
import { createWorld, findPersona } from '../../seeds/index.ts';
import { registerApiDocs } from '../pages/api-docs.ts';
import { createApp } from './app.ts';
import { declaredRoutes, type RouteDoc } from './api-routes.ts';
import { ADMIN_TOKEN_HEADER, SECRET_HEADER } from './control.ts';
import type { JsonSchema, OpenApiDocument } from './openapi.ts';

const world = createWorld({ seed: 42, scale: 'demo', region: '36' });
const app = await createApp({ world });
// Until app.ts wires the docs, the test does (never twice).
if (!declaredRoutes(app.fastify).some((r) => r.operationId === 'openApiDocument')) registerApiDocs(app.fastify);
afterAll(() => app.fastify.close());

const fetchDocument = async () => {
  const response = await app.fastify.inject({ method: 'GET', url: '/_edusim/openapi.json', headers: { host: 'edusim.test:4000' } });
  expect(response.statusCode).toBe(200);
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  return { text: response.body, document: response.json() as OpenApiDocument };
};

/** Every `$ref` in a value, with where it was found. */
function refsOf(value: unknown, at = '#'): { ref: string; at: string }[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => refsOf(v, `${at}/${i}`));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, inner]) =>
    key === '$ref' && typeof inner === 'string' ? [{ ref: inner, at }] : refsOf(inner, `${at}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`),
  );
}

function resolvePointer(document: unknown, ref: string): unknown {
  if (!ref.startsWith('#/')) return undefined;
  return ref
    .slice(2)
    .split('/')
    .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'))
    .reduce<unknown>((node, key) => (typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined), document);
}

const operations = (document: OpenApiDocument) =>
  Object.entries(document.paths).flatMap(([path, item]) => Object.entries(item).map(([method, operation]) => ({ path, method, operation })));

describe('GET /_edusim/openapi.json', () => {
  it('validates against the official OpenAPI 3.1 schema', async () => {
    const { document } = await fetchDocument();
    const validator = new Validator();
    const result = await validator.validate(structuredClone(document) as unknown as Record<string, unknown>);
    expect(result.errors ?? []).toEqual([]);
    expect({ valid: result.valid, version: validator.version }).toEqual({ valid: true, version: '3.1' });
  });

  it('is an OpenAPI 3.1 document that holds together: JSON, unique paths and operationIds, every $ref resolving, every operation answering', async () => {
    const { text, document } = await fetchDocument();
    expect(document.openapi).toBe('3.1.0');
    expect(document.jsonSchemaDialect).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(JSON.parse(JSON.stringify(document))).toEqual(JSON.parse(text));
    expect(document.info.title).toBe('edusim');

    const refs = refsOf(document);
    expect(refs.length).toBeGreaterThan(50);
    for (const { ref, at } of refs) expect(resolvePointer(document, ref), `${ref} at ${at}`).toBeDefined();
    // No schema kept a reference of its own conversion ($defs) that means nothing at the document's root.
    expect(text).not.toContain('#/$defs/');
    expect(text).not.toContain('"$schema"');

    const shapes = Object.keys(document.paths).map((p) => p.replace(/\{[^}]+\}/g, '{}'));
    expect(new Set(shapes).size).toBe(shapes.length);
    const ops = operations(document);
    const ids = ops.map((o) => o.operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);

    for (const { path, method, operation } of ops) {
      const where = `${method.toUpperCase()} ${path}`;
      expect(['get', 'post', 'put', 'patch', 'delete'], where).toContain(method);
      expect(Object.keys(operation.responses).length, where).toBeGreaterThan(0);
      for (const [status, response] of Object.entries(operation.responses)) {
        expect(status, where).toMatch(/^[1-5]\d\d$/);
        expect(typeof response['description'], `${where} ${status}`).toBe('string');
      }
      expect(operation.summary.length, where).toBeGreaterThan(0);
      expect(operation.tags.length, where).toBe(1);
      expect(['admin', 'esia', 'consent', 'diary'], where).toContain(operation.tags[0]);
      // Path parameters: exactly the template's, each required.
      const template = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).sort();
      const declared = (operation.parameters ?? []).filter((p) => p['in'] === 'path');
      expect(declared.map((p) => p['name']).sort(), where).toEqual(template);
      for (const p of declared) expect(p['required'], `${where} ${String(p['name'])}`).toBe(true);
      const names = (operation.parameters ?? []).filter((p) => !('$ref' in p)).map((p) => `${String(p['in'])}:${String(p['name'])}`);
      expect(new Set(names).size, where).toBe(names.length);
      for (const alternative of operation.security ?? [])
        for (const name of Object.keys(alternative)) expect(document.components.securitySchemes, where).toHaveProperty(name);
    }
  });

  it('covers the four systems, with the servers of the request and the sandbox forms', async () => {
    const { document } = await fetchDocument();
    const bySystem: Record<string, number> = {};
    for (const { operation } of operations(document)) bySystem[operation.tags[0] ?? ''] = (bySystem[operation.tags[0] ?? ''] ?? 0) + 1;
    expect(Object.keys(bySystem).sort()).toEqual(['admin', 'consent', 'diary', 'esia']);
    expect(bySystem['esia']).toBeGreaterThanOrEqual(27);
    expect(bySystem['consent']).toBe(5);
    expect(bySystem['diary']).toBeGreaterThanOrEqual(4);
    expect(bySystem['admin']).toBeGreaterThanOrEqual(23);
    expect(document.tags.map((t) => t.name)).toEqual(['admin', 'esia', 'consent', 'diary']);

    expect(document.servers[0]?.['url']).toBe('http://edusim.test:4000');
    expect(document.servers[1]).toMatchObject({ url: 'http://edusim.test:4000/sandboxes/{sandbox}', variables: { sandbox: { default: 'default' } } });
    expect(document.components.parameters['Sandbox']).toMatchObject({ name: 'X-Edusim-Sandbox', in: 'header', required: false });
    // The header is offered where a sandbox is served, not on the host's own paths.
    const schedule = document.paths['/diary/{region}/Schedule/{oid}']?.['get'];
    expect(schedule?.parameters).toContainEqual({ $ref: '#/components/parameters/Sandbox' });
    expect(document.paths['/_edusim/sandboxes']?.['post']?.parameters ?? []).not.toContainEqual({ $ref: '#/components/parameters/Sandbox' });

    const schemes = document.components.securitySchemes;
    expect(String(schemes.adminToken['name']).toLowerCase()).toBe(ADMIN_TOKEN_HEADER);
    expect(String(schemes.sandboxSecret['name']).toLowerCase()).toBe(SECRET_HEADER);
    expect(schemes.esiaBearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(schemes.diaryBearer).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('describes each system with its declared shapes: admin bodies, ESIA form and errors, the diary Schedule', async () => {
    const { document } = await fetchDocument();
    const create = document.paths['/_edusim/sandboxes']?.['post'];
    expect(create?.requestBody).toEqual({ required: false, content: { 'application/json': { schema: { $ref: '#/components/schemas/SandboxSpec' } } } });
    const spec = document.components.schemas['SandboxSpec'] as { properties: Record<string, JsonSchema>; required?: string[] };
    // A request is described as its input: fields with defaults are optional.
    expect(spec.required ?? []).toEqual([]);
    expect(spec.properties['scale']).toMatchObject({ default: 'demo', enum: ['demo', 'region', 'country'] });
    // 401 from the control guard and 413 from the HTTP layer, besides what the handler answers.
    expect(Object.keys(create?.responses ?? {})).toEqual(['201', '400', '401', '409', '413', '415', '429']);
    expect(create?.responses['413']).toEqual({
      description: 'The body is larger than 1 MiB, the most edusim accepts',
      content: { 'application/json': { schema: { $ref: '#/components/schemas/AdminError' } } },
    });
    // The journal also answers in JSON lines.
    const journal = document.paths['/_edusim/sandboxes/{id}/journal']?.['get']?.responses['200'] as { content: Record<string, JsonSchema> };
    expect(Object.keys(journal.content)).toEqual(['application/json', 'application/x-ndjson']);

    const clock = document.components.schemas['ClockCommand'] as { oneOf: JsonSchema[] };
    expect(clock.oneOf.map((v) => (v['properties'] as Record<string, JsonSchema>)['action']?.['const'])).toEqual(['freeze', 'resume', 'set', 'advance']);

    const token = document.paths['/esia/aas/oauth2/v3/te']?.['post'];
    expect(Object.keys((token?.requestBody as { content: object }).content)).toEqual(['application/x-www-form-urlencoded']);
    const form = document.components.schemas['EsiaTokenForm'] as { oneOf: JsonSchema[] };
    expect(form.oneOf.map((v) => (v['properties'] as Record<string, JsonSchema>)['grant_type']?.['const'])).toEqual([
      'authorization_code',
      'refresh_token',
      'client_credentials',
    ]);
    expect(token?.responses['400']?.['description']).toContain('`ESIA-007012` (unsupported_grant_type)');
    expect(document.components.schemas['EsiaError']?.['description']).toContain('ESIA-007019 access_denied');
    expect(document.paths['/esia/rs/prns/{oid}']?.['get']?.security).toEqual([{ esiaBearer: [] }]);
    expect(document.paths['/esia/aas/oauth2/v2/ac']?.['get']?.parameters?.map((p) => p['name'])).toContain('code_challenge_method');

    const schedule = document.paths['/diary/{region}/Schedule/{oid}']?.['get'];
    expect(schedule?.responses['200']).toEqual({
      description: 'The schedule on the federal contract',
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Schedule' } } },
    });
    expect(schedule?.responses['401']?.['content']).toEqual({ 'application/json': { schema: { $ref: '#/components/schemas/OperationOutcome' } } });
    expect(schedule?.parameters?.filter((p) => p['in'] === 'query').map((p) => [p['name'], p['required']])).toEqual([
      ['start', false],
      ['end', false],
    ]);
    const scheduleSchema = document.components.schemas['Schedule'] as { properties: Record<string, JsonSchema>; required: string[] };
    expect(scheduleSchema.properties['resourceType']).toMatchObject({ const: 'Schedule' });
    expect(scheduleSchema.required).toEqual(['resourceType', 'id', 'meta', 'school']);
    expect(document.paths['/diary/{region}/token']?.['post']?.requestBody).toMatchObject({ content: { 'application/x-www-form-urlencoded': {} } });
  });
});

/** The declaration answering `method url` (path parameters as wildcards). */
function routeFor(routes: readonly RouteDoc[], method: string, url: string): RouteDoc | undefined {
  const path = url.split('?')[0] ?? '';
  return routes.find((r) => r.method === method && new RegExp(`^${r.path.replace(/:[A-Za-z_]\w*/g, '[^/]+').replaceAll('.', '\\.')}$`).test(path));
}

describe('the declarations tell the truth about the answers', () => {
  it('each answer has a declared status and matches its declared schema, in every system', async () => {
    const routes = declaredRoutes(app.fastify);
    const pupil = findPersona(world, 'pupil-child-account').person;
    const oid = pupil.account?.oid ?? 0;
    const json = { 'content-type': 'application/json' };
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    const esia = (
      await app.fastify.inject({ method: 'POST', url: '/esia/sim/login', headers: json, payload: { persona: 'pupil-child-account', consent: true } })
    ).json() as {
      access_token: string;
    };
    const diaryToken = (
      await app.fastify.inject({
        method: 'POST',
        url: '/diary/36/token',
        headers: form,
        payload: 'grant_type=client_credentials&client_id=FGIS_MYSCHOOL&client_secret=myschool-secret',
      })
    ).json() as { access_token: string };
    const requests: { method: string; url: string; headers?: Record<string, string>; payload?: unknown }[] = [
      { method: 'GET', url: '/health' },
      { method: 'POST', url: '/_edusim/sandboxes', headers: json, payload: { id: 'docs-check', scale: 'demo', region: '36' } },
      { method: 'POST', url: '/_edusim/sandboxes', headers: json, payload: { id: 'docs-check' } },
      { method: 'POST', url: '/_edusim/sandboxes', headers: json, payload: { seed: 'x' } },
      { method: 'GET', url: '/_edusim/sandboxes' },
      { method: 'GET', url: '/_edusim/sandboxes/docs-check' },
      { method: 'GET', url: '/_edusim/sandboxes/nope' },
      { method: 'GET', url: '/_edusim/sandboxes/docs-check/clock' },
      { method: 'PUT', url: '/_edusim/sandboxes/docs-check/clock', headers: json, payload: { action: 'advance', by: 'PT1H' } },
      { method: 'PUT', url: '/_edusim/sandboxes/docs-check/clock', headers: json, payload: { action: 'jump' } },
      { method: 'GET', url: '/_edusim/scenarios' },
      { method: 'POST', url: '/_edusim/sandboxes/docs-check/scenarios', headers: json, payload: { name: 'diary-down', params: { region: '36' } } },
      { method: 'GET', url: '/_edusim/sandboxes/docs-check/snapshot' },
      { method: 'POST', url: '/_edusim/sandboxes/docs-check/reset' },
      { method: 'GET', url: '/_edusim/world' },
      { method: 'GET', url: '/_edusim/personas' },
      { method: 'GET', url: `/_edusim/people/${oid}` },
      { method: 'GET', url: '/_edusim/people/abc' },
      { method: 'GET', url: '/admin/people/1' },
      { method: 'GET', url: '/_edusim/state' },
      { method: 'DELETE', url: '/_edusim/sandboxes/docs-check' },
      { method: 'GET', url: '/esia/.well-known/openid-configuration' },
      { method: 'GET', url: '/esia/.well-known/jwks.json' },
      { method: 'POST', url: '/esia/aas/oauth2/v3/te', headers: form, payload: 'grant_type=password&client_id=EDUSIM' },
      { method: 'POST', url: '/esia/aas/oauth2/v3/te', headers: form, payload: 'grant_type=client_credentials' },
      { method: 'GET', url: `/esia/rs/prns/${oid}`, headers: { authorization: `Bearer ${esia.access_token}` } },
      { method: 'GET', url: `/esia/rs/prns/${oid}` },
      { method: 'GET', url: '/esia/sim/clients' },
      { method: 'GET', url: '/consent/consents', headers: { authorization: `Bearer ${esia.access_token}` } },
      { method: 'GET', url: '/consent/consents' },
      { method: 'GET', url: `/diary/36/Schedule/${oid}?start=2026-11-16&end=2026-11-20`, headers: { authorization: `Bearer ${diaryToken.access_token}` } },
      { method: 'GET', url: `/diary/36/Schedule/${oid}?start=2026-11-16`, headers: { authorization: `Bearer ${diaryToken.access_token}` } },
      { method: 'GET', url: `/diary/36/Schedule/${oid}` },
      { method: 'POST', url: '/diary/36/token', headers: form, payload: 'grant_type=password' },
      { method: 'GET', url: '/diary/36/sim/fault' },
      { method: 'PUT', url: '/diary/36/sim/fault', headers: json, payload: { mode: 'flaky' } },
    ];
    for (const { method, url, headers, payload } of requests) {
      const response = await app.fastify.inject({
        method: method as 'GET',
        url,
        ...(headers ? { headers } : {}),
        ...(payload !== undefined ? { payload: payload as string } : {}),
      });
      const where = `${method} ${url} → ${response.statusCode}`;
      const route = routeFor(routes, method, url);
      expect(route, where).toBeDefined();
      const declared = route?.responses[response.statusCode];
      expect(declared, `${where}: status not declared (${Object.keys(route?.responses ?? {}).join(', ')})`).toBeDefined();
      if (declared?.schema) {
        const parsed = declared.schema.safeParse(response.json());
        expect(parsed.success, `${where}: ${parsed.error?.message ?? ''}`).toBe(true);
      }
    }
  });
});
