/**
 * What `edusim/client` throws. Every refusal is an `EdusimError` with the HTTP status, edusim's
 * own code and its message; the common cases have subclasses to catch by.
 */
import type { GraphQLTraceStep, JournalEntry, JournalExpectation, JournalFilter } from './api-types.ts';

export interface EdusimErrorDetails {
  /** The HTTP status (0: no answer — the connection failed or was dropped). */
  readonly status: number;
  /**
   * edusim's code: the admin API's `error` (`not_found`, `bad_request`, …), an ESIA code
   * (`ESIA-007004`), the consent platform's (`GRANTOR_NOT_ALLOWED`), GraphQL's `extensions.code`
   * (`UNAUTHENTICATED`); `http_<status>` when the answer had none; `network` when there was no answer.
   */
  readonly code: string;
  readonly message: string;
  /** The request: `POST http://localhost:4000/_edusim/sandboxes`. */
  readonly request: string;
  /** The answer's body, parsed when it was JSON. */
  readonly body?: unknown;
  readonly cause?: unknown;
}

export class EdusimError extends Error {
  override name = 'EdusimError';
  readonly status: number;
  readonly code: string;
  readonly request: string;
  readonly body: unknown;

  constructor(details: EdusimErrorDetails) {
    super(details.message, details.cause === undefined ? undefined : { cause: details.cause });
    this.status = details.status;
    this.code = details.code;
    this.request = details.request;
    this.body = details.body;
  }
}

/** 400, 413, 415: a field is wrong (the message names it and what is accepted); nothing changed. */
export class EdusimBadRequestError extends EdusimError {
  override name = 'EdusimBadRequestError';
}

/** 401: the control surface needs the admin token or the sandbox's secret; or no valid ESIA token. */
export class EdusimUnauthorizedError extends EdusimError {
  override name = 'EdusimUnauthorizedError';
}

/** 403: refused by a rule (a consent the law does not let this person give, someone else's consent). */
export class EdusimForbiddenError extends EdusimError {
  override name = 'EdusimForbiddenError';
}

/** 404: no such sandbox, rule, person, scenario or consent. */
export class EdusimNotFoundError extends EdusimError {
  override name = 'EdusimNotFoundError';
}

/** 409, 412: the id is taken, the scenario cannot apply, already revoked, a stale `If-Match`. */
export class EdusimConflictError extends EdusimError {
  override name = 'EdusimConflictError';
}

/** No answer: edusim is not reachable, or the connection was dropped (an injected `reset` or `timeout` fault). */
export class EdusimNetworkError extends EdusimError {
  override name = 'EdusimNetworkError';
}

/** One entry of a GraphQL answer's `errors`. */
export interface GraphQLErrorEntry {
  readonly message: string;
  readonly path?: readonly (string | number)[];
  readonly extensions?: { readonly code?: string; readonly [key: string]: unknown };
}

/** The gateway answered with `errors` (with or without partial `data`). */
export class GraphQLResponseError extends EdusimError {
  override name = 'GraphQLResponseError';
  readonly errors: readonly GraphQLErrorEntry[];
  /** Whatever data came with the errors (partial failure: the rest still arrives). */
  readonly data: Record<string, unknown> | null;
  readonly extensions: { readonly trace?: readonly GraphQLTraceStep[]; readonly [key: string]: unknown } | undefined;
  /** `X-Edusim-Trace-Id`: the journal files this request and the calls it made under it. */
  readonly traceId: string | null;

  constructor(
    details: EdusimErrorDetails & {
      errors: readonly GraphQLErrorEntry[];
      data: Record<string, unknown> | null;
      extensions: GraphQLResponseError['extensions'];
      traceId: string | null;
    },
  ) {
    super(details);
    this.errors = details.errors;
    this.data = details.data;
    this.extensions = details.extensions;
    this.traceId = details.traceId;
  }

  /** Every error's `extensions.code`, in order. */
  get codes(): string[] {
    return this.errors.map((e) => (typeof e.extensions?.code === 'string' ? e.extensions.code : 'UNKNOWN'));
  }
}

/** `journal.verify(…)` found a different number of matching entries than expected. */
export class JournalVerificationError extends EdusimError {
  override name = 'JournalVerificationError';
  /** How many entries matched. */
  readonly count: number;
  /** What the count had to be, in words: `exactly 1`. */
  readonly expected: string;
  readonly expectation: JournalExpectation;
  readonly filter: JournalFilter;
  /** The matching entries (up to the newest 20). */
  readonly entries: readonly JournalEntry[];

  constructor(
    details: Omit<EdusimErrorDetails, 'message' | 'code' | 'status'> & {
      count: number;
      expected: string;
      expectation: JournalExpectation;
      filter: JournalFilter;
      entries: readonly JournalEntry[];
    },
  ) {
    super({ ...details, status: 200, code: 'journal_verification_failed', message: verificationMessage(details) });
    this.count = details.count;
    this.expected = details.expected;
    this.expectation = details.expectation;
    this.filter = details.filter;
    this.entries = details.entries;
  }
}

function verificationMessage(v: { count: number; expected: string; filter: JournalFilter; entries: readonly JournalEntry[] }): string {
  const filter = Object.entries(v.filter)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}=${String(value)}`)
    .join(' ');
  const head = `journal: expected ${v.expected} ${v.expected.endsWith(' 1') ? 'entry' : 'entries'} matching ${filter || '(every entry)'}, found ${v.count}`;
  if (v.entries.length === 0) return head;
  const shown = v.entries.length < v.count ? ` (the newest ${v.entries.length})` : '';
  return `${head}${shown}:\n${v.entries.map((e) => `  ${describeEntry(e)}`).join('\n')}`;
}

/** One journal entry as a line: `#7 diary/36 schedule GET /Schedule/1861968956 → 503 (gateway, trace a6bf…; rule f1: HTTP 503)`. */
export function describeEntry(e: JournalEntry): string {
  const where = e.region !== undefined ? `${e.system}/${e.region}` : e.system;
  const notes = [e.caller, `trace ${e.traceId}`, e.fault, e.error !== undefined ? `error ${e.error}` : undefined, e.change].filter((x) => x !== undefined);
  return `#${e.seq} ${e.at} ${where} ${e.operation} ${e.method} ${e.path}${e.query ? `?${e.query}` : ''} → ${e.status} in ${e.latencyMs} ms (${notes.join('; ')})`;
}
