import { afterAll, describe, expect } from 'vitest';
import { EdusimNotFoundError } from '../client/index.ts';
import { startServer } from '../sandbox/index.ts';
import { createWorld } from '../seeds/index.ts';
import { edusimTest, sandboxIdFor } from './vitest.ts';

// A running edusim of our own, so the test can look into its registry.
const server = await startServer(createWorld({ seed: 42, scale: 'demo' }), { port: 0, host: '127.0.0.1' }, { adminToken: 'operator' });
afterAll(() => server.close());

// Fixtures with a worker scope are defined at the top level of a file (Vitest refuses them in a describe block).
const remote = edusimTest({
  url: server.url,
  adminToken: 'operator',
  sandbox: { seed: 7, date: '2026-11-23', clock: { at: '2026-11-23T09:00:00+03:00', frozen: true } },
});
const local = edusimTest({ sandbox: { seed: 7 } });

describe('edusimTest against a running edusim (url)', () => {
  const test = remote;
  const ids: string[] = [];

  test('gives the test a sandbox of its own, made from the spec', async ({ sandbox, edusimServer }) => {
    ids.push(sandbox.id);
    expect(edusimServer).toEqual({ url: server.url, adminToken: 'operator', inProcess: false });
    expect(sandbox.id).toMatch(/^vt-gives-the-test-a-sandbox-of-its-own-made-[a-z0-9]{6}$/);
    const live = server.app.registry.live(sandbox.id);
    expect(sandbox.secret).toBe(live?.secret);
    expect(sandbox.secret).toMatch(/^[\w-]{24}$/);
    expect(live?.info()).toMatchObject({ world: { seed: 7, scale: 'demo', region: '36', date: '2026-11-23' }, clock: { mode: 'frozen', today: '2026-11-23' } });
  });

  test.fails('deletes it even when the test fails', async ({ sandbox }) => {
    ids.push(sandbox.id);
    expect(server.app.registry.live(sandbox.id)).toBeDefined();
    expect('the test').toBe('failing');
  });

  test('has deleted the sandboxes of the tests before, failed or not', async ({ edusim }) => {
    expect(ids).toHaveLength(2);
    for (const id of ids) {
      expect(server.app.registry.live(id)).toBeUndefined();
      await expect(edusim.sandbox(id).get()).rejects.toBeInstanceOf(EdusimNotFoundError);
    }
    expect(server.app.registry.list().map((s) => s.id)).toEqual(['default']);
  });

  test('lets a test delete its sandbox itself', async ({ sandbox }) => {
    await sandbox.delete();
    expect(server.app.registry.live(sandbox.id)).toBeUndefined();
  });

  test('creates no sandbox for a test that does not ask for one', async ({ edusim }) => {
    expect((await edusim.listSandboxes()).map((s) => s.id)).toEqual(['default']);
  });
});

describe('edusimTest with edusim started in this process', () => {
  const test = local;
  let failed = '';

  test('starts edusim on a free port of this machine', async ({ edusimServer, edusim }) => {
    expect(edusimServer.inProcess).toBe(true);
    expect(edusimServer.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await edusim.health()).toMatchObject({ status: 'ok', world: { seed: 42, scale: 'demo', region: '36', asOf: '2026-11-23' } });
  });

  test.fails('fails with a sandbox', async ({ sandbox }) => {
    failed = sandbox.id;
    throw new Error('failing on purpose');
  });

  test('the failed test’s sandbox is gone', async ({ edusim }) => {
    expect(failed).toMatch(/^vt-fails-with-a-sandbox-/);
    expect((await edusim.listSandboxes()).map((s) => s.id)).toEqual(['default']);
  });
});

describe('sandboxIdFor', () => {
  remote('makes a valid sandbox id of any test name', () => {
    expect(sandboxIdFor('Журнал: diary 36 — ровно 1 вызов!')).toMatch(/^vt-diary-36-1-[a-z0-9]{6}$/);
    expect(sandboxIdFor('Вход')).toMatch(/^vt-[a-z0-9]{6}$/);
    expect(sandboxIdFor('x'.repeat(100))).toHaveLength(3 + 40 + 1 + 6);
  });
});
