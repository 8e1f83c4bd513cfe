/**
 * `edusim verify esia-client`: reads a sandbox's journal and the traps it served over the admin
 * API, and judges what the client did (judge.ts).
 */
import type { JournalEntry } from '../../journal/journal.ts';
import { countStatuses } from '../verdict.ts';
import { attemptsOf, fellFor, type ServedTrap } from './attempts.ts';
import { judgeEsiaClient } from './judge.ts';
import type { EsiaClientReport } from './report.ts';

export interface EsiaClientTarget {
  /** The running edusim: `http://localhost:4000`. */
  readonly url: string;
  readonly sandbox: string;
  readonly clientId: string;
  /** The control surface's credentials when edusim runs with an admin token (`X-Edusim-Admin-Token` or `X-Edusim-Secret`). */
  readonly headers?: Readonly<Record<string, string>>;
}

/** What a sandbox answered that the kit cannot read: the message names the address and the answer. */
export class SandboxReadError extends Error {}

async function readJson<T>(url: string, init?: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch (error) {
    throw new SandboxReadError(`${url}: no answer (${(error as Error).message}); is edusim running there?`);
  }
  const text = await response.text();
  if (!response.ok) throw new SandboxReadError(`${url}: HTTP ${response.status} ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

export const sandboxBase = (target: Pick<EsiaClientTarget, 'url' | 'sandbox'>) => `${target.url}/sandboxes/${encodeURIComponent(target.sandbox)}`;

/** Queues traps in the sandbox's ESIA, one per coming login attempt (and forgets what was served). */
export async function setTraps(target: Pick<EsiaClientTarget, 'url' | 'sandbox' | 'headers'>, traps: readonly string[]): Promise<void> {
  await readJson(`${sandboxBase(target)}/esia/sim/traps`, {
    method: 'POST',
    headers: { ...target.headers, 'content-type': 'application/json' },
    body: JSON.stringify({ traps }),
  });
}

export async function verifyEsiaClient(target: EsiaClientTarget): Promise<EsiaClientReport> {
  const startedAt = new Date();
  const started = performance.now();
  const journal = await readJson<{ entries: JournalEntry[] }>(
    `${target.url}/_edusim/sandboxes/${encodeURIComponent(target.sandbox)}/journal?system=esia&limit=100000`,
    { headers: { ...target.headers } },
  );
  const traps = await readJson<{ served: ServedTrap[] }>(`${sandboxBase(target)}/esia/sim/traps`, { headers: { ...target.headers } });
  const input = { entries: journal.entries, clientId: target.clientId, served: traps.served };
  const checks = judgeEsiaClient(input);
  const attempts = attemptsOf(input.entries, input.clientId, input.served).map((a, i) => ({
    attempt: i + 1,
    at: a.authorize.sandboxAt,
    trap: a.trap?.trap ?? null,
    fell: a.trap === null ? null : fellFor(a),
  }));
  return {
    profile: 'esia-client',
    target: sandboxBase(target),
    sandbox: target.sandbox,
    clientId: target.clientId,
    startedAt: startedAt.toISOString(),
    durationMs: Math.round(performance.now() - started),
    attempts,
    checks,
    counts: countStatuses(checks),
  };
}
