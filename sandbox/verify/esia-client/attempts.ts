/**
 * A client's login attempts read from a sandbox's journal: each attempt starts at one of its
 * authorize requests and runs to its next; in between lie the login, the code's exchange and the
 * calls made with the token. Only the client's own requests to ESIA count; run one client at a
 * time in the sandbox (the person API's calls name no client).
 */
import type { JournalEntry } from '../../journal/journal.ts';

/** What the sandbox reports it served (`GET {esia}/sim/traps`). */
export interface ServedTrap {
  readonly trap: string;
  readonly state: string;
  readonly at: string;
}

export interface Attempt {
  readonly authorize: JournalEntry;
  readonly params: URLSearchParams;
  /** Code exchanges (grant_type=authorization_code) and their forms. */
  readonly exchanges: readonly { readonly entry: JournalEntry; readonly form: URLSearchParams }[];
  /** Calls to `/rs/prns/{oid}` after the authorize request. */
  readonly personCalls: readonly JournalEntry[];
  readonly trap: ServedTrap | null;
}

const paramsOf = (text: string | undefined) => new URLSearchParams(text ?? '');

export function attemptsOf(entries: readonly JournalEntry[], clientId: string, served: readonly ServedTrap[]): Attempt[] {
  const esia = entries.filter((e) => e.system === 'esia' && e.caller === 'client');
  const starts = esia.filter((e) => e.operation === 'authorize' && paramsOf(e.query).get('client_id') === clientId);
  return starts.map((authorize, i) => {
    const next = starts[i + 1]?.seq ?? Infinity;
    const window = esia.filter((e) => e.seq > authorize.seq && e.seq < next);
    const params = paramsOf(authorize.query);
    const exchanges = window
      .filter((e) => e.operation === 'token')
      .map((entry) => ({ entry, form: paramsOf(entry.form) }))
      .filter(({ form }) => form.get('grant_type') === 'authorization_code' && form.get('client_id') === clientId);
    const state = params.get('state');
    return {
      authorize,
      params,
      exchanges,
      personCalls: window.filter((e) => e.operation === 'person'),
      trap: (state !== null && served.find((s) => s.state === state)) || null,
    };
  });
}

/**
 * Whether the client went on as logged in after a trapped answer: for a token trap, it called
 * `/rs/prns` successfully after the trapped exchange; for a `state` mismatch, it exchanged the code at all.
 */
export function fellFor(attempt: Attempt): boolean {
  if (attempt.trap?.trap === 'state-mismatch') return attempt.exchanges.length > 0 || attempt.personCalls.some((c) => c.status === 200);
  const exchanged = attempt.exchanges.find(({ entry }) => entry.status === 200);
  return exchanged !== undefined && attempt.personCalls.some((c) => c.seq > exchanged.entry.seq && c.status === 200);
}
