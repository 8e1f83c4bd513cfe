/**
 * A sandbox's request journal: every call to every system in it (ESIA, consent, diaries, the
 * gateway) and the gateway's calls to the diaries, in a ring buffer with a cap — a sandbox under
 * soak keeps the newest entries and counts what it dropped. Secrets and personal values in
 * query strings are masked unless the sandbox was made with `journal.mask: false`.
 */
import type { FaultSystem } from '../faults/rules.ts';
import { matcherOf, type JournalFilter } from './filter.ts';

export interface JournalEntry {
  /** Position in the sandbox's journal (1, 2, …), in the order calls completed; never reused, also not after a clear or a reset. */
  readonly seq: number;
  /** Wall-clock time the call started. */
  readonly at: string;
  /** The sandbox clock's time when the call started. */
  readonly sandboxAt: string;
  readonly system: FaultSystem;
  readonly region?: string;
  readonly operation: string;
  readonly method: string;
  /** The path below the system's mount, as `/Schedule/1000…` for a diary or `/aas/oauth2/v3/te` for ESIA. */
  readonly path: string;
  /** The query string, masked. */
  readonly query?: string;
  /** An ESIA token call's form body, masked as the query is (the verification kit reads redirect_uri, code_verifier …). */
  readonly form?: string;
  /** The status answered (0 when the connection was dropped). */
  readonly status: number;
  readonly latencyMs: number;
  /** Who called: a client from outside, or the gateway while serving a request (same `traceId`). */
  readonly caller: 'client' | 'gateway';
  readonly traceId: string;
  /** The fault that fired on this call, described. */
  readonly fault?: string;
  /** GraphQL: the first error's `extensions.code`; OAuth/ESIA: `error`; diary: the OperationOutcome code. */
  readonly error?: string;
  /** ESIA: its own code from `error_description` (`ESIA-007023`), beside the OAuth `error`. */
  readonly esiaCode?: string;
  /** What it changed in the sandbox's state (consents, links, permissions, rights, timetable). */
  readonly change?: string;
}

export type NewEntry = Omit<JournalEntry, 'seq'>;

export const DEFAULT_JOURNAL_CAP = 5_000;
export const MAX_JOURNAL_CAP = 100_000;

export class RequestJournal {
  readonly #entries: (JournalEntry | undefined)[];
  #next = 0;
  #size = 0;
  #seq = 0;
  #recorded = 0;
  #dropped = 0;

  constructor(
    readonly cap: number = DEFAULT_JOURNAL_CAP,
    readonly mask: boolean = true,
  ) {
    this.#entries = new Array<JournalEntry | undefined>(cap);
  }

  record(entry: NewEntry): JournalEntry {
    this.#recorded++;
    const stored: JournalEntry = {
      seq: ++this.#seq,
      ...entry,
      ...(entry.query !== undefined ? { query: this.mask ? maskQuery(entry.query) : entry.query } : {}),
      ...(entry.form !== undefined ? { form: this.mask ? maskQuery(entry.form) : entry.form } : {}),
    };
    if (this.#size === this.cap) this.#dropped++;
    else this.#size++;
    this.#entries[this.#next] = stored;
    this.#next = (this.#next + 1) % this.cap;
    return stored;
  }

  /** Entries kept, oldest first. */
  *all(): Generator<JournalEntry> {
    const start = (this.#next - this.#size + this.cap) % this.cap;
    for (let i = 0; i < this.#size; i++) {
      const entry = this.#entries[(start + i) % this.cap];
      if (entry) yield entry;
    }
  }

  find(filter: JournalFilter, limit = Infinity): JournalEntry[] {
    const found: JournalEntry[] = [];
    const matches = matcherOf(filter);
    for (const entry of this.all()) {
      if (!matches(entry)) continue;
      found.push(entry);
      if (found.length >= limit) break;
    }
    return found;
  }

  count(filter: JournalFilter): number {
    let n = 0;
    const matches = matcherOf(filter);
    for (const entry of this.all()) if (matches(entry)) n++;
    return n;
  }

  /** How many entries were recorded since the journal was made or cleared, kept or not. */
  get total(): number {
    return this.#recorded;
  }

  /** The last `seq` given (0 before the first call). */
  get lastSeq(): number {
    return this.#seq;
  }

  /** How many the cap pushed out. */
  get dropped(): number {
    return this.#dropped;
  }

  get size(): number {
    return this.#size;
  }

  /** Empties it; `seq` goes on from where it was, so a reader following `since=<seq>` misses nothing. */
  clear(): void {
    this.#entries.fill(undefined);
    this.#next = 0;
    this.#size = 0;
    this.#recorded = 0;
    this.#dropped = 0;
  }
}

/** Query parameters whose values are secrets or personal data: kept as `***`. */
const MASKED = new Set([
  'code',
  'client_secret',
  'client_certificate_hash',
  'code_verifier',
  'access_token',
  'refresh_token',
  'id_token_hint',
  'token',
  'login',
  'password',
  'snils',
  'phone',
  'email',
]);

const MASKED_KEY = new RegExp(`(?:^|[&?])(?:${[...MASKED].join('|')})(?:\\[\\])?=`, 'i');
const NESTED_SECRET = new RegExp(`(?:^|[&?])(?:${[...MASKED].join('|')})=`, 'i');

/**
 * The query with the values of secret or personal parameters (also as `key[]`, and inside a URL
 * carried as a value) kept as `***`; every other parameter, repeated ones included, as it came.
 */
export function maskQuery(query: string): string {
  if (!query.includes('%') && !MASKED_KEY.test(query)) return query;
  return query
    .split('&')
    .map((pair) => {
      const at = pair.indexOf('=');
      if (at < 0) return pair;
      const key = decodeOrKeep(pair.slice(0, at)).toLowerCase().replace(/\[\]$/, '');
      if (MASKED.has(key)) return `${pair.slice(0, at)}=***`;
      const value = decodeOrKeep(pair.slice(at + 1));
      const inner = value.indexOf('?');
      if (inner >= 0 && NESTED_SECRET.test(value.slice(inner)))
        return `${pair.slice(0, at)}=${encodeURIComponent(`${value.slice(0, inner + 1)}${maskQuery(value.slice(inner + 1))}`)}`;
      return pair;
    })
    .join('&');
}

function decodeOrKeep(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}
