/** The ESIA client profile's report, and how a terminal reads it. */
import { STATUS_RU } from '../report-text.ts';
import type { CheckResult, CheckStatus } from '../verdict.ts';

export interface AttemptSummary {
  readonly attempt: number;
  readonly at: string;
  /** The trap served on it, or null. */
  readonly trap: string | null;
  /** With a trap: whether the client went on as logged in. */
  readonly fell: boolean | null;
}

export interface EsiaClientReport {
  readonly profile: 'esia-client';
  /** The sandbox's base URL. */
  readonly target: string;
  readonly sandbox: string;
  readonly clientId: string;
  readonly startedAt: string;
  readonly durationMs: number;
  readonly attempts: readonly AttemptSummary[];
  readonly checks: readonly CheckResult[];
  readonly counts: Readonly<Record<CheckStatus, number>>;
}

const MARK: Readonly<Record<CheckStatus, string>> = { pass: '✓', warning: '!', failed: '✗', skipped: '–' };

function details(check: CheckResult): string[] {
  if (check.status === 'pass') return [];
  return [
    ...check.problems.map((p) => `      ${p}`),
    ...(check.fix !== null ? [`      Как исправить: ${check.fix}`] : []),
    `      Требование: ${check.requirement}`,
  ];
}

function attemptLine(a: AttemptSummary): string {
  const trap = a.trap === null ? 'без ловушки' : `ловушка ${a.trap}: ${a.fell ? 'система попалась' : 'система отказалась от входа'}`;
  return `  попытка ${a.attempt} (${a.at}): ${trap}`;
}

export function describeEsiaClientReport(report: EsiaClientReport): string {
  const width = Math.max(...report.checks.map((c) => c.id.length));
  const { counts } = report;
  return [
    `edusim verify esia-client — ${report.clientId} в песочнице ${report.sandbox} (${report.target})`,
    '',
    ...report.attempts.map(attemptLine),
    '',
    ...report.checks.flatMap((check) => [`  ${MARK[check.status]} ${check.id.padEnd(width)}  ${check.title}: ${check.summary}`, ...details(check)]),
    '',
    `Итого: ${STATUS_RU.pass} ${counts.pass}, предупреждений ${counts.warning}, не пройдено ${counts.failed}, пропущено ${counts.skipped}`,
  ].join('\n');
}
