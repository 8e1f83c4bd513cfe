/**
 * edusim never calls out: a whole session — health, ESIA login, both GraphQL engines, a new
 * sandbox, the JWKS — opens no connection and resolves no name outside this machine, on real
 * sockets (embedded and split) and in-process under msw. APOLLO_TELEMETRY_DISABLED is removed
 * first, so the product's own switch-off of @apollo/gateway's telemetry is what is tested.
 */
import dns from 'node:dns';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import net from 'node:net';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Seeds from '../seeds/index.ts';
import type { World } from '../seeds/index.ts';
import type * as Host from './index.ts';

const FLOW = await readFile(new URL('../examples/flow.graphql', import.meta.url), 'utf8');
const WEEK = { from: '2026-11-16', to: '2026-11-20' };
/** Long enough for exporters and resource detectors started at boot to have fired. */
const QUIET_MS = 1500;

const isLoopback = (host: string) => {
  const bare = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  return bare === 'localhost' || bare === '::1' || /^127\./.test(bare) || /^::ffff:127\./.test(bare);
};

/** Where a `net.Socket#connect(...)` call goes: `host:port`, or null for an IPC path. */
function targetOf(args: readonly unknown[]): string | null {
  // net.connect() passes its normalised arguments as one array.
  const first = Array.isArray(args[0]) ? (args[0] as unknown[])[0] : args[0];
  if (typeof first === 'object' && first !== null) {
    const options = first as { path?: unknown; host?: unknown; port?: unknown };
    if (typeof options.path === 'string' && options.path) return null;
    return `${typeof options.host === 'string' && options.host ? options.host : 'localhost'}:${String(options.port)}`;
  }
  if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
    return `${typeof args[1] === 'string' ? args[1] : 'localhost'}:${String(first)}`;
  }
  return null;
}

/** Records every socket connection and name lookup aimed outside the machine, until restored. */
function guardOutbound() {
  const outside: string[] = [];
  const connect = net.Socket.prototype.connect;
  const lookup = dns.lookup;
  const promisesLookup = dns.promises.lookup;
  net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
    const target = targetOf(args);
    if (target && !isLoopback(target.slice(0, target.lastIndexOf(':')))) outside.push(`connect ${target}`);
    return Reflect.apply(connect, this, args) as net.Socket;
  } as typeof connect;
  dns.lookup = function (hostname: string, ...rest: unknown[]) {
    if (!isLoopback(hostname)) outside.push(`dns.lookup ${hostname}`);
    return Reflect.apply(lookup, dns, [hostname, ...rest]) as unknown;
  } as typeof lookup;
  dns.promises.lookup = function (hostname: string, ...rest: unknown[]) {
    if (!isLoopback(hostname)) outside.push(`dns.promises.lookup ${hostname}`);
    return Reflect.apply(promisesLookup, dns.promises, [hostname, ...rest]) as unknown;
  } as typeof promisesLookup;
  return {
    /** What was recorded since the last call, emptied. */
    take: () => outside.splice(0),
    restore: () => {
      net.Socket.prototype.connect = connect;
      dns.lookup = lookup;
      dns.promises.lookup = promisesLookup;
    },
  };
}

interface Reply {
  readonly status: number;
  readonly body: Record<string, unknown>;
}
type Send = (method: 'GET' | 'POST', path: string, options?: { headers?: Record<string, string>; body?: string }) => Promise<Reply>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A trainer's session: health, headless ESIA login with consent, the flow on both engines, a new sandbox, the JWKS. */
async function session(send: Send, world: World): Promise<void> {
  const health = await send('GET', '/health');
  expect({ status: health.status, body: health.body['status'] }).toEqual({ status: 200, body: 'ok' });

  const login = await send('POST', '/esia/sim/login', {
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ persona: 'teacher-with-rights', consent: true }),
  });
  expect(login.status).toBe(200);
  const token = login.body['access_token'];
  expect(typeof token).toBe('string');

  for (const path of ['/graphql', '/graphql/reference']) {
    const reply = await send('POST', path, {
      headers: { 'content-type': 'application/json', authorization: `Bearer ${String(token)}` },
      body: JSON.stringify({ query: FLOW, variables: WEEK }),
    });
    expect({ path, status: reply.status, errors: reply.body['errors'] }).toEqual({ path, status: 200, errors: undefined });
    const me = (reply.body['data'] as { me: { oid: unknown; registry: { region: { code: string } } } }).me;
    expect({ path, oid: me.oid, region: me.registry.region.code }).toEqual({
      path,
      oid: String(seeds.findPersona(world, 'teacher-with-rights').person.account?.oid),
      region: '36',
    });
  }

  const created = await send('POST', '/_edusim/sandboxes', { headers: { 'content-type': 'application/json' }, body: '{}' });
  expect(created.status).toBe(201);

  const jwks = await send('GET', '/esia/.well-known/jwks.json');
  expect(jwks.status).toBe(200);
  expect((jwks.body['keys'] as unknown[]).length).toBeGreaterThan(0);
}

