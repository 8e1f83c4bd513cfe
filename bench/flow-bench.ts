/**
 * The flow benchmark (issue 4): the pupil's full flow query (name, registry, one week of diary)
 * at 50 concurrent connections, the persona varying per request, side by side in one run:
 * the default engine, the @apollo/gateway reference engine, and the limit (one schema, no
 * gateway work). Server and load generator run in separate processes.
 */
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createWorld, type Person } from '../seeds/index.ts';

export const QUERY = readFileSync(new URL('../examples/flow.graphql', import.meta.url), 'utf8');
export const BODY = JSON.stringify({ query: QUERY, variables: { from: '2026-11-16', to: '2026-11-20' } });

export interface EngineResult {
  readonly engine: string;
  readonly requestsPerSecond: number;
  readonly p50: number;
  readonly p99: number;
  readonly errors: number;
}

/** A pupil's token, minted in one sandbox (none: the default sandbox). */
export interface PupilToken {
  readonly token: string;
  readonly oid: number;
  readonly sandbox?: string;
}

export async function startFlowServer(): Promise<{ url: string; stop: () => void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', new URL('./flow-server.ts', import.meta.url).pathname], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, NODE_ENV: 'production' },
  });
  const url = await new Promise<string>((resolve, reject) => {
    let text = '';
    child.stdout.on('data', (chunk: Buffer) => {
      text += String(chunk);
      const line = text.split('\n')[0];
      if (text.includes('\n') && line) resolve(line.trim());
    });
    child.once('exit', (code) => reject(new Error(`flow server exited with ${code}`)));
  });
  return { url, stop: () => child.kill('SIGTERM') };
}

/** Pupils with an ESIA account above the first grade (the flow has a diary for them), in world order. */
export function flowPupils(count: number): Person[] {
  const people = createWorld({ seed: 42, scale: 'demo' }).region('36');
  const pupils: Person[] = [];
  for (let i = 0; i < people.layout.pupilCount && pupils.length < count; i++) {
    const p = people.pupil(i);
    if (p.account && (p.memberships[0]?.role === 'pupil' ? p.memberships[0].grade : 0) > 1) pupils.push(p);
  }
  return pupils;
}

/** A headless login with the data-transfer consent, in a sandbox (none: the default one); null if refused. */
export async function login(url: string, oid: number, sandbox?: string): Promise<PupilToken | null> {
  const response = await fetch(`${url}/esia/sim/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(sandbox ? { 'x-edusim-sandbox': sandbox } : {}) },
    body: JSON.stringify({ oid, consent: true }),
  });
  if (!response.ok) return null;
  const token = ((await response.json()) as { access_token: string }).access_token;
  return { token, oid, ...(sandbox ? { sandbox } : {}) };
}

/** Tokens (with the data-transfer consent) for many pupils, so every request is a different person. */
export async function pupilTokens(url: string, count: number): Promise<PupilToken[]> {
  const tokens: PupilToken[] = [];
  for (const p of flowPupils(count * 2)) {
    const token = await login(url, p.account?.oid ?? 0);
    if (!token) continue;
    tokens.push(token);
    if (tokens.length === count) break;
  }
  return tokens;
}

export async function check(url: string, headers: Record<string, string>): Promise<void> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: BODY });
  const body = (await response.json()) as { errors?: unknown[]; data?: { me?: { diary?: { entries: { lessons: unknown[] }[] } } } };
  const lessons = body.data?.me?.diary?.entries.flatMap((e) => e.lessons).length ?? 0;
  if (body.errors || lessons === 0) throw new Error(`[bench] ${url} does not answer the flow correctly: ${JSON.stringify(body).slice(0, 300)}`);
}

export async function load(engine: string, url: string, tokens: readonly PupilToken[], seconds: number): Promise<EngineResult> {
  let next = 0;
  const run = (duration: number) =>
    autocannon({
      url,
      connections: 50,
      duration,
      requests: [
        {
          method: 'POST',
          setupRequest: (request) => {
            const t = tokens[next++ % tokens.length];
            return {
              ...request,
              headers: {
                'content-type': 'application/json',
                authorization: `Bearer ${t?.token}`,
                'x-bench-oid': String(t?.oid),
                ...(t?.sandbox ? { 'x-edusim-sandbox': t.sandbox } : {}),
              },
              body: BODY,
            };
          },
        },
      ],
    });
  await run(3);
  const result = await run(seconds);
  return {
    engine,
    requestsPerSecond: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.non2xx,
  };
}

export async function benchFlow(seconds = 10): Promise<EngineResult[]> {
  const server = await startFlowServer();
  try {
    const tokens = await pupilTokens(server.url, 200);
    const first = tokens[0];
    if (!first) throw new Error('[bench] no pupil could log in');
    const engines: [string, string][] = [
      ['default engine (in-process subgraphs, Mercurius)', `${server.url}/graphql`],
      ['reference: @apollo/gateway on @apollo/server', `${server.url}/graphql/reference`],
      ['limit: one monolithic schema, no gateway work', `${server.url}/graphql/limit`],
    ];
    const results: EngineResult[] = [];
    for (const [engine, url] of engines) {
      await check(url, { authorization: `Bearer ${first.token}`, 'x-bench-oid': String(first.oid) });
      results.push(await load(engine, url, tokens, seconds));
    }
    return results;
  } finally {
    server.stop();
  }
}
