import { afterAll, describe, expect, it } from 'vitest';
import { createWorld } from '../../seeds/index.ts';
import { createApp } from '../http/app.ts';
import { declaredRoutes, documentRoutes } from '../http/api-routes.ts';
import type { OpenApiDocument } from '../http/openapi.ts';
import { registerApiDocs } from './api-docs.ts';
import { markup, raw } from './html.ts';

const app = await createApp({ world: createWorld({ seed: 42, scale: 'demo', region: '36' }) });
if (!declaredRoutes(app.fastify).some((r) => r.operationId === 'openApiDocument')) registerApiDocs(app.fastify);
// A declaration whose text must be escaped on the page (added before the first request).
documentRoutes(app.fastify, [
  {
    method: 'GET',
    path: '/_edusim/escape-check/:name',
    system: 'admin',
    operationId: 'escapeCheck',
    summary: 'Compare a < b & <script>alert(1)</script>',
    responses: { 200: { description: 'Says "<b>hi</b>"' } },
  },
]);
afterAll(() => app.fastify.close());

const page = async (url = '/_edusim/docs') => app.fastify.inject({ method: 'GET', url });

describe('GET /_edusim/docs', () => {
  it('renders every operation of the OpenAPI document, grouped by system, with Russian chrome', async () => {
    const response = await page();
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    const body = response.body;
    expect(body).toContain('<html lang="ru">');
    expect(body).toContain('<h3><span class="method post">POST</span>/_edusim/sandboxes</h3>\n<p class="summary">Create a sandbox</p>');
    expect(body).toContain('<h3><span class="method get">GET</span>/diary/{region}/Schedule/{oid}</h3>');
    expect(body).toContain('<h3><span class="method post">POST</span>/esia/aas/oauth2/v3/te</h3>');
    for (const label of ['<h4>Параметры</h4>', '<h4>Тело запроса', '<h4>Ответы</h4>', '<h2 id="security">Авторизация</h2>', '<h2 id="schemas">Схемы</h2>'])
      expect(body).toContain(label);
    for (const section of ['Управление песочницами', 'ЕСИА (Госуслуги)', 'Платформа согласий', 'Региональные дневники']) expect(body).toContain(section);
    expect(body.indexOf('id="system-admin"')).toBeLessThan(body.indexOf('id="system-esia"'));
    expect(body.indexOf('id="system-consent"')).toBeLessThan(body.indexOf('id="system-diary"'));
    expect(body).toContain('<a href="openapi.json">документ OpenAPI 3.1.0</a>');
    expect(body).toContain('<section class="schema" id="schema-Schedule">');
    expect(body).toContain('<td><code>grant_type</code></td>');

    const document = (await app.fastify.inject({ method: 'GET', url: '/_edusim/openapi.json' })).json() as OpenApiDocument;
    for (const item of Object.values(document.paths)) for (const operation of Object.values(item)) expect(body).toContain(`id="op-${operation.operationId}"`);
    for (const name of Object.keys(document.components.schemas)) expect(body).toContain(`id="schema-${name}"`);
    // Every in-page link has its target.
    for (const [, target] of body.matchAll(/href="#([^"]+)"/g)) expect(body, target).toContain(`id="${target}"`);
  });

  it('works offline: no script, no external stylesheet, image or font', async () => {
    const body = (await page()).body;
    expect(body).not.toMatch(/<script|<link|<img|<iframe|@import|src=|url\(/i);
    expect(body).not.toMatch(/href="(https?:)?\/\//);
  });

  it('escapes what the declarations say', async () => {
    const body = (await page()).body;
    expect(body).toContain('<p class="summary">Compare a &lt; b &amp; &lt;script&gt;alert(1)&lt;/script&gt;</p>');
    expect(body).toContain('<td>Says &quot;&lt;b&gt;hi&lt;/b&gt;&quot;</td>');
    expect(body).not.toContain('<script>alert(1)');
  });

  it('is served under a sandbox prefix too, its servers in the form the request came in', async () => {
    expect((await page('/sandboxes/default/_edusim/docs')).statusCode).toBe(200);
    const document = (
      await app.fastify.inject({ method: 'GET', url: '/sandboxes/default/_edusim/openapi.json', headers: { host: 'qa.example:8080' } })
    ).json() as OpenApiDocument;
    expect(document.servers.map((s) => s['url'])).toEqual(['http://qa.example:8080', 'http://qa.example:8080/sandboxes/{sandbox}']);
  });
});

describe('markup`…`', () => {
  it('escapes every value unless it is a fragment it made or raw markup', () => {
    const name = '<i>"Ёж" & \'ко\'</i>';
    expect(markup`<p title="${name}">${name}</p>`.text).toBe(
      '<p title="&lt;i&gt;&quot;Ёж&quot; &amp; &#39;ко&#39;&lt;/i&gt;">&lt;i&gt;&quot;Ёж&quot; &amp; &#39;ко&#39;&lt;/i&gt;</p>',
    );
    expect(markup`<ul>${['a<', 'b'].map((x) => markup`<li>${x}</li>`)}</ul>`.text).toBe('<ul><li>a&lt;</li><li>b</li></ul>');
    expect(markup`${null}${undefined}${false}${0}${raw('<br>')}`.text).toBe('0<br>');
  });
});
