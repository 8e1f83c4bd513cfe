import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld } from '../seeds/index.ts';
import { startServer, type RunningServer } from './index.ts';

/** Issue 8 items 5 and 6 on a real socket: the attacks are refused at once, and /health answers meanwhile. */
describe('giant queries on a real socket', () => {
  const world = createWorld({ seed: 42, scale: 'demo' });
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer(world, { port: 0, host: '127.0.0.1' });
  });
  afterAll(() => server.close());

  const schema4500 = `{ ${Array.from({ length: 4500 }, (_, i) => `a${i}: __schema { types { name kind fields { name type { name kind } } } }`).join(' ')} }`;
  const words537k = 'класс '.repeat(Math.ceil((537 * 1024) / Buffer.byteLength('класс ')));

  async function withHealth(path: string, body: unknown) {
    const start = performance.now();
    const [graphql, health] = await Promise.all([
      fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then(async (r) => ({
        status: r.status,
        body: (await r.json()) as { errors?: { message: string; extensions?: Record<string, unknown> }[] },
        ms: performance.now() - start,
      })),
      fetch(`${server.url}/health`).then((r) => ({ status: r.status, ms: performance.now() - start })),
    ]);
    return { graphql, health };
  }

  for (const path of ['/graphql', '/graphql/reference']) {
    it(`${path}: refuses 4 500 × __schema by its size while /health answers`, async () => {
      const { graphql, health } = await withHealth(path, { query: schema4500 });
      expect(graphql.status).toBe(400);
      expect(graphql.body.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_LARGE', limit: 'size', maxBytes: 32768 });
      expect(health.status).toBe(200);
    });

    it(`${path}: refuses a 537 KB search while /health answers`, async () => {
      const { graphql, health } = await withHealth(path, {
        query: 'query($s: String) { libraryItems(search: $s) { totalCount } }',
        variables: { s: words537k },
      });
      expect(graphql.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'search', limit: 'length', max: 200 });
      expect(health.status).toBe(200);
    });
  }
});
