import { describe, expect, it } from 'vitest';
import { latencyStats, loadErrors, loadLatency, percentile } from './load.ts';
import type { Exchange } from './probe.ts';

const exchange = (latencyMs: number, status: number | null = 200): Exchange => ({
  label: 'нагрузка: ученик, неделя',
  method: 'GET',
  url: 'http://vendor.test/api/Schedule/1000000001?start=2026-11-16&end=2026-11-22',
  headers: { authorization: 'Bearer secret-token' },
  status,
  text: '',
  json: undefined,
  latencyMs,
  ...(status === null ? { error: 'нет ответа за 3000 мс' } : {}),
});

// Latencies here are given, not measured: the arithmetic and the verdicts, no clock.
const hundred = Array.from({ length: 100 }, (_, i) => exchange(i + 1));
const options = { rate: 50, durationMs: 2000 };

describe('the load phase’s figures and verdicts', () => {
  it('takes nearest-rank percentiles', () => {
    expect(percentile([], 50)).toBeNull();
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([1, 2, 3, 4], 50)).toBe(2);
    expect(percentile([1, 2, 3, 4], 95)).toBe(4);
  });

  it('counts latencies of answered requests only, and every other outcome as an error', () => {
    expect(latencyStats([...hundred, exchange(5, 500), exchange(3000, null)], options)).toEqual({
      requests: 102,
      errors: 2,
      errorRate: 2 / 102,
      p50Ms: 50,
      p95Ms: 95,
      p99Ms: 99,
      maxMs: 100,
      rate: 50,
      durationMs: 2000,
    });
  });

  it('fails the latency check when p95 is over the budget, with the slowest answers as evidence', () => {
    const stats = latencyStats(hundred, options);
    expect(loadLatency(stats, 100, hundred)).toMatchObject({
      status: 'pass',
      summary: 'p50 50 мс, p95 95 мс, p99 99 мс при 50 запр./с в течение 2 с; бюджет p95 100 мс',
    });
    const failed = loadLatency(stats, 90, hundred);
    expect(failed).toMatchObject({ status: 'failed', problems: ['p95 95 мс > 90 мс'] });
    expect(failed.evidence.map((e) => e.latencyMs)).toEqual([100, 99, 98]);
    expect(failed.evidence[0]?.request).toBe('GET http://vendor.test/api/Schedule/1000000001?start=2026-11-16&end=2026-11-22\nAuthorization: Bearer ***');
  });

  it('warns on up to 1 % errors and fails above, counting each kind', () => {
    const one = [...hundred.slice(0, 99), exchange(5, 503)];
    expect(loadErrors(latencyStats(one, options), one)).toMatchObject({ status: 'warning', summary: 'Ошибок: 1 из 100 (1,0 %)', problems: ['HTTP 503: 1'] });
    const many = [...hundred.slice(0, 97), exchange(5, 503), exchange(5, 503), exchange(3000, null)];
    expect(loadErrors(latencyStats(many, options), many)).toMatchObject({
      status: 'failed',
      summary: 'Ошибок: 3 из 100 (3,0 %)',
      problems: ['HTTP 503: 2', 'нет ответа за 3000 мс: 1'],
    });
  });

  it('cannot measure latency when nothing answered, and says so instead of passing', () => {
    const none = [exchange(3000, null)];
    expect(loadLatency(latencyStats(none, options), 1000, none)).toMatchObject({ status: 'skipped' });
  });
});
