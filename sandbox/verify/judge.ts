/** A check's result from its catalogue entry, what was found and the exchanges that show it. */
import { DIARY_CHECKS, type DiaryCheckId } from './catalogue.ts';
import { evidenceOf } from './evidence.ts';
import type { Exchange } from './probe.ts';
import type { CheckResult, CheckStatus } from './verdict.ts';

/** How many exchanges a result carries as evidence: enough to see the problem, short enough to read. */
export const MAX_EVIDENCE = 3;
/** How many problems a result lists before «… и ещё N». */
export const MAX_PROBLEMS = 12;

export interface Finding {
  readonly status: CheckStatus;
  readonly summary: string;
  readonly problems?: readonly string[];
  /** The exchanges that show it; the first `MAX_EVIDENCE` are kept. */
  readonly exchanges?: readonly Exchange[];
  readonly setupFailed?: string;
}

function capped(problems: readonly string[]): string[] {
  if (problems.length <= MAX_PROBLEMS) return [...problems];
  return [...problems.slice(0, MAX_PROBLEMS), `… и ещё ${problems.length - MAX_PROBLEMS}`];
}

export function judged(id: DiaryCheckId, finding: Finding): CheckResult {
  const definition = DIARY_CHECKS[id];
  return {
    id,
    title: definition.title,
    requirement: definition.requirement,
    status: finding.status,
    summary: finding.summary,
    problems: capped(finding.problems ?? []),
    evidence: (finding.exchanges ?? []).slice(0, MAX_EVIDENCE).map(evidenceOf),
    fix: finding.status === 'pass' ? null : definition.fix,
    ...(finding.setupFailed !== undefined ? { setupFailed: finding.setupFailed } : {}),
  };
}

/** The check could not be made: its preparation failed (never a pass). */
export function notSetUp(id: DiaryCheckId, why: string, exchanges: readonly Exchange[] = []): CheckResult {
  return judged(id, { status: 'skipped', summary: `Не выполнена: ${why}`, setupFailed: why, exchanges });
}

/** `label: HTTP 500` or `label: нет ответа за 3000 мс`: how an exchange went, in one phrase. */
export function outcomeOf(exchange: Exchange): string {
  return exchange.status === null ? (exchange.error ?? 'нет ответа') : `HTTP ${exchange.status}`;
}
