/**
 * Page speed: the cabinet, the ЦОК library (a browse, a search, an item with its access check) and
 * the indicators page rendered in-process (`fastify.inject`) on the demo world, by a teacher logged
 * in through the real ESIA login; ms per page, median and p99 over `runs` after a few warm-up
 * rounds. Target: every page under 200 ms.
 */
import { createWorld } from '../seeds/index.ts';
import { InjectBrowser } from '../sandbox/cabinet/inject-browser.ts';
import { createApp } from '../sandbox/index.ts';

export interface PageTiming {
  readonly page: string;
  readonly median: number;
  readonly p99: number;
  readonly max: number;
}

const round = (ms: number) => Math.round(ms * 10) / 10;

export async function benchPages(runs = 30, warmup = 3): Promise<PageTiming[]> {
  const app = await createApp({ world: createWorld({ seed: 42, scale: 'demo' }), clock: { at: '2026-11-23T10:00:00+03:00', frozen: true } });
  try {
    const created = await app.fastify.inject({
      method: 'POST',
      url: '/_edusim/sandboxes',
      payload: { scenarios: [{ name: 'consent-granted', params: { persona: 'teacher-with-rights' } }] },
    });
    const prefix = `/sandboxes/${created.json<{ id: string }>().id}`;
    const browser = new InjectBrowser(app.fastify);
    await browser.login(prefix, { persona: 'teacher-with-rights' });
    const pages: [string, string][] = [
      ['cabinet (/)', `${prefix}/`],
      ['library browse', `${prefix}/library?subject=MAT&grade=5`],
      ['library search', `${prefix}/library?q=${encodeURIComponent('дроби')}`],
      ['library item + access check', `${prefix}/library/MAT-05-0021`],
      ['indicators', `${prefix}/indicators`],
    ];
    const timings: PageTiming[] = [];
    for (const [page, url] of pages) {
      const times: number[] = [];
      for (let i = 0; i < warmup + runs; i++) {
        const started = performance.now();
        const answer = await browser.get(url);
        const ms = performance.now() - started;
        if (answer.statusCode !== 200) throw new Error(`[bench] ${url} answered ${answer.statusCode}`);
        if (i >= warmup) times.push(ms);
      }
      times.sort((a, b) => a - b);
      timings.push({
        page,
        median: round(times[Math.floor(times.length / 2)] ?? 0),
        p99: round(times[Math.min(times.length - 1, Math.floor(times.length * 0.99))] ?? 0),
        max: round(times[times.length - 1] ?? 0),
      });
    }
    return timings;
  } finally {
    await app.fastify.close();
  }
}
