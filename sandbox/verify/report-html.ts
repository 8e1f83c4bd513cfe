/**
 * The report as one self-contained HTML page (styles inline, no scripts, nothing fetched): a
 * summary, then each check with its status, requirement, what was found, how to fix it and the
 * masked evidence. Every value goes through the escaping template.
 */
import { markup, raw, type Html } from '../pages/html.ts';
import { loadFigures, STATUS_RU } from './report-text.ts';
import type { CheckResult, VerifyReport } from './verdict.ts';

export const STYLE = raw(
  'body{font-family:Lato,Arial,sans-serif;background:#f5f7fa;color:#0b1f33;margin:0}main{max-width:1040px;margin:32px auto;padding:0 16px}' +
    'section{background:#fff;border-radius:12px;padding:16px 20px;margin:12px 0;box-shadow:0 2px 8px rgba(11,31,51,.08);border-left:6px solid #9aa5b1}' +
    '.pass{border-left-color:#2e7d32}.warning{border-left-color:#ed6c02}.failed{border-left-color:#c62828}.skipped{border-left-color:#9aa5b1}' +
    '.badge{display:inline-block;border-radius:6px;padding:2px 8px;font-size:13px;color:#fff;background:#9aa5b1}.pass .badge{background:#2e7d32}' +
    '.warning .badge{background:#ed6c02}.failed .badge{background:#c62828}code,pre{font-family:ui-monospace,Menlo,monospace;font-size:12px}' +
    'pre{background:#f0f2f5;padding:8px;border-radius:6px;white-space:pre-wrap;word-break:break-all}h2{font-size:17px;margin:4px 0}a{color:#0d4cd3}' +
    'table{border-collapse:collapse}td{padding:2px 12px 2px 0}',
);

export function checkSection(check: CheckResult): Html {
  return markup`<section class="${check.status}" id="${check.id}">
<h2><span class="badge">${STATUS_RU[check.status]}</span> <code>${check.id}</code> ${check.title}</h2>
<p>${check.summary}</p>
${check.setupFailed !== undefined ? markup`<p><strong>Подготовка не удалась:</strong> ${check.setupFailed}</p>` : ''}
${check.problems.length > 0 ? markup`<ul>${check.problems.map((p) => markup`<li><code>${p}</code></li>`)}</ul>` : ''}
${check.fix !== null ? markup`<p><strong>Как исправить:</strong> ${check.fix}</p>` : ''}
<p>Требование: <code>${check.requirement}</code></p>
${check.evidence.map(
  (e) => markup`<details><summary>${e.label}: ${e.status === null ? 'нет ответа' : `HTTP ${e.status}`}, ${e.latencyMs} мс</summary>
<pre>${e.request}</pre><pre>${e.response}</pre></details>`,
)}
</section>`;
}

export function htmlReport(report: VerifyReport): string {
  const { counts } = report;
  return markup`<!doctype html><html lang="ru"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Проверка дневника ${report.target} — edusim verify</title><style>${STYLE}</style></head>
<body><main><h1>Проверка дневника региона ${report.region}</h1>
<table><tr><td>Адрес</td><td><code>${report.target}</code></td></tr>
<tr><td>Мир</td><td>seed ${report.world.seed}, ${report.world.scale}, на ${report.world.date}</td></tr>
<tr><td>Начало</td><td>${report.startedAt}</td></tr>
<tr><td>Итого</td><td>пройдено ${counts.pass}, предупреждений ${counts.warning}, не пройдено ${counts.failed}, пропущено ${counts.skipped}</td></tr>
${report.load ? markup`<tr><td>Нагрузка</td><td>${loadFigures(report.load)}</td></tr>` : ''}</table>
${report.checks.map(checkSection)}
</main></body></html>`.text;
}
