/**
 * Which journal entries a question is about, declared once: the query string of
 * `GET /_edusim/sandboxes/<id>/journal`, `…/journal/count` and `…/journal/verify`, and the
 * typed client's filter. Every field narrows; none given means every entry.
 */
import { z } from 'zod';
import { FAULT_SYSTEMS } from '../faults/rules.ts';
import { globRegExp } from '../glob.ts';
import type { JournalEntry } from './journal.ts';

const SINCE_PATTERN = /^(\d{1,15}|\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))$/;
const since = z
  .string()
  .refine((text) => SINCE_PATTERN.test(text) && (/^\d+$/.test(text) || !Number.isNaN(Date.parse(text))), {
    message:
      'expected an ISO-8601 instant with a zone, e.g. 2026-11-23T09:00:00+03:00 (entries started at or after it), or a journal seq number (entries after it)',
  })
  .describe('An ISO-8601 instant with a zone (entries that started at or after it, wall clock) or a seq number (entries after it)');

export const JournalFilterSchema = z.strictObject({
  system: z.enum(FAULT_SYSTEMS).optional().describe('The system called'),
  region: z
    .string()
    .regex(/^\d{2}$/, 'expected a two-digit region code')
    .optional()
    .describe("A diary's region (two digits)"),
  operation: z
    .string()
    .min(1)
    .max(100)
    .optional()
    .describe('The operation: token, schedule, authorize, a GraphQL operation name… (docs/faults-and-journal.md)'),
  method: z
    .enum(['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS', 'get', 'post', 'put', 'delete', 'patch', 'head', 'options'], {
      message: 'expected an HTTP method, e.g. GET',
    })
    .transform((m) => m.toUpperCase())
    .optional()
    .describe('The HTTP method'),
  /** An exact status (`503`) or a class (`5xx`, `4xx`, `2xx`); `0` for dropped connections. */
  status: z
    .string()
    .regex(/^(0|[1-5](\d\d|xx))$/, 'expected a status like 503 or a class like 5xx')
    .optional()
    .describe('An exact status (503), a class (5xx), or 0 for dropped connections'),
  since: since.optional(),
  trace: z
    .string()
    .regex(/^[0-9a-f]{32}$/, 'expected a trace id: 32 lowercase hex digits')
    .optional()
    .describe('A trace id (X-Edusim-Trace-Id): a gateway request and the calls it made'),
  caller: z.enum(['client', 'gateway']).optional().describe('Who called: a client, or the gateway while serving a request'),
  faulted: z.enum(['true', 'false']).optional().describe('Only calls on which a fault fired (true) or none did (false)'),
  path: z.string().min(1).max(300).optional().describe("A pattern on the path below the system's mount, * matching anything"),
});
export type JournalFilter = z.output<typeof JournalFilterSchema>;

export const JournalListSchema = JournalFilterSchema.extend({
  limit: z
    .string()
    .regex(/^\d{1,6}$/, 'expected a number of entries, 1–100000')
    .transform(Number)
    .refine((n) => n >= 1 && n <= 100_000, 'expected a number of entries, 1–100000')
    .optional()
    .describe('Keep the newest N matching entries (1–100000, default 1000)'),
  format: z.enum(['json', 'jsonl']).optional().describe('json (default) or jsonl: one entry per line'),
});

const countText = z
  .string()
  .regex(/^\d{1,9}$/, 'expected a whole number')
  .transform(Number);

/** `…/journal/verify`: the filter plus what the count must be (`count`, or `atLeast` and/or `atMost`). */
export const JournalVerifySchema = JournalFilterSchema.extend({
  count: countText.optional().describe('Exactly this many matching entries'),
  atLeast: countText.optional().describe('At least this many'),
  atMost: countText.optional().describe('At most this many'),
})
  .refine((q) => q.count !== undefined || q.atLeast !== undefined || q.atMost !== undefined, {
    message: 'give count, atLeast or atMost: what the number of matching entries must be',
    path: ['count'],
  })
  .refine((q) => q.count === undefined || (q.atLeast === undefined && q.atMost === undefined), {
    message: 'give count alone, or atLeast and/or atMost: not both',
    path: ['count'],
  })
  .refine((q) => q.atLeast === undefined || q.atMost === undefined || q.atLeast <= q.atMost, {
    message: 'atLeast is above atMost: no count can be both',
    path: ['atLeast'],
  });

/** A test for entries, compiled once per question. */
export function matcherOf(filter: JournalFilter): (entry: JournalEntry) => boolean {
  const path = filter.path === undefined ? null : globRegExp(filter.path);
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
