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

function testCase(check: CheckResult): string {
  const open = `    <testcase classname="diary.${escapeXml(check.id.split('.')[0] ?? '')}" name="${escapeXml(`${check.id} — ${check.title}`)}" time="0">`;
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

export function junitReport(report: VerifyReport): string {
  const errors = report.checks.filter((c) => c.setupFailed !== undefined).length;
  const failures = report.checks.filter((c) => c.status === 'failed').length;
  const skipped = report.checks.filter((c) => c.status === 'skipped' && c.setupFailed === undefined).length;
  const counts = `tests="${report.checks.length}" failures="${failures}" errors="${errors}" skipped="${skipped}" time="${seconds(report.durationMs)}"`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="edusim verify diary" ${counts}>`,
    `  <testsuite name="${escapeXml(`diary ${report.region} ${report.target}`)}" ${counts} timestamp="${escapeXml(report.startedAt)}">`,
    ...report.checks.map(testCase),
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
