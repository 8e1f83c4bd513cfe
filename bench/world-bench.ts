/** World benchmarks: country creation, lookups by oid and SNILS, a region's streamed export. */
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createWorld, exportWorld } from '../seeds/index.ts';

const mb = (bytes: number) => Math.round((bytes / 2 ** 20) * 10) / 10;

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

export function benchCreate(): { ms: number; rssBeforeMb: number; rssAfterMb: number } {
  globalThis.gc?.();
  const before = process.memoryUsage().rss;
  const start = performance.now();
  const world = createWorld({ seed: 42, scale: 'country' });
  const ms = performance.now() - start;
  const after = process.memoryUsage().rss;
  if (world.regions.length !== 89) throw new Error('country world must have 89 regions');
  return { ms: Math.round(ms * 1000) / 1000, rssBeforeMb: mb(before), rssAfterMb: mb(after) };
}

export function benchLookups(samples = 20_000): Record<string, number> {
  const world = createWorld({ seed: 42, scale: 'country' });
  // Pick people spread over every region (this warms each region's skeleton once).
  const oids: number[] = [];
  const snils: string[] = [];
  let warmMs = 0;
  for (let i = 0; oids.length < samples; i++) {
    const region = world.regions[i % world.regions.length];
    if (!region) break;
    const t = performance.now();
    const people = world.region(region.code);
    warmMs = Math.max(warmMs, performance.now() - t);
    const pupil = people.pupil((i * 7919) % people.layout.pupilCount);
    snils.push(pupil.snils);
    const teacher = people.teacher((i * 104_729) % people.layout.teacherCount);
    if (teacher?.account) oids.push(teacher.account.oid);
    if (pupil.account) oids.push(pupil.account.oid);
  }
  const time = (fn: (i: number) => unknown, n: number) => {
    const times: number[] = [];
    for (let i = 0; i < n; i++) {
      const t = performance.now();
      if (!fn(i)) throw new Error('lookup missed');
      times.push((performance.now() - t) * 1000);
    }
    return times.sort((a, b) => a - b);
  };
  const byOid = time((i) => world.personByOid(oids[i] ?? 0), oids.length);
  const bySnils = time((i) => world.personBySnils(snils[i] ?? ''), snils.length);
  return {
    lookups: oids.length,
    oidMedianUs: Math.round(quantile(byOid, 0.5) * 10) / 10,
    oidP99Us: Math.round(quantile(byOid, 0.99) * 10) / 10,
    snilsMedianUs: Math.round(quantile(bySnils, 0.5) * 10) / 10,
    snilsP99Us: Math.round(quantile(bySnils, 0.99) * 10) / 10,
    slowestRegionBuildMs: Math.round(warmMs),
    rssAllRegionsMb: mb(process.memoryUsage().rss),
  };
}

export async function benchExport(region = '36'): Promise<Record<string, number | string>> {
  const world = createWorld({ seed: 42, scale: 'region', region });
  const dir = await mkdtemp(join(tmpdir(), 'edusim-bench-'));
  const out = join(dir, 'export');
  const rss: number[] = [];
  const timer = setInterval(() => rss.push(process.memoryUsage().rss), 1000);
  const start = performance.now();
  try {
    const summary = await exportWorld({ world, region, outDir: out, format: 'jsonl' });
    const seconds = (performance.now() - start) / 1000;
    let bytes = 0;
    for (const f of await readdir(out)) bytes += (await stat(join(out, f))).size;
    const rows = Object.values(summary.files).reduce((a, b) => a + b, 0);
    const tail = rss.slice(Math.floor(rss.length / 4));
    return {
      region,
      pupils: world.region(region).layout.pupilCount,
      seconds: Math.round(seconds * 10) / 10,
      rows,
      marks: summary.files['marks.jsonl'] ?? 0,
      gigabytes: Math.round((bytes / 2 ** 30) * 100) / 100,
      rssMinMb: mb(Math.min(...tail)),
      rssMaxMb: mb(Math.max(...tail)),
    };
  } finally {
    clearInterval(timer);
    await rm(dir, { recursive: true, force: true });
  }
}