// The product is first loaded under the socket guard, so that nothing done while loading escapes it (later imports reuse those modules).
let seeds: typeof Seeds;
let host: typeof Host;

describe('edusim never calls out, on real sockets', () => {
  let guard: ReturnType<typeof guardOutbound>;

  beforeAll(async () => {
    delete process.env['APOLLO_TELEMETRY_DISABLED'];
    guard = guardOutbound();
    seeds = await import('../seeds/index.ts');
    host = await import('./index.ts');
  });
  afterAll(() => guard.restore());

  it('the guard sees a connection aimed outside, by fetch, by node:http and by name lookup', async () => {
    guard.take();
    const refused = await fetch('http://192.0.2.1:80/', { signal: AbortSignal.timeout(200) }).then(
      () => null,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(Error);
    await new Promise<void>((resolve) => {
      const request = http.get({ host: '192.0.2.1', port: 9, path: '/', timeout: 200 });
      request.on('timeout', () => request.destroy(new Error('timeout')));
      request.on('error', () => resolve());
      request.on('response', () => resolve());
    });
    await dns.promises.lookup('192.0.2.1');
    await new Promise((resolve) => dns.lookup('192.0.2.1', resolve));
    await dns.promises.lookup('localhost');
    expect(guard.take()).toEqual(['connect 192.0.2.1:80', 'connect 192.0.2.1:9', 'dns.promises.lookup 192.0.2.1', 'dns.lookup 192.0.2.1']);
  });

  it.each([{ split: false }, { split: true }])('serves a whole session without reaching outside (split: $split)', async ({ split }) => {
    guard.take();
    const world = seeds.createWorld({ seed: 42, scale: 'demo' });
    const server = await host.startServer(world, { port: 0, host: '127.0.0.1' }, { split });
    try {
      await session(async (method, path, options = {}) => {
        const response = await fetch(`${server.url}${path}`, { method, ...options });
        return { status: response.status, body: (await response.json()) as Record<string, unknown> };
      }, world);
      await sleep(QUIET_MS);
    } finally {
      await server.close();
    }
    expect(process.env['APOLLO_TELEMETRY_DISABLED']).toBeUndefined();
    expect(guard.take()).toEqual([]);
  });
});

describe('edusim never calls out, in-process under msw', () => {
  const unhandled: string[] = [];
  const msw = setupServer();
  msw.events.on('request:unhandled', ({ request }) => {
    unhandled.push(`${request.method} ${request.url}`);
  });

  beforeAll(async () => {
    delete process.env['APOLLO_TELEMETRY_DISABLED'];
    msw.listen({ onUnhandledRequest: 'error' });
    seeds = await import('../seeds/index.ts');
    host = await import('./index.ts');
  });
  afterAll(() => msw.close());

  it('msw catches a request aimed outside', async () => {
    unhandled.length = 0;
    const refused = await fetch('http://192.0.2.1/probe').then(
      () => null,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(Error);
    expect(unhandled.splice(0)).toEqual(['GET http://192.0.2.1/probe']);
  });

  it('serves a whole session through inject without a request msw did not expect', async () => {
    unhandled.length = 0;
    const world = seeds.createWorld({ seed: 42, scale: 'demo' });
    const app = await host.createApp({ world });
    try {
      await session(async (method, path, options = {}) => {
        const response = await app.fastify.inject({ method, url: path, ...(options.headers ? { headers: options.headers } : {}), payload: options.body });
        return { status: response.statusCode, body: response.json<Record<string, unknown>>() };
      }, world);
      await sleep(QUIET_MS);
    } finally {
      await app.fastify.close();
    }
    expect(process.env['APOLLO_TELEMETRY_DISABLED']).toBeUndefined();
    expect(unhandled).toEqual([]);
  });
});
