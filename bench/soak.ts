/**
 * The soak (issue 8, "Tests and figures"): a mixed load for `minutes` (default 10) against a
 * server in its own process (bench/soak-server.ts: createApp with the demo world, as `edusim
 * start` serves it), from 50 concurrent workers in this process plus a steady sandbox churn:
 *
 * - the pupil's flow query (examples/flow.graphql, the default engine at /graphql) with the token
 *   of one of ~430 pupils and teachers, a random person per request;
 * - headless logins with the data-transfer consent (`POST /esia/sim/login`, by oid, one in ten by persona);
 * - consent revocations and grants (scenarios `consent-revoked` / `consent-granted`, by oid or persona);
 * - diary client-credentials tokens (`POST /diary/36/token`);
 * - `openLibraryItem` mutations (as teacher-with-rights, who may open ЦОК lessons);
 * - sandbox churn, `churnPerSecond` cycles a second: create a demo sandbox with fault rules (its
 *   diary answers 503 to half the schedule calls, ESIA's headless login is 5±5 ms slow), log a
 *   pupil in there, run the flow query in it (DIARY_UNAVAILABLE is then expected), read its
 *   journal count, reset it, delete it.
 *
 * Every request expects a 2xx. Per minute: req/s (flow and all), latency of the flow, errors
 * (network, 5xx, other non-2xx), the server's RSS (VmRSS of its process from /proc) and heap, the
 * load average. Then 30 s idle, a last reading, and one after a full GC in the server (diagnostic).
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { availableParallelism, loadavg } from 'node:os';
import { createInterface } from 'node:readline';
import { createWorld, findPersona, type Person } from '../seeds/index.ts';
import { BODY } from './flow-bench.ts';
import type { SoakServerStats } from './soak-server.ts';

type Kind = 'flow' | 'login' | 'consent' | 'diaryToken' | 'library' | 'churn';
const KINDS: readonly Kind[] = ['flow', 'login', 'consent', 'diaryToken', 'library', 'churn'];

/** The 50 workers' mix, in per cent (the churn runs beside them at its own rate). */
const MIX: readonly [Exclude<Kind, 'churn'>, number][] = [
  ['flow', 70],
  ['login', 12],
  ['consent', 6],
  ['diaryToken', 6],
  ['library', 6],
];
const CONNECTIONS = 50;
const LIBRARY_PERSONA = 'teacher-with-rights';
/** Personas that log in (pupil-no-child-account has no account of its own: ESIA refuses it, as it should). */
const LOGIN_PERSONAS = [
  'pupil-child-account',
  'pupil-teen-unlinked',
  'pupil-no-permission',
  'pupil-no-citizenship',
  'parent-two-schools',
  'teacher-with-rights',
  'teacher-no-rights',
  'teacher-no-lessons',
  'teacher-parent',
  'school-administrator',
  'esia-only-adult',
  'adult-simplified',
];
/** Personas whose consent the scenarios revoke and grant (not the library teacher: her mutations must keep working). */
const CONSENT_PERSONAS = ['pupil-child-account', 'pupil-teen-unlinked', 'pupil-no-permission', 'teacher-no-rights', 'teacher-parent', 'school-administrator'];
/** GraphQL errors (HTTP 200) the mix causes on purpose: a revoked consent, a person with two roles. */
const EXPECTED_CODES = new Set(['flow:CONSENT_REQUIRED', 'flow:ROLE_CHOICE_REQUIRED', 'churn:DIARY_UNAVAILABLE']);
/** The churn sandboxes' faults: they fire on purpose, and what they cause is expected. */
const CHURN_FAULTS = [
  { system: 'diary', region: '36', operation: 'schedule', action: { kind: 'status', status: 503 }, probability: 0.5 },
  { system: 'esia', operation: 'sim-login', action: { kind: 'latency', ms: 5, jitterMs: 5 } },
];
const LIBRARY_MUTATION = JSON.stringify({ query: 'mutation { openLibraryItem(id: "PHY-08-0001") { item { id } openedAt } }' });
const DIARY_FORM = 'grant_type=client_credentials&client_id=FGIS_MYSCHOOL&client_secret=myschool-secret';

