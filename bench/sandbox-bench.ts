/**
 * Sandbox benchmarks: creating and resetting a `demo` sandbox (in-process, through the
 * registry of a host made by `createApp`), the resident memory of idle sandboxes (in a fresh
 * process), the flow query's throughput with 50 sandboxes in the mix against the default
 * sandbox alone, and `edusim start` until `/health` answers.
 */
import { spawn } from 'node:child_process';
import { createWorld } from '../seeds/index.ts';
import { applyScenario, createApp } from '../sandbox/index.ts';
import { check, flowPupils, load, login, pupilTokens, startFlowServer, type EngineResult, type PupilToken } from './flow-bench.ts';

const SPEC = { scale: 'demo', seed: 42 } as const;
const mb = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;
const round = (ms: number) => Math.round(ms * 100) / 100;

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

function stats(times: number[]): { median: number; p99: number; max: number } {
  const sorted = [...times].sort((a, b) => a - b);
  return { median: round(quantile(sorted, 0.5)), p99: round(quantile(sorted, 0.99)), max: round(sorted[sorted.length - 1] ?? 0) };
}

function fullGc(): void {
  for (let i = 0; i < 3; i++) globalThis.gc?.();
}

export interface LifecycleResult {
  readonly creations: number;
  readonly resets: number;
  readonly create: { median: number; p99: number; max: number };
  readonly reset: { median: number; p99: number; max: number };
}

/**
 * `count` creations of a demo sandbox (each kept alive), then `count` resets, each after the
 * sandbox was changed (a consent granted, a parent linked, a diary taken down — not timed), all
 * through `app.registry` in this process, as the admin API does. A few unrecorded rounds first.
 */
export async function benchSandboxLifecycle(count = 300, warmup = 10): Promise<LifecycleResult> {
  const app = await createApp({ world: createWorld({ seed: 42, scale: 'demo' }) });
  try {
    const pupil = flowPupils(1)[0];
    const oid = pupil?.account?.oid ?? 0;
    const dirty = (id: string) => {
      const sandbox = app.registry.live(id);
      if (!sandbox) throw new Error(`[bench] sandbox ${id} is not live`);
      applyScenario(sandbox, 'consent-granted', { oid });
      applyScenario(sandbox, 'parent-linked', { oid });
      applyScenario(sandbox, 'diary-down', {});
    };
    for (let i = 0; i < warmup; i++) {
      const sandbox = await app.registry.create(SPEC);
      dirty(sandbox.id);
      await app.registry.reset(sandbox.id);
      await app.registry.delete(sandbox.id);
    }
    fullGc();
    const ids: string[] = [];
    const createMs: number[] = [];
    for (let i = 0; i < count; i++) {
      const t = performance.now();
      const sandbox = await app.registry.create(SPEC);
      createMs.push(performance.now() - t);
      ids.push(sandbox.id);
    }
    const resetMs: number[] = [];
    for (const id of ids) {
      dirty(id);
      const t = performance.now();
      const sandbox = await app.registry.reset(id);
      resetMs.push(performance.now() - t);
      if (sandbox.state.consents.size !== 0 || sandbox.state.links.size !== 0 || sandbox.diaries.faults()['36'])
        throw new Error(`[bench] reset of ${id} left its changes behind`);
    }
    return { creations: count, resets: count, create: stats(createMs), reset: stats(resetMs) };
  } finally {
    await app.fastify.close();
  }
}

export interface MemoryResult {
  readonly sandboxes: number;
  readonly rssBeforeMb: number;
  readonly rssAfterMb: number;
  readonly rssPerSandboxMb: number;
  readonly heapBeforeMb: number;
  readonly heapAfterMb: number;
  readonly heapPerSandboxMb: number;
  readonly externalPerSandboxMb: number;
  readonly createSeconds: number;
}

/**
 * Resident memory of idle demo sandboxes: the host with its default sandbox (one sandbox made
 * and deleted first, so the code paths are loaded), then `count` more alive, after a full GC.
 * Run it in a fresh process with --expose-gc.
 */
export async function benchSandboxMemory(count = 500): Promise<MemoryResult> {
  const app = await createApp({ world: createWorld({ seed: 42, scale: 'demo' }) });
  const warm = await app.registry.create(SPEC);
  await app.registry.delete(warm.id);
  fullGc();
  const before = process.memoryUsage();
  const start = performance.now();
  for (let i = 0; i < count; i++) await app.registry.create(SPEC);
  const createSeconds = (performance.now() - start) / 1000;
  fullGc();
  const after = process.memoryUsage();
  if (app.registry.size !== count + 1) throw new Error(`[bench] ${app.registry.size} sandboxes alive, expected ${count + 1}`);
  const per = (a: number, b: number) => Math.round(((b - a) / count / 2 ** 20) * 1000) / 1000;
  const result = {
    sandboxes: count,
    rssBeforeMb: mb(before.rss),
    rssAfterMb: mb(after.rss),
    rssPerSandboxMb: per(before.rss, after.rss),
    heapBeforeMb: mb(before.heapUsed),
    heapAfterMb: mb(after.heapUsed),
    heapPerSandboxMb: per(before.heapUsed, after.heapUsed),
    externalPerSandboxMb: per(before.external + before.arrayBuffers, after.external + after.arrayBuffers),
    createSeconds: Math.round(createSeconds * 100) / 100,
  };
  await app.fastify.close();
  return result;
}

