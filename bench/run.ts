/**
 * `npm run bench` — prints the figures the issues ask for. A benchmark, never a test: numbers
 * vary with the machine; compare ratios within one run. `--quick` skips the region export.
 */
import { execFileSync } from 'node:child_process';
import { benchFlow } from './flow-bench.ts';
import { benchCreate, benchExport, benchLookups } from './world-bench.ts';

const quick = process.argv.includes('--quick');
const child = process.argv.find((a) => a.startsWith('--child='))?.slice('--child='.length);

if (child === 'create') {
  process.stdout.write(JSON.stringify(benchCreate()));
} else if (child === 'export') {
  process.stdout.write(JSON.stringify(await benchExport()));
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
}
