/** The ESIA client profile's report, and how a terminal reads it. */
import { markup } from '../../pages/html.ts';
import { checkSection, STYLE } from '../report-html.ts';
import { junitOf } from '../report-junit.ts';
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
    `Итого: пройдено ${counts.pass}, предупреждений ${counts.warning}, не пройдено ${counts.failed}, пропущено ${counts.skipped}`,
  ].join('\n');
}

/** JUnit XML for CI: one test case per check. */
export function esiaClientJunit(report: EsiaClientReport): string {
  return junitOf({ ...report, suites: 'edusim verify esia-client', suite: `esia-client ${report.clientId} ${report.target}` });
}

/** One self-contained page (no scripts, nothing fetched): the attempts, then each check with its evidence. */
export function esiaClientHtml(report: EsiaClientReport): string {
  const { counts } = report;
  return markup`<!doctype html><html lang="ru"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Проверка клиента ЕСИА ${report.clientId} — edusim verify</title><style>${STYLE}</style></head>
<body><main><h1>Проверка клиента ЕСИА ${report.clientId}</h1>
<table><tr><td>Песочница</td><td><code>${report.target}</code></td></tr>
<tr><td>Начало</td><td>${report.startedAt}</td></tr>
<tr><td>Итого</td><td>пройдено ${counts.pass}, предупреждений ${counts.warning}, не пройдено ${counts.failed}, пропущено ${counts.skipped}</td></tr></table>
<ol>${report.attempts.map((a) => markup`<li>${attemptLine(a).trim()}</li>`)}</ol>
${report.checks.map(checkSection)}
</main></body></html>`.text;
}