export interface SandboxFlowResult {
  readonly alone: EngineResult;
  readonly mixed: EngineResult;
  readonly sandboxes: number;
  readonly tokens: number;
}

/**
 * The flow query (as in the flow benchmark: 50 connections, a different pupil per request) on
 * the default engine, first against the default sandbox alone (no other sandbox exists yet; after
 * an unrecorded warm-up run), then with `sandboxes` more created over the admin API and the same pupils spread over them: pupil k logs in (consent
 * granted) in sandbox k mod `sandboxes` and each request carries its sandbox's header.
 */
export async function benchSandboxFlow(seconds = 10, sandboxes = 50, count = 200): Promise<SandboxFlowResult> {
  const server = await startFlowServer();
  try {
    const graphql = `${server.url}/graphql`;
    const alone = await pupilTokens(server.url, count);
    const first = alone[0];
    if (!first) throw new Error('[bench] no pupil could log in');
    await check(graphql, { authorization: `Bearer ${first.token}`, 'x-bench-oid': String(first.oid) });
    // A fresh server: one unrecorded run first, else the first measured run pays for the JIT (~25 % fewer req/s).
    await load('warm-up', graphql, alone, seconds);
    const aloneResult = await load('default sandbox alone', graphql, alone, seconds);

    const ids: string[] = [];
    for (let i = 0; i < sandboxes; i++) {
      const response = await fetch(`${server.url}/_edusim/sandboxes`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(SPEC),
      });
      if (response.status !== 201) throw new Error(`[bench] POST /_edusim/sandboxes answered ${response.status}: ${await response.text()}`);
      ids.push(((await response.json()) as { id: string }).id);
    }
    const mixed: PupilToken[] = [];
    for (const [k, t] of alone.entries()) {
      const sandbox = ids[k % ids.length] ?? '';
      const token = await login(server.url, t.oid, sandbox);
      if (!token) throw new Error(`[bench] pupil ${t.oid} could not log in to sandbox ${sandbox}`);
      mixed.push(token);
    }
    // Every sandbox answers the flow for its own pupils.
    for (const t of mixed.slice(0, ids.length))
      await check(graphql, { authorization: `Bearer ${t.token}`, 'x-bench-oid': String(t.oid), 'x-edusim-sandbox': t.sandbox ?? '' });
    const mixedResult = await load(`${sandboxes} sandboxes in the mix`, graphql, mixed, seconds);
    return { alone: aloneResult, mixed: mixedResult, sandboxes, tokens: mixed.length };
  } finally {
    server.stop();
  }
}

/** One `edusim start --port 0`: ms from spawn until it prints where it listens, and until GET /health answers 200. */
async function startOnce(bin: string): Promise<{ listening: number; health: number }> {
  const start = performance.now();
  const child = spawn(process.execPath, [bin, 'start', '--port', '0', '--host', '127.0.0.1'], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, NODE_ENV: 'production' },
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let text = '';
      child.stdout.on('data', (chunk: Buffer) => {
        text += String(chunk);
        const m = /listening on (http:\/\/\S+)/.exec(text);
        if (m?.[1]) resolve(m[1]);
      });
      child.once('exit', (code) => reject(new Error(`[bench] edusim start exited with ${code}`)));
    });
    const listening = performance.now() - start;
    for (;;) {
      const response = await fetch(`${url}/health`).catch(() => null);
      if (response?.status === 200) {
        const health = performance.now() - start;
        await response.body?.cancel();
        return { listening, health };
      }
      if (performance.now() - start > 30_000) throw new Error(`[bench] ${url}/health did not answer 200 within 30 s`);
      await new Promise((r) => setTimeout(r, 5));
    }
  } finally {
    child.kill('SIGTERM');
    await exited;
  }
}

/** `edusim start --port 0` until `/health` answers 200, `runs` times in a row (one unrecorded fetch first, so the client is loaded). */
export async function benchStartup(runs = 5): Promise<{ runs: number; median: number; min: number; max: number; listeningMedian: number }> {
  const bin = new URL('../bin/edusim.mjs', import.meta.url).pathname;
  await fetch('http://127.0.0.1:9/').catch(() => null);
  const times: { listening: number; health: number }[] = [];
  for (let i = 0; i < runs; i++) times.push(await startOnce(bin));
  const health = times.map((t) => t.health).sort((a, b) => a - b);
  const listening = times.map((t) => t.listening).sort((a, b) => a - b);
  return {
    runs,
    median: Math.round(quantile(health, 0.5)),
    min: Math.round(health[0] ?? 0),
    max: Math.round(health[health.length - 1] ?? 0),
    listeningMedian: Math.round(quantile(listening, 0.5)),
  };
}