const mb = (bytes: number) => Math.round(bytes / 2 ** 20);

interface Answer {
  readonly status: number;
  readonly text: string;
}

interface Bucket {
  readonly requests: Record<Kind, number>;
  net: number;
  server: number;
  refused: number;
  readonly flowMs: number[];
}

export interface SoakMinute {
  readonly minute: number;
  readonly seconds: number;
  readonly flowPerSecond: number;
  readonly allPerSecond: number;
  readonly flowP50: number;
  readonly flowP99: number;
  /** Network failures, 5xx, other non-2xx. */
  readonly errors: { readonly net: number; readonly server: number; readonly refused: number };
  readonly rssMb: number;
  readonly heapMb: number;
  readonly heapTotalMb: number;
  /** CPU used in the minute, in % of one core: the server's process and this one (the load generator). */
  readonly serverCpu: number | null;
  readonly clientCpu: number;
  readonly load: number;
}

export interface SoakReading {
  readonly rssMb: number;
  /** V8's heap: used, and reserved (what it grew to). */
  readonly heapMb: number;
  readonly heapTotalMb: number;
  /** Off the V8 heap: buffers and other C++ objects bound to JavaScript ones. */
  readonly externalMb: number;
  readonly stores: Record<string, number>;
}

export interface SoakResult {
  readonly minutes: readonly SoakMinute[];
  readonly people: number;
  readonly churnPerSecond: number;
  readonly idleSeconds: number;
  readonly start: SoakReading;
  readonly afterMinute: SoakReading;
  readonly end: SoakReading;
  readonly idle: SoakReading;
  readonly afterGc: SoakReading;
  readonly totals: Record<Kind, number>;
  readonly errors: number;
  readonly errorSamples: readonly string[];
  readonly graphqlErrors: Readonly<Record<string, number>>;
  readonly unexpectedGraphqlErrors: number;
}

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

/** CPU seconds (user + system) a process has used so far (Linux, /proc; 100 ticks a second); null where /proc is not there. */
function cpuSecondsOf(pid: number): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

