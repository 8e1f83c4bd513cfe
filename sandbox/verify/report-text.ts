/** The report as a terminal reads it: one line per check, the details of what did not pass, a total. */
import type { CheckResult, CheckStatus, LatencyStats, VerifyReport } from './verdict.ts';

const MARK: Readonly<Record<CheckStatus, string>> = { pass: '✓', warning: '!', failed: '✗', skipped: '–' };
export const STATUS_RU: Readonly<Record<CheckStatus, string>> = { pass: 'пройдена', warning: 'предупреждение', failed: 'не пройдена', skipped: 'пропущена' };

const seconds = (ms: number) => `${(ms / 1000).toFixed(1).replace('.', ',')} с`;
const ms = (value: number | null) => (value === null ? '—' : `${value} мс`);

function details(check: CheckResult): string[] {
  if (check.status === 'pass') return [];
  return [
    ...check.problems.map((p) => `      ${p}`),
    ...(check.setupFailed !== undefined ? [`      Подготовка не удалась: ${check.setupFailed}`] : []),
    ...(check.fix !== null ? [`      Как исправить: ${check.fix}`] : []),
    `      Требование: ${check.requirement}`,
  ];
}

/** `20 запросов (20/с, 1,0 с): p50 …, p95 …, p99 …, ошибок 0 (0,0 %)`. */
export function loadFigures(load: LatencyStats): string {
  const share = `${(load.errorRate * 100).toFixed(1).replace('.', ',')} %`;
  return `запросов ${load.requests} (${load.rate}/с, ${seconds(load.durationMs)}): p50 ${ms(load.p50Ms)}, p95 ${ms(load.p95Ms)}, p99 ${ms(load.p99Ms)}, ошибок ${load.errors} (${share})`;
}

export function describeReport(report: VerifyReport): string {
  const width = Math.max(...report.checks.map((c) => c.id.length));
  const { counts } = report;
  return [
    `edusim verify diary — ${report.target}, регион ${report.region} (мир: seed ${report.world.seed}, ${report.world.scale}, ${report.world.date})`,
    '',
    ...report.checks.flatMap((check) => [`  ${MARK[check.status]} ${check.id.padEnd(width)}  ${check.title}: ${check.summary}`, ...details(check)]),
    '',
    ...(report.load ? [`Нагрузка: ${loadFigures(report.load)}`] : []),
    `Итого: пройдено ${counts.pass}, предупреждений ${counts.warning}, не пройдено ${counts.failed}, пропущено ${counts.skipped} — за ${seconds(report.durationMs)}`,
  ].join('\n');
}
