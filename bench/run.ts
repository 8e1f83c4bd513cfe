/**
 * `npm run bench` — prints the figures the issues ask for. A benchmark, never a test: numbers
 * vary with the machine; compare ratios within one run. `--quick` skips the region export,
 * shortens the sandbox flow runs to 5 s and the soak to 1 minute. The soak (bench/soak.ts) runs
 * last, 10 minutes unless `--soak-minutes N`; `--only-soak` runs the soak alone; `--only-pages`
 * times the cabinet, library and indicators pages alone (bench/pages-bench.ts).
 */
import { execFileSync } from 'node:child_process';
import { benchFlow } from './flow-bench.ts';
import { benchActivity } from './indicators-bench.ts';
import { benchPages, type PageTiming } from './pages-bench.ts';
import { benchToolkit } from './toolkit-bench.ts';
import { benchSandboxFlow, benchSandboxLifecycle, benchSandboxMemory, benchStartup } from './sandbox-bench.ts';
import { benchSoak, formatSoak } from './soak.ts';
import { benchCreate, benchExport, benchLookups } from './world-bench.ts';

const quick = process.argv.includes('--quick');
const onlySoak = process.argv.includes('--only-soak');
const onlyPages = process.argv.includes('--only-pages');
const child = process.argv.find((a) => a.startsWith('--child='))?.slice('--child='.length);

/** `--soak-minutes N` (or `=N`): how long the soak runs; default 10, 1 with --quick. */
function soakMinutes(): number {
  const at = process.argv.findIndex((a) => a === '--soak-minutes' || a.startsWith('--soak-minutes='));
  if (at < 0) return quick ? 1 : 10;
  const arg = process.argv[at] ?? '';
  const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : process.argv[at + 1];
  const minutes = Number(value);
  if (!value || !Number.isFinite(minutes) || minutes <= 0 || minutes > 24 * 60)
    throw new Error(`[bench] --soak-minutes ${JSON.stringify(value ?? '')} is not valid: expected a number of minutes above 0 (at most 1440)`);
  return minutes;
}

async function soak(): Promise<void> {
  const result = await benchSoak({ minutes: soakMinutes(), write: (text) => process.stdout.write(text) });
  process.stdout.write(formatSoak(result));
}

/** The pages' rows: ms per page, target < 200 ms. */
function pageRows(timings: readonly PageTiming[]): [string, string, string][] {
  return timings.map((t) => [
    `page: ${t.page}`,
    `median ${t.median} ms, p99 ${t.p99} ms`,
    `max ${t.max} ms, in-process inject on the demo world (target < 200 ms)`,
  ]);
}

