/**
 * The load phase (docs/verify.md «Under load»): requests at a fixed rate for a while, each fired
 * on its own schedule whether or not the earlier ones have answered (an open loop, as users
 * arrive), all to the diary's address and nowhere else; then latency percentiles and the error
 * rate.
 */
import { judged } from './judge.ts';
import type { Exchange } from './probe.ts';
import type { CheckResult, LatencyStats } from './verdict.ts';

export interface LoadOptions {
  /** Requests per second. */
  readonly rate: number;
  readonly durationMs: number;
}

/** The nearest-rank percentile of ascending values; null for none. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length))) - 1] ?? null;
}

export function latencyStats(exchanges: readonly Exchange[], options: LoadOptions): LatencyStats {
  const answered = exchanges
    .filter((e) => e.status === 200)
    .map((e) => e.latencyMs)
    .sort((a, b) => a - b);
  const errors = exchanges.length - answered.length;
  return {
    requests: exchanges.length,
    errors,
    errorRate: exchanges.length === 0 ? 0 : errors / exchanges.length,
    p50Ms: percentile(answered, 50),
    p95Ms: percentile(answered, 95),
    p99Ms: percentile(answered, 99),
    maxMs: answered.at(-1) ?? null,
    rate: options.rate,
    durationMs: options.durationMs,
  };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Fires `fire(i)` `rate × duration` times on a fixed schedule; resolves when every request has answered or timed out. */
export async function runLoad(
  fire: (i: number) => Promise<Exchange>,
  options: LoadOptions,
  progress?: (done: number, total: number) => void,
): Promise<Exchange[]> {
  const total = Math.max(1, Math.round((options.rate * options.durationMs) / 1000));
  const interval = 1000 / options.rate;
  const started = performance.now();
  const pending: Promise<Exchange>[] = [];
  let done = 0;
  for (let i = 0; i < total; i++) {
    const wait = started + i * interval - performance.now();
    if (wait > 0) await sleep(wait);
    pending.push(
      fire(i).then((exchange) => {
        done += 1;
        progress?.(done, total);
        return exchange;
      }),
    );
  }
  return Promise.all(pending);
}

const ms = (value: number | null) => (value === null ? '—' : `${value} мс`);

export function loadLatency(stats: LatencyStats, budgetMs: number, exchanges: readonly Exchange[]): CheckResult {
  const line = `p50 ${ms(stats.p50Ms)}, p95 ${ms(stats.p95Ms)}, p99 ${ms(stats.p99Ms)} при ${stats.rate} запр./с в течение ${stats.durationMs / 1000} с`;
  if (stats.p95Ms === null)
    return judged('load.latency', { status: 'skipped', summary: 'Не измерить: под нагрузкой не пришло ни одного ответа 200 (см. load.errors)' });
  const slowest = [...exchanges].filter((e) => e.status === 200).sort((a, b) => b.latencyMs - a.latencyMs);
  if (stats.p95Ms > budgetMs)
    return judged('load.latency', {
      status: 'failed',
      summary: `${line}: p95 больше бюджета ${budgetMs} мс`,
      problems: [`p95 ${stats.p95Ms} мс > ${budgetMs} мс`],
      exchanges: slowest,
    });
  return judged('load.latency', { status: 'pass', summary: `${line}; бюджет p95 ${budgetMs} мс` });
}

/** Up to 1 % errors is a warning (a blip), more fails. */
export const MAX_ERROR_RATE = 0.01;

export function loadErrors(stats: LatencyStats, exchanges: readonly Exchange[]): CheckResult {
  const failed = exchanges.filter((e) => e.status !== 200);
  const share = `${(stats.errorRate * 100).toFixed(1).replace('.', ',')} %`;
  if (failed.length === 0) return judged('load.errors', { status: 'pass', summary: `Ошибок нет (запросов: ${stats.requests}, все HTTP 200)` });
  const kinds = new Map<string, number>();
  for (const e of failed) {
    const kind = e.status === null ? (e.error ?? 'нет ответа') : `HTTP ${e.status}`;
    kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
  }
  return judged('load.errors', {
    status: stats.errorRate > MAX_ERROR_RATE ? 'failed' : 'warning',
    summary: `Ошибок: ${failed.length} из ${stats.requests} (${share})`,
    problems: [...kinds].map(([kind, count]) => `${kind}: ${count}`),
    exchanges: failed,
  });
}
