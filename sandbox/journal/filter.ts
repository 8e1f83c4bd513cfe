/**
 * Which journal entries a question is about, declared once: the query string of
 * `GET /_edusim/sandboxes/<id>/journal`, `…/journal/count` and `…/journal/verify`, and the
 * typed client's filter. Every field narrows; none given means every entry.
 */
import { z } from 'zod';
import { FAULT_SYSTEMS } from '../faults/rules.ts';
import type { JournalEntry } from './journal.ts';

const since = z.string().refine((text) => /^\d{1,15}$/.test(text) || !Number.isNaN(Date.parse(text)), {
  message: 'expected an ISO-8601 instant (entries at or after it, wall clock) or a journal seq number (entries after it)',
});

export const JournalFilterSchema = z.strictObject({
  system: z.enum(FAULT_SYSTEMS).optional(),
  region: z
    .string()
    .regex(/^\d{2}$/, 'expected a two-digit region code')
    .optional(),
  operation: z.string().min(1).max(100).optional(),
  method: z
    .string()
    .regex(/^[A-Za-z]{3,7}$/, 'expected an HTTP method, e.g. GET')
    .transform((m) => m.toUpperCase())
    .optional(),
  /** An exact status (`503`) or a class (`5xx`, `4xx`, `2xx`); `0` for dropped connections. */
  status: z
    .string()
    .regex(/^(0|[1-5](\d\d|xx))$/, 'expected a status like 503 or a class like 5xx')
    .optional(),
  since: since.optional(),
  trace: z
    .string()
    .regex(/^[0-9a-f]{32}$/, 'expected a trace id: 32 lowercase hex digits')
    .optional(),
  caller: z.enum(['client', 'gateway']).optional(),
  /** Only calls on which a fault fired (`true`) or none did (`false`). */
  faulted: z.enum(['true', 'false']).optional(),
  /** A path pattern, `*` matching anything. */
  path: z.string().min(1).max(300).optional(),
});
export type JournalFilter = z.output<typeof JournalFilterSchema>;

export const JournalListSchema = JournalFilterSchema.extend({
  limit: z
    .string()
    .regex(/^\d{1,6}$/, 'expected a number of entries, 1–100000')
    .transform(Number)
    .refine((n) => n >= 1 && n <= 100_000, 'expected a number of entries, 1–100000')
    .optional(),
  format: z.enum(['json', 'jsonl']).optional(),
});

const countText = z
  .string()
  .regex(/^\d{1,9}$/, 'expected a whole number')
  .transform(Number);

/** `…/journal/verify`: the filter plus what the count must be (`count`, or `atLeast` and/or `atMost`). */
export const JournalVerifySchema = JournalFilterSchema.extend({
  count: countText.optional(),
  atLeast: countText.optional(),
  atMost: countText.optional(),
}).refine((q) => q.count !== undefined || q.atLeast !== undefined || q.atMost !== undefined, {
  message: 'give count, atLeast or atMost: what the number of matching entries must be',
  path: ['count'],
});

/** A test for entries, compiled once per question. */
export function matcherOf(filter: JournalFilter): (entry: JournalEntry) => boolean {
  const path = filter.path === undefined ? null : new RegExp(`^${filter.path.split('*').map(escape).join('.*')}$`);
  const since = filter.since === undefined ? null : /^\d+$/.test(filter.since) ? { seq: Number(filter.since) } : { at: Date.parse(filter.since) };
  return (entry) => entryMatches(entry, filter, path, since);
}

function entryMatches(entry: JournalEntry, filter: JournalFilter, path: RegExp | null, since: { seq?: number; at?: number } | null): boolean {
  if (filter.system !== undefined && entry.system !== filter.system) return false;
  if (filter.region !== undefined && entry.region !== filter.region) return false;
  if (filter.operation !== undefined && entry.operation !== filter.operation) return false;
  if (filter.method !== undefined && entry.method !== filter.method) return false;
  if (filter.caller !== undefined && entry.caller !== filter.caller) return false;
  if (filter.trace !== undefined && entry.traceId !== filter.trace) return false;
  if (filter.faulted !== undefined && (entry.fault !== undefined) !== (filter.faulted === 'true')) return false;
  if (filter.status !== undefined) {
    const status = String(entry.status);
    if (filter.status.endsWith('xx') ? status[0] !== filter.status[0] || status.length !== 3 : status !== filter.status) return false;
  }
  if (since?.seq !== undefined && entry.seq <= since.seq) return false;
  if (since?.at !== undefined && Date.parse(entry.at) < since.at) return false;
  if (path !== null && !path.test(entry.path)) return false;
  return true;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