if (child === 'create') {
  process.stdout.write(JSON.stringify(benchCreate()));
} else if (child === 'export') {
  process.stdout.write(JSON.stringify(await benchExport()));
} else if (child === 'sandbox-lifecycle') {
  process.stdout.write(JSON.stringify(await benchSandboxLifecycle()));
} else if (child === 'sandbox-memory') {
  process.stdout.write(JSON.stringify(await benchSandboxMemory()));
} else if (child === 'pages') {
  process.stdout.write(JSON.stringify(await benchPages()));
} else if (onlyPages) {
  for (const [what, value, note] of pageRows(await benchPages())) process.stdout.write(`${what.padEnd(36)}  ${value.padEnd(30)}  ${note}\n`);
} else if (child === 'toolkit') {
  process.stdout.write(JSON.stringify(benchToolkit()));
} else if (child === 'activity') {
  process.stdout.write(JSON.stringify(benchActivity()));
} else if (onlySoak) {
  process.stdout.write(`edusim bench (soak only) — node ${process.version}, ${new Date().toISOString()}\n`);
  await soak();
} else {
  const here = new URL('../bin/bench.mjs', import.meta.url).pathname;
  // A fresh process, so resident memory is the world's and the runtime's, nothing else.
  const create = JSON.parse(execFileSync(process.execPath, ['--expose-gc', here, '--child=create'], { encoding: 'utf8' }));
  const table: [string, string, string][] = [
    ['create country world', `${create.ms} ms`, `RSS ${create.rssBeforeMb} → ${create.rssAfterMb} MB (target < 1 s, < 200 MB)`],
  ];
  const lookups = benchLookups();
  table.push(['person by oid (country)', `median ${lookups.oidMedianUs} µs, p99 ${lookups.oidP99Us} µs`, `${lookups.lookups} lookups, target median < 50 µs`]);
  table.push([
    'person by SNILS (country)',
    `median ${lookups.snilsMedianUs} µs, p99 ${lookups.snilsP99Us} µs`,
    `slowest region skeleton build ${lookups.slowestRegionBuildMs} ms; RSS with all 89 regions ${lookups.rssAllRegionsMb} MB`,
  ]);
  if (!quick) {
    // Its own process too, so the resident memory is the export's alone.
    const exp = JSON.parse(execFileSync(process.execPath, ['--expose-gc', here, '--child=export'], { encoding: 'utf8', maxBuffer: 1 << 20 }));
    table.push([
      `export region ${exp.region} (jsonl)`,
      `${exp.seconds} s`,
      `${exp.pupils} pupils, ${exp.rows} rows (${exp.marks} marks), ${exp.gigabytes} GiB; RSS ${exp.rssMinMb}–${exp.rssMaxMb} MB while running (target < 120 s, flat)`,
    ]);
  }
  // Sandboxes, each in a fresh process: its heap holds the host and its sandboxes, nothing else.
  const life = JSON.parse(execFileSync(process.execPath, ['--expose-gc', here, '--child=sandbox-lifecycle'], { encoding: 'utf8' }));
  table.push([
    'create demo sandbox (registry)',
    `median ${life.create.median} ms, p99 ${life.create.p99} ms`,
    `${life.creations} creations in-process through app.registry, max ${life.create.max} ms (target median < 50 ms, p99 < 100 ms)`,
  ]);
  table.push([
    'reset demo sandbox (registry)',
    `median ${life.reset.median} ms, p99 ${life.reset.p99} ms`,
    `${life.resets} resets, each after a consent, a parent link and a diary fault; max ${life.reset.max} ms (target median < 50 ms, p99 < 100 ms)`,
  ]);
  const mem = JSON.parse(execFileSync(process.execPath, ['--expose-gc', here, '--child=sandbox-memory'], { encoding: 'utf8' }));
  table.push([
    `memory per idle demo sandbox`,
    `RSS ${mem.rssPerSandboxMb} MB, heap ${mem.heapPerSandboxMb} MB`,
    `${mem.sandboxes} alive, after gc; external ${mem.externalPerSandboxMb} MB; heap ${mem.heapBeforeMb} → ${mem.heapAfterMb} MB (target < 2 MB each)`,
  ]);
  table.push([
    `RSS with ${mem.sandboxes} sandboxes alive`,
    `${mem.rssAfterMb} MB`,
    `${mem.rssBeforeMb} MB with the default one alone; ${mem.sandboxes} created in ${mem.createSeconds} s (target < 1 GB)`,
  ]);
  const kit = JSON.parse(execFileSync(process.execPath, ['--expose-gc', here, '--child=toolkit'], { encoding: 'utf8' }));
  table.push([
    'journal entry + fault pick',
    `${kit.recordNs} ns + ${kit.pickNs} ns per call`,
    `200 000 calls into a full 5 000-entry ring, 11 rules tried; a filtered query over the ring ${kit.queryMs} ms`,
  ]);
  table.push([
    'journal memory',
    `${kit.bytesPerEntry} B per entry`,
    `a full ring: ${kit.defaultCapMb} MB at the default cap (5 000), ${kit.maxCapMb} MB at the largest (100 000)`,
  ]);
  const act = JSON.parse(execFileSync(process.execPath, ['--expose-gc', here, '--child=activity'], { encoding: 'utf8' }));
  table.push([
    'activity indicators (region 36, CPU)',
    `first ${act.firstMs} ms, later date ${act.laterMs} ms`,
    `${act.pupils} pupils, ${act.parents} parents, ${act.teachers} teachers, ${act.schools} schools; an earlier date ${act.earlierMs} ms, cached ${act.cachedMs} ms; a person's last login ${act.lastLoginUs} µs`,
  ]);
  // Pages in a fresh process as well: the demo world and one sandbox, nothing left from above.
  table.push(...pageRows(JSON.parse(execFileSync(process.execPath, ['--expose-gc', here, '--child=pages'], { encoding: 'utf8' }))));
  const startup = await benchStartup(5);
  table.push([
    '`edusim start` to /health 200',
    `median ${startup.median} ms`,
    `${startup.runs} runs of \`edusim start --port 0\`, ${startup.min}–${startup.max} ms; "listening" printed after ${startup.listeningMedian} ms (target < 1 s)`,
  ]);
  const width = Math.max(...table.map((r) => r[0].length));
  process.stdout.write(`edusim bench — node ${process.version}, ${new Date().toISOString()}\n`);
  for (const [what, value, note] of table) process.stdout.write(`${what.padEnd(width)}  ${value.padEnd(34)}  ${note}\n`);

  const flow = await benchFlow(10);
  const [own, apollo, limit] = flow;
  process.stdout.write(`\nflow query for a pupil (name, registry, a week of diary), 50 connections, persona varies per request, 10 s each:\n`);
  const w2 = Math.max(...flow.map((r) => r.engine.length));
  for (const r of flow)
    process.stdout.write(
      `${r.engine.padEnd(w2)}  ${String(r.requestsPerSecond).padStart(6)} req/s  p50 ${String(r.p50).padStart(4)} ms  p99 ${String(r.p99).padStart(5)} ms  errors ${r.errors}\n`,
    );
  if (own && apollo && limit) {
    process.stdout.write(
      `default / @apollo/gateway = ${(own.requestsPerSecond / apollo.requestsPerSecond).toFixed(1)}× (target ≥ 5×); default / limit = ${(own.requestsPerSecond / limit.requestsPerSecond).toFixed(2)} (target ≥ 0.33); default p99 ${own.p99} ms (target < 25 ms)\n`,
    );
  }

  const sandboxSeconds = quick ? 5 : 10;
  const mix = await benchSandboxFlow(sandboxSeconds);
  process.stdout.write(
    `\nthe same flow on the default engine, ${mix.tokens} pupils, ${sandboxSeconds} s each: the default sandbox alone, then spread over ${mix.sandboxes} sandboxes (a token minted in each, its X-Edusim-Sandbox header):\n`,
  );
  const w3 = Math.max(...[mix.alone, mix.mixed].map((r) => r.engine.length));
  for (const r of [mix.alone, mix.mixed])
    process.stdout.write(
      `${r.engine.padEnd(w3)}  ${String(r.requestsPerSecond).padStart(6)} req/s  p50 ${String(r.p50).padStart(4)} ms  p99 ${String(r.p99).padStart(5)} ms  errors ${r.errors}\n`,
    );
  process.stdout.write(
    `${mix.sandboxes} sandboxes / default alone = ${(mix.mixed.requestsPerSecond / mix.alone.requestsPerSecond).toFixed(2)} (target ≥ 0.90, within 10 %)\n`,
  );

  await soak();
}
