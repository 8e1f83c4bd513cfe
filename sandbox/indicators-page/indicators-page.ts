/**
 * The region's indicators as a page (`/indicators` of every sandbox): the same figures as
 * `GET /_edusim/sandboxes/<id>/indicators`, as of the sandbox clock — child-account share for the
 * region, per municipality and per school; ЦОК usage against 80 %; content available vs. demanded;
 * activity — each chart drawn as SVG on the server with a table under it.
 */
import type { IndicatorRow, IndicatorsReport } from '../indicators/schema.ts';
import { markup, type Html } from '../pages/html.ts';
import { formatDate } from '../pages/ru-numbers.ts';
import { layout } from '../cabinet/layout.ts';
import type { PageContext } from '../cabinet/page-context.ts';
import { activitySection } from './activity-section.ts';
import { childAccountsSection } from './child-accounts-section.ts';
import { contentDemandSection, libraryUsageSection } from './library-section.ts';

export interface IndicatorsModel {
  readonly context: PageContext;
  readonly sandboxId: string;
  readonly region: IndicatorsReport;
  readonly municipalities: readonly IndicatorRow[];
  readonly schools: readonly IndicatorRow[];
}

export interface RegionChoice {
  readonly context: PageContext;
  readonly regions: readonly { readonly code: string; readonly name: string }[];
  readonly problem: string | null;
}

export function regionForm(choice: Omit<RegionChoice, 'problem'>, selected: string | null): Html {
  return markup`<form class="filters" method="get" action="${choice.context.prefix}/indicators"><div><label for="ind-region">Регион</label><select id="ind-region" name="region">${choice.regions.map(
    (r) => markup`<option value="${r.code}"${r.code === selected ? markup` selected` : ''}>${r.code} — ${r.name}</option>`,
  )}</select></div><div><button type="submit">Показать</button></div></form>`;
}

export function indicatorsPage(model: IndicatorsModel, choice: Omit<RegionChoice, 'problem'> | null): string {
  const { region: report } = model;
  const regionRow = report.rows[0];
  const api = `/_edusim/sandboxes/${model.sandboxId}/indicators`;
  const body = markup`<h1>Показатели региона: ${report.region.name} (${report.region.code})</h1>
<p class="muted">На ${formatDate(report.date)} по часам песочницы «${model.sandboxId}». Те же числа: <code>GET ${api}?level=municipality</code> и <code>npx edusim indicators --sandbox ${model.sandboxId} --json</code>.</p>
${choice && choice.regions.length > 1 ? regionForm(choice, report.region.code) : ''}
${regionRow ? childAccountsSection(regionRow, model.municipalities, model.schools) : ''}
${regionRow ? libraryUsageSection(regionRow, model.schools) : ''}
${contentDemandSection(report.contentDemand)}
${regionRow ? activitySection(regionRow, model.municipalities, report.activity) : ''}`;
  return layout(model.context, `Показатели: ${report.region.name}`, body, { section: 'indicators' });
}

export function regionChoicePage(choice: RegionChoice): string {
  const body = markup`<h1>Показатели региона</h1><section class="card">${choice.problem ? markup`<div class="error" role="alert">${choice.problem}</div>` : ''}
<p>В мире этой песочницы несколько регионов. Выберите, чьи показатели показать.</p>${regionForm(choice, null)}</section>`;
  return layout(choice.context, 'Показатели региона', body, { section: 'indicators' });
}
