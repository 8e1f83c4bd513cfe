import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { adminHandler, declaredRoutes, defineRoute, documentRoutes, openApiPath, registerRoutes, routeDoc } from './api-routes.ts';

const echo = defineRoute(
  {
    method: 'PUT',
    path: '/things/:id',
    system: 'admin',
    operationId: 'putThing',
    summary: 'Put a thing',
    params: z.object({ id: z.string() }),
    query: z.object({ dry: z.enum(['yes', 'no']).optional() }),
    body: z.strictObject({ size: z.number().int() }),
    responses: { 200: { description: 'The thing', schema: z.object({ id: z.string(), size: z.number() }) } },
  },
  adminHandler(async (_request, _reply, input) => {
    const { id } = input.params();
    input.query();
    return { id, size: input.body().size, where: input.where };
  }),
);

describe('route declarations', () => {
  it('serves a declared route, validating with its schemas and naming the request in errors', async () => {
    const app = Fastify();
    registerRoutes(app, [echo]);
    const ok = await app.inject({ method: 'PUT', url: '/things/a1?dry=no', payload: { size: 3 } });
    expect(ok.json()).toEqual({ id: 'a1', size: 3, where: 'PUT /things/a1' });
    const bad = await app.inject({ method: 'PUT', url: '/things/a1', payload: { size: 'big' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toEqual({ error: 'bad_request', message: 'PUT /things/a1: size: Invalid input: expected number, received string' });
    const badQuery = await app.inject({ method: 'PUT', url: '/things/a1?dry=maybe', payload: { size: 3 } });
    expect(badQuery.json().message).toMatch(/^PUT \/things\/a1: dry: /);
    const form = await app.inject({ method: 'PUT', url: '/things/a1', payload: 'size=3', headers: { 'content-type': 'text/plain' } });
    expect(form.statusCode).toBe(415);
    expect(declaredRoutes(app).map((d) => d.operationId)).toEqual(['putThing']);
  });

  it('refuses a route declared twice and writes OpenAPI paths', () => {
    const app = Fastify();
    const doc = routeDoc({ method: 'GET', path: '/x/:a/y/:b', system: 'esia', operationId: 'x', summary: 'X', responses: { 200: { description: 'ok' } } });
    documentRoutes(app, [doc]);
    expect(() => documentRoutes(app, [{ ...doc, operationId: 'other' }])).toThrow('declared twice');
    expect(openApiPath(doc.path)).toBe('/x/{a}/y/{b}');
  });
});
