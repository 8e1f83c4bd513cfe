import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, findPersona } from '../seeds/index.ts';
import { startServer, type RunningServer } from './index.ts';

describe('faults that drop the connection, on a real socket', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer(createWorld({ seed: 42, scale: 'demo' }), { port: 0, host: '127.0.0.1' });
  });
  afterAll(() => server.close());

  const networkError = async (url: string, init: RequestInit = {}) => {
    try {
      const response = await fetch(url, init);
      return `HTTP ${response.status}`;
    } catch (error) {
      return `${(error as Error).name}: ${((error as Error).cause as { code?: string } | undefined)?.code ?? (error as Error).message}`;
    }
  };

  it('resets the connection of an ESIA call, holds a diary call for its timeout, and the server goes on serving', async () => {
    const created = await fetch(`${server.url}/_edusim/sandboxes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        id: 'drops',
        faults: [
          { system: 'esia', operation: 'jwks', action: { kind: 'reset' }, times: 1 },
          { system: 'diary', region: '36', action: { kind: 'timeout', ms: 300 }, times: 1 },
          { system: 'gateway', action: { kind: 'reset' }, times: 1 },
        ],
      }),
    });
    expect(created.status).toBe(201);
    const base = `${server.url}/sandboxes/drops`;
    expect(await networkError(`${base}/esia/.well-known/jwks.json`)).toBe('TypeError: UND_ERR_SOCKET');
    expect(await networkError(`${base}/esia/.well-known/jwks.json`)).toBe('HTTP 200');

    const started = performance.now();
    expect(await networkError(`${base}/diary/36/token`, { method: 'POST', body: 'grant_type=client_credentials' })).toBe('TypeError: UND_ERR_SOCKET');
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);

    const gateway = { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) };
    expect(await networkError(`${base}/graphql`, gateway)).toBe('TypeError: UND_ERR_SOCKET');
    expect(await networkError(`${base}/graphql`, gateway)).toBe('HTTP 200');

    const journal = (await (await fetch(`${server.url}/_edusim/sandboxes/drops/journal`)).json()) as {
      entries: { system: string; status: number; fault?: string }[];
    };
    expect(journal.entries.map((e) => [e.system, e.status, e.fault ?? null])).toEqual([
      ['esia', 0, 'rule f1: connection reset'],
      ['esia', 200, null],
      ['diary', 0, 'rule f2: timeout, no answer for 300 ms, then the connection dropped'],
      ['gateway', 0, 'rule f3: connection reset'],
      ['gateway', 200, null],
    ]);
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
  });
});

describe('the journal in split mode', () => {
  it('files the gateway’s calls to each subgraph service and to the diary under the request’s trace id', async () => {
    const world = createWorld({ seed: 42, scale: 'demo' });
    const server = await startServer(world, { port: 0, host: '127.0.0.1' }, { split: true });
    try {
      const sandbox = server.app.sandbox;
      const oid = findPersona(world, 'teacher-with-rights').person.account?.oid ?? 0;
      sandbox.consents.grantTransfer(oid);
      const token = (await sandbox.esia.mint(oid, 'EDUSIM', 'openid fullname')).access_token;
      const response = await fetch(`${server.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: 'query Week { me { fullName registry { region { code } } diary(from: "2026-11-16", to: "2026-11-20") { region } } }' }),
      });
      expect(response.status).toBe(200);
      const traceId = response.headers.get('x-edusim-trace-id') ?? '';
      const entries = sandbox.journal.find({ trace: traceId });
      const calls = entries.map((e) => `${e.system} ${e.operation} ${e.caller} ${e.status}`);
      expect(calls.filter((c) => c.startsWith('gateway subgraph:')).sort()).toEqual([
        'gateway subgraph:diary gateway 200',
        'gateway subgraph:identity gateway 200',
        'gateway subgraph:registry gateway 200',
      ]);
      expect(calls).toContain('diary schedule gateway 200');
      expect(calls[calls.length - 1]).toBe('gateway Week client 200');
    } finally {
      await server.close();
    }
  });
});
