/**
 * The QA toolkit's own costs, in-process: recording a journal entry and picking a fault rule
 * (both on every system call), a filtered query over a full journal, and the heap a full
 * journal holds (per entry, at the default cap and at the largest).
 */
import { FaultPlan } from '../sandbox/faults/plan.ts';
import { RequestJournal } from '../sandbox/journal/journal.ts';

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

function fullGc(): void {
  for (let i = 0; i < 3; i++) globalThis.gc?.();
}

function entry(i: number) {
  return {
    at: new Date(1_795_000_000_000 + i).toISOString(),
    sandboxAt: new Date(1_795_000_000_000 + i).toISOString(),
    system: i % 3 === 0 ? ('gateway' as const) : ('diary' as const),
    region: '36',
    operation: i % 3 === 0 ? 'Flow' : i % 3 === 1 ? 'token' : 'schedule',
    method: 'GET',
    path: `/Schedule/${1_000_000_000 + (i % 500)}`,
    query: 'start=2026-11-16&end=2026-11-20',
    status: i % 50 === 0 ? 503 : 200,
    latencyMs: i % 17,
    caller: 'gateway' as const,
    traceId: (i * 2_654_435_761).toString(16).padStart(32, '0').slice(-32),
  };
}

export interface ToolkitResult {
  readonly recordNs: number;
  readonly pickNs: number;
  readonly queryMs: number;
  readonly bytesPerEntry: number;
  readonly defaultCapMb: number;
  readonly maxCapMb: number;
}

export function benchToolkit(records = 200_000): ToolkitResult {
  const journal = new RequestJournal(5_000);
  for (let i = 0; i < 10_000; i++) journal.record(entry(i));
  let started = performance.now();
  for (let i = 0; i < records; i++) journal.record(entry(i));
  const recordNs = ((performance.now() - started) * 1e6) / records;

  const plan = new FaultPlan('bench');
  for (let r = 0; r < 10; r++) plan.add({ system: 'diary', region: String(40 + r), operation: 'schedule', action: { kind: 'status', status: 503 } });
  plan.add({ system: 'diary', region: '36', path: '/Schedule/*', action: { kind: 'latency', ms: 0 }, probability: 0.1 });
  const call = { system: 'diary' as const, region: '36', operation: 'schedule', method: 'GET', path: '/Schedule/1000000001' };
  started = performance.now();
  for (let i = 0; i < records; i++) plan.pick(call);
  const pickNs = ((performance.now() - started) * 1e6) / records;

  started = performance.now();
  for (let i = 0; i < 100; i++) journal.find({ system: 'diary', status: '5xx', path: '/Schedule/*' });
  const queryMs = (performance.now() - started) / 100;

  const heapOf = (cap: number) => {
    fullGc();
    const before = process.memoryUsage().heapUsed;
    const full = new RequestJournal(cap);
    for (let i = 0; i < cap; i++) full.record(entry(i));
    fullGc();
    const bytes = process.memoryUsage().heapUsed - before;
    return { full, bytes };
  };
  const small = heapOf(5_000);
  const large = heapOf(100_000);
  return {
    recordNs: round(recordNs, 0),
    pickNs: round(pickNs, 0),
    queryMs: round(queryMs),
    bytesPerEntry: Math.round(large.bytes / 100_000),
    defaultCapMb: round(small.bytes / 2 ** 20, 1),
    maxCapMb: round(large.bytes / 2 ** 20, 1),
  };
}
