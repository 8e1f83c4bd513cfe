/**
 * The report as JUnit XML for CI: one test case per check; a failure is `<failure>`, a check that
 * could not be set up is `<error>` (never green), a skip `<skipped>`, a warning passes with its
 * note in `<system-out>`.
 */
import { escapeHtml as escapeXml } from '../pages/html.ts';
import type { CheckResult, VerifyReport } from './verdict.ts';

const seconds = (ms: number) => (ms / 1000).toFixed(3);

function body(check: CheckResult): string {
  const evidence = check.evidence.map((e) => `${e.label}\n${e.request}\n→ ${e.status ?? 'нет ответа'} ${e.response}`);
  return escapeXml(
    [...check.problems, ...(check.fix !== null ? [`Как исправить: ${check.fix}`] : []), `Требование: ${check.requirement}`, ...evidence].join('\n'),
  );
}

function testCase(check: CheckResult, profile: string): string {
  const open = `    <testcase classname="${escapeXml(profile)}.${escapeXml(check.id.split('.')[0] ?? '')}" name="${escapeXml(`${check.id} — ${check.title}`)}" time="0">`;
  const message = escapeXml(check.summary);
  const inner =
    check.setupFailed !== undefined
      ? `<error type="setup" message="${message}">${body(check)}</error>`
      : check.status === 'failed'
        ? `<failure type="failed" message="${message}">${body(check)}</failure>`
        : check.status === 'skipped'
          ? `<skipped message="${message}"/>`
          : check.status === 'warning'
            ? `<system-out>${escapeXml(check.summary)}\n${body(check)}</system-out>`
            : '';
  return `${open}${inner}</testcase>`;
}

/** The checks of any profile as JUnit XML: `suites` names the run, `suite` the target. */
export function junitOf(run: {
  readonly profile: string;
  readonly suites: string;
  readonly suite: string;
  readonly checks: readonly CheckResult[];
  readonly durationMs: number;
  readonly startedAt: string;
}): string {
  const errors = run.checks.filter((c) => c.setupFailed !== undefined).length;
  const failures = run.checks.filter((c) => c.status === 'failed').length;
  const skipped = run.checks.filter((c) => c.status === 'skipped' && c.setupFailed === undefined).length;
  const counts = `tests="${run.checks.length}" failures="${failures}" errors="${errors}" skipped="${skipped}" time="${seconds(run.durationMs)}"`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${escapeXml(run.suites)}" ${counts}>`,
    `  <testsuite name="${escapeXml(run.suite)}" ${counts} timestamp="${escapeXml(run.startedAt)}">`,
    ...run.checks.map((check) => testCase(check, run.profile)),
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

export function junitReport(report: VerifyReport): string {
  return junitOf({ ...report, suites: 'edusim verify diary', suite: `diary ${report.region} ${report.target}` });
}