/** VmRSS of a process, in bytes (Linux); null where /proc is not there. */
function rssOf(pid: number): number | null {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m?.[1] ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/** The soak server in its own process: its URL, its pid, and its stats on demand. */
async function startSoakServer(): Promise<{ url: string; pid: number; stats: (gc?: boolean) => Promise<SoakServerStats>; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', new URL('./soak-server.ts', import.meta.url).pathname], {
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { ...process.env, NODE_ENV: 'production' },
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const waiting: ((line: string) => void)[] = [];
  const lines = createInterface({ input: child.stdout });
  const url = await new Promise<string>((resolve, reject) => {
    lines.once('line', (line) => resolve(line.trim()));
    child.once('exit', (code) => reject(new Error(`[bench] soak server exited with ${code}`)));
  });
  lines.on('line', (line) => waiting.shift()?.(line));
  return {
    url,
    pid: child.pid ?? 0,
    stats: (gc = false) =>
      new Promise((resolve) => {
        waiting.push((line) => resolve(JSON.parse(line) as SoakServerStats));
        child.stdin.write(gc ? 'gc\n' : 'stats\n');
      }),
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Pupils and teachers of region 36 with an ESIA account (their oids): whom the mix logs in and queries for. */
function soakPeople(): { pupils: number[]; teachers: number[] } {
  const people = createWorld({ seed: 42, scale: 'demo' }).region('36');
  const oidsOf = (persons: (Person | undefined)[]) => persons.flatMap((p) => (p?.account ? [p.account.oid] : []));
  return {
    pupils: oidsOf(Array.from({ length: people.layout.pupilCount }, (_, i) => people.pupil(i))),
    teachers: oidsOf(Array.from({ length: people.layout.teacherCount }, (_, t) => people.teacher(t))),
  };
}

export interface SoakOptions {
  readonly minutes: number;
  readonly churnPerSecond?: number;
  readonly idleSeconds?: number;
  /** Where the per-minute lines go as they come. */
  readonly write: (text: string) => void;
}

export async function benchSoak(options: SoakOptions): Promise<SoakResult> {
  const { minutes, write, churnPerSecond = 3, idleSeconds = 30 } = options;
  const server = await startSoakServer();
  const { hostname, port } = new URL(server.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS + 16 });

  const send = (method: string, path: string, headers: Record<string, string>, body?: string): Promise<Answer> =>
    new Promise((resolve) => {
      const request = http.request(
        {
          host: hostname,
          port,
          method,
          path,
          agent,
          headers: body === undefined ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
          response.on('error', (error) => resolve({ status: 0, text: error.message }));
        },
      );
      request.setTimeout(30_000, () => request.destroy(new Error('no answer within 30 s')));
      request.on('error', (error) => resolve({ status: 0, text: error.message }));
      request.end(body);
    });
  const json = { 'content-type': 'application/json' };
  const inSandbox = (id: string | undefined): Record<string, string> => (id ? { 'x-edusim-sandbox': id } : {});
  const login = (who: { oid: number } | { persona: string }, sandbox?: string) =>
    send('POST', '/esia/sim/login', { ...json, ...inSandbox(sandbox) }, JSON.stringify({ ...who, consent: true }));
  const tokenOf = (answer: Answer) => (answer.status === 200 ? ((JSON.parse(answer.text) as { access_token?: string }).access_token ?? null) : null);

  try {
    // Everyone logs in once (the consent recorded), so every flow query has a token.
    const { pupils, teachers } = soakPeople();
    const oids = [...pupils, ...teachers];
    const tokens = new Map<number, string>();
    for (let i = 0; i < oids.length; i += 10) {
      await Promise.all(
        oids.slice(i, i + 10).map(async (oid) => {
          const token = tokenOf(await login({ oid }));
          if (!token) throw new Error(`[bench] person ${oid} could not log in`);
          tokens.set(oid, token);
        }),
      );
    }
    const libraryOid = findPersona(createWorld({ seed: 42, scale: 'demo' }), LIBRARY_PERSONA).person.account?.oid ?? 0;
    const libraryToken = tokenOf(await login({ persona: LIBRARY_PERSONA }));
    if (!libraryToken) throw new Error(`[bench] ${LIBRARY_PERSONA} could not log in`);
    tokens.set(libraryOid, libraryToken);
    const probe = await send('POST', '/graphql', { ...json, authorization: `Bearer ${libraryToken}` }, LIBRARY_MUTATION);
    if (probe.status !== 200 || probe.text.includes('"errors"'))
      throw new Error(`[bench] openLibraryItem does not work: ${probe.status} ${probe.text.slice(0, 300)}`);
    const revocable = oids.filter((oid) => oid !== libraryOid);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(Math.random() * list.length)] as T;

    const buckets: Bucket[] = [];
    const bucketOf = (at: number): Bucket => {
      const index = Math.min(Math.ceil(minutes) - 1, Math.floor((at - t0) / 60_000));
      let bucket = buckets[index];
      if (!bucket) {
        bucket = { requests: { flow: 0, login: 0, consent: 0, diaryToken: 0, library: 0, churn: 0 }, net: 0, server: 0, refused: 0, flowMs: [] };
        buckets[index] = bucket;
      }
      return bucket;
    };
    const errorSamples: string[] = [];
    const graphqlErrors: Record<string, number> = {};
    /** Counts one answer; true if it is a 2xx. */
    const record = (kind: Kind, path: string, answer: Answer, startedAt: number): boolean => {
      const now = performance.now();
      const bucket = bucketOf(now);
      bucket.requests[kind] += 1;
      if (kind === 'flow') bucket.flowMs.push(now - startedAt);
      const ok = answer.status >= 200 && answer.status < 300;
      if (!ok) {
        if (answer.status === 0) bucket.net += 1;
        else if (answer.status >= 500) bucket.server += 1;
        else bucket.refused += 1;
        if (errorSamples.length < 10) errorSamples.push(`${kind} ${path} → ${answer.status || 'network error'}: ${answer.text.slice(0, 200)}`);
      } else if ((kind === 'flow' || kind === 'library' || kind === 'churn') && answer.text.includes('"errors"')) {
        const errors = (JSON.parse(answer.text) as { errors?: { message?: string; extensions?: { code?: string } }[] }).errors ?? [];
        // Each code once per answer: a revoked consent fails both the registry and the diary of one query.
        for (const key of new Set(errors.map((e) => `${kind}:${e.extensions?.code ?? 'no code'}`))) {
          graphqlErrors[key] = (graphqlErrors[key] ?? 0) + 1;
          const message = errors.find((e) => `${kind}:${e.extensions?.code ?? 'no code'}` === key)?.message ?? '';
          if (!EXPECTED_CODES.has(key) && errorSamples.length < 10) errorSamples.push(`${kind} ${path} → 200 with ${key}: ${message.slice(0, 200)}`);
        }
      }
      return ok;
    };
    const timed = async (kind: Kind, path: string, headers: Record<string, string>, body?: string, method = 'POST'): Promise<Answer & { ok: boolean }> => {
      const startedAt = performance.now();
      const answer = await send(method, path, headers, body);
      return { ...answer, ok: record(kind, path, answer, startedAt) };
    };

    let revoke = true;
    const one = async (kind: Exclude<Kind, 'churn'>): Promise<void> => {
      switch (kind) {
        case 'flow': {
          const oid = pick(oids);
          await timed('flow', '/graphql', { ...json, authorization: `Bearer ${tokens.get(oid)}` }, BODY);
          return;
        }
        case 'login': {
          const byPersona = Math.random() < 0.1;
          const oid = pick(oids);
          const body = JSON.stringify(byPersona ? { persona: pick(LOGIN_PERSONAS), consent: true } : { oid, consent: true });
          const answer = await timed('login', '/esia/sim/login', json, body);
          if (answer.ok && !byPersona) tokens.set(oid, tokenOf(answer) ?? tokens.get(oid) ?? '');
          return;
        }
        case 'consent': {
          const name = revoke ? 'consent-revoked' : 'consent-granted';
          revoke = !revoke;
          const params = Math.random() < 0.2 ? { persona: pick(CONSENT_PERSONAS) } : { oid: pick(revocable) };
          await timed('consent', '/_edusim/sandboxes/default/scenarios', json, JSON.stringify({ name, params }));
          return;
        }
        case 'diaryToken':
          await timed('diaryToken', '/diary/36/token', { 'content-type': 'application/x-www-form-urlencoded' }, DIARY_FORM);
          return;
        case 'library':
          await timed('library', '/graphql', { ...json, authorization: `Bearer ${tokens.get(libraryOid)}` }, LIBRARY_MUTATION);
          return;
      }
    };
    const wheel: Exclude<Kind, 'churn'>[] = MIX.flatMap(([kind, share]) => Array<Exclude<Kind, 'churn'>>(share).fill(kind));
    const churnOnce = async (): Promise<void> => {
      const created = await timed('churn', '/_edusim/sandboxes', json, JSON.stringify({ scale: 'demo', seed: 42, faults: CHURN_FAULTS }));
      if (!created.ok) return;
      const id = (JSON.parse(created.text) as { id: string }).id;
      const oid = pick(pupils);
      const logged = await timed('churn', '/esia/sim/login', { ...json, ...inSandbox(id) }, JSON.stringify({ oid, consent: true }));
      const token = logged.ok ? tokenOf(logged) : null;
      if (token) await timed('churn', '/graphql', { ...json, ...inSandbox(id), authorization: `Bearer ${token}` }, BODY);
      await timed('churn', `/_edusim/sandboxes/${id}/journal/count?system=diary`, {}, undefined, 'GET');
      await timed('churn', `/_edusim/sandboxes/${id}/reset`, {}, undefined, 'POST');
      await timed('churn', `/_edusim/sandboxes/${id}`, {}, undefined, 'DELETE');
    };

    // Readings: RSS from /proc, heap and store sizes from the server.
    const reading = async (gc = false): Promise<SoakReading> => {
      const stats = await server.stats(gc);
      return {
        rssMb: mb(rssOf(server.pid) ?? stats.memory.rss),
        heapMb: mb(stats.memory.heapUsed),
        heapTotalMb: mb(stats.memory.heapTotal),
        externalMb: mb(stats.memory.external),
        stores: stats.stores,
      };
    };
    const start = await reading();
    write(
      `\nsoak: ${minutes} min of mixed load on the default engine against a server in its own process (bench/soak-server.ts: createApp, demo world, as \`edusim start\` serves it; pid ${server.pid}), ` +
        `${CONNECTIONS} concurrent requests (${MIX.map(([k, s]) => `${k} ${s} %`).join(', ')}; ${oids.length} pupils and teachers, a random one per request) ` +
        `plus sandbox churn (create, log in, flow, delete) ${churnPerSecond}/s; load average at start ${loadavg()
          .map((l) => l.toFixed(2))
          .join(' ')} on ${availableParallelism()} cores:\n`,
    );
    write(`minute  flow req/s  all req/s  flow p50/p99 ms  errors (net/5xx/other)  server RSS  heap used/total  CPU server/client  load avg\n`);

    let cpuMark = { server: cpuSecondsOf(server.pid), client: process.cpuUsage() };
    const t0 = performance.now();
    const end = t0 + minutes * 60_000;
    const minuteRows: SoakMinute[] = [];
    const readings: SoakReading[] = [];
    const closeMinute = async (index: number, seconds: number): Promise<void> => {
      const r = await reading();
      readings.push(r);
      const cpuNow = { server: cpuSecondsOf(server.pid), client: process.cpuUsage() };
      const clientUs = cpuNow.client.user + cpuNow.client.system - cpuMark.client.user - cpuMark.client.system;
      const serverCpu = cpuNow.server !== null && cpuMark.server !== null ? Math.round(((cpuNow.server - cpuMark.server) / seconds) * 100) : null;
      const clientCpu = Math.round((clientUs / 1e6 / seconds) * 100);
      cpuMark = cpuNow;
      const b = buckets[index] ?? bucketOf(t0 + index * 60_000);
      const all = KINDS.reduce((sum, k) => sum + b.requests[k], 0);
      const flowMs = [...b.flowMs].sort((x, y) => x - y);
      const row: SoakMinute = {
        minute: index + 1,
        seconds,
        flowPerSecond: Math.round(b.requests.flow / seconds),
        allPerSecond: Math.round(all / seconds),
        flowP50: Math.round(quantile(flowMs, 0.5)),
        flowP99: Math.round(quantile(flowMs, 0.99)),
        errors: { net: b.net, server: b.server, refused: b.refused },
        rssMb: r.rssMb,
        heapMb: r.heapMb,
        heapTotalMb: r.heapTotalMb,
        serverCpu,
        clientCpu,
        load: Math.round((loadavg()[0] ?? 0) * 100) / 100,
      };
      minuteRows.push(row);
      write(
        `${String(row.minute).padStart(6)}  ${String(row.flowPerSecond).padStart(10)}  ${String(row.allPerSecond).padStart(9)}  ${`${row.flowP50} / ${row.flowP99}`.padStart(15)}  ${`${b.net} / ${b.server} / ${b.refused}`.padStart(22)}  ${`${row.rssMb} MB`.padStart(10)}  ${`${row.heapMb} / ${row.heapTotalMb} MB`.padStart(15)}  ${`${serverCpu ?? '?'} % / ${clientCpu} %`.padStart(17)}  ${row.load.toFixed(2).padStart(8)}\n`,
      );
    };

    const workers = Array.from({ length: CONNECTIONS }, async () => {
      while (performance.now() < end) await one(pick(wheel));
    });
    const churn = (async () => {
      const inFlight = new Set<Promise<void>>();
      for (let next = t0; next < end; next += 1000 / churnPerSecond) {
        const wait = next - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        if (inFlight.size >= 8) continue;
        const cycle = churnOnce().finally(() => inFlight.delete(cycle));
        inFlight.add(cycle);
      }
      await Promise.all(inFlight);
    })();
    // Each minute's figures as soon as it is over (the last one after the in-flight requests are in).
    const whole = Math.ceil(minutes);
    for (let i = 0; i < whole - 1; i++) {
      const wait = t0 + (i + 1) * 60_000 - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      await closeMinute(i, 60);
    }
    await Promise.all([...workers, churn]);
    await closeMinute(whole - 1, (end - (t0 + (whole - 1) * 60_000)) / 1000);
    await new Promise((r) => setTimeout(r, idleSeconds * 1000));
    const idle = await reading();
    const afterGc = await reading(true);

    const totals = { flow: 0, login: 0, consent: 0, diaryToken: 0, library: 0, churn: 0 };
    for (const b of buckets) for (const k of KINDS) totals[k] += b?.requests[k] ?? 0;
    const errors = minuteRows.reduce((sum, m) => sum + m.errors.net + m.errors.server + m.errors.refused, 0);
    const unexpectedGraphqlErrors = Object.entries(graphqlErrors)
      .filter(([key]) => !EXPECTED_CODES.has(key))
      .reduce((sum, [, n]) => sum + n, 0);
    return {
      minutes: minuteRows,
      people: oids.length,
      churnPerSecond,
      idleSeconds,
      start,
      afterMinute: readings[0] ?? start,
      end: readings[readings.length - 1] ?? start,
      idle,
      afterGc,
      totals,
      errors,
      errorSamples,
      graphqlErrors,
      unexpectedGraphqlErrors,
    };
  } finally {
    agent.destroy();
    await server.stop();
  }
}

/** The summary under the per-minute lines: the figures beside their targets, and the issue's baseline. */
export function formatSoak(r: SoakResult): string {
  const first = r.minutes[0];
  const last = r.minutes[r.minutes.length - 1];
  if (!first || !last) return 'soak: no minute recorded\n';
  const ratio = (a: number, b: number) => (b > 0 ? a / b : 0).toFixed(2);
  const peakFlow = Math.max(...r.minutes.map((m) => m.flowPerSecond));
  const flat = r.end.rssMb / r.afterMinute.rssMb;
  const heap = (x: SoakReading) => `${x.heapMb} / ${x.heapTotalMb} MB`;
  const lines = [
    `req/s, last minute / first minute: flow ${last.flowPerSecond} / ${first.flowPerSecond} = ${ratio(last.flowPerSecond, first.flowPerSecond)}, all ${last.allPerSecond} / ${first.allPerSecond} = ${ratio(last.allPerSecond, first.allPerSecond)} (target ≥ 0.90); flow, last / best minute = ${ratio(last.flowPerSecond, peakFlow)}`,
    `server RSS: start ${r.start.rssMb} MB, after 1 min ${r.afterMinute.rssMb} MB, end ${r.end.rssMb} MB, after ${r.idleSeconds} s idle ${r.idle.rssMb} MB; end / after 1 min = ${flat.toFixed(2)} (target ≤ 1.20: flat after the first minute's warm-up)`,
    `server heap used / total: start ${heap(r.start)}, after 1 min ${heap(r.afterMinute)}, end ${heap(r.end)}, idle ${heap(r.idle)}; after a full GC in the server ${heap(r.afterGc)}, RSS then ${r.afterGc.rssMb} MB (external ${r.afterGc.externalMb} MB)`,
    `errors (network, 5xx, non-2xx where a 2xx was expected): ${r.errors} (target 0); GraphQL errors in 200 answers: ${
      Object.entries(r.graphqlErrors)
        .map(([k, n]) => `${k} ${n}${EXPECTED_CODES.has(k) ? '' : ' (unexpected)'}`)
        .join(', ') || 'none'
    }`,
    `requests: ${Object.entries(r.totals)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ')} (churn: ${r.churnPerSecond} sandboxes/s, 6 requests each, faults firing)`,
    `stores start → 1 min → end → idle: ${Object.keys(r.start.stores)
      .map((k) => `${k} ${r.start.stores[k]} → ${r.afterMinute.stores[k]} → ${r.end.stores[k]} → ${r.idle.stores[k]}`)
      .join('; ')}`,
    `before (issue 8): 2172 → 543 req/s, RSS 231 → 781 MB`,
    ...r.errorSamples.map((s) => `  sample: ${s}`),
  ];
  return `${lines.join('\n')}\n`;
}
