/**
 * What a verification answers, check by check: pass / warning / failed / skipped, the requirement
 * it tests (a link into docs/), what happened, the evidence (requests and answers, personal data
 * masked) and how to fix it. A check whose own set-up failed says so in `setupFailed` and is
 * never a pass.
 */
export const CHECK_STATUSES = ['pass', 'warning', 'failed', 'skipped'] as const;
export type CheckStatus = (typeof CHECK_STATUSES)[number];

/** One request the kit made and what came back, masked (docs/verify.md «Evidence»). */
export interface Evidence {
  /** What the request was for, e.g. «ученик, неделя». */
  readonly label: string;
  /** `POST https://vendor/api/token` with the masked form body, or `GET …/Schedule/…`. */
  readonly request: string;
  /** The HTTP status, or null when no answer came (refused connection, timeout). */
  readonly status: number | null;
  /** The answer's body, masked and cut to a readable length, or what went wrong on the way. */
  readonly response: string;
  readonly latencyMs: number;
}

export interface CheckResult {
  readonly id: string;
  readonly title: string;
  /** A link into docs/: `docs/diary-contract.md#post-basetoken`. */
  readonly requirement: string;
  readonly status: CheckStatus;
  /** One line: what the check saw. */
  readonly summary: string;
  /** Every departure found, one per line (empty on a pass). */
  readonly problems: readonly string[];
  readonly evidence: readonly Evidence[];
  /** How to fix it; null on a pass. */
  readonly fix: string | null;
  /** Set when the check could not be made because its own preparation failed (it is then skipped, never passed). */
  readonly setupFailed?: string;
}

export interface LatencyStats {
  readonly requests: number;
  readonly errors: number;
  readonly errorRate: number;
  readonly p50Ms: number | null;
  readonly p95Ms: number | null;
  readonly p99Ms: number | null;
  readonly maxMs: number | null;
  /** The rate asked for (requests per second) and how long. */
  readonly rate: number;
  readonly durationMs: number;
}

export interface VerifyReport {
  readonly profile: 'diary';
  /** The diary's base URL the kit spoke to. */
  readonly target: string;
  readonly region: string;
  readonly world: { readonly seed: number; readonly scale: string; readonly date: string };
  readonly startedAt: string;
  readonly durationMs: number;
  readonly checks: readonly CheckResult[];
  readonly load: LatencyStats | null;
  readonly counts: Readonly<Record<CheckStatus, number>>;
}

export function countStatuses(checks: readonly CheckResult[]): Record<CheckStatus, number> {
  const counts: Record<CheckStatus, number> = { pass: 0, warning: 0, failed: 0, skipped: 0 };
  for (const check of checks) counts[check.status] += 1;
  return counts;
}

/** Whether the run must exit non-zero: a check failed, or one could not even be set up. */
export function reportFailed(report: Pick<VerifyReport, 'checks'>): boolean {
  return report.checks.some((check) => check.status === 'failed' || check.setupFailed !== undefined);
}
