/** The child-account share (ДУЗ): the region's figure and grade, then per municipality and per school, each a chart with its table. */
import type { IndicatorGrade } from '../indicators/child-account-share.ts';
import type { IndicatorRow } from '../indicators/schema.ts';
import { markup, type Html } from '../pages/html.ts';
import { formatCount, formatPercent } from '../pages/ru-numbers.ts';
import { barChart, type Tone } from './bar-chart.ts';

const TONE: Record<IndicatorGrade, Tone> = { отлично: 'excellent', хорошо: 'good', удовлетворительно: 'fair', неудовлетворительно: 'poor' };
const GRADE_MARKS = [
  { value: 80, label: '80 %' },
  { value: 90, label: '90 %' },
  { value: 95, label: '95 %' },
];
/** A chart of more schools than this shows the lowest and the highest; the table lists all. */
const MAX_BARS = 30;

export const shareText = (row: IndicatorRow) =>
  row.childAccounts.share === null ? 'нет учеников 5–11 классов' : `${formatPercent(row.childAccounts.share)} — ${row.childAccounts.grade ?? ''}`;

function chartRows(rows: readonly IndicatorRow[]): { rows: IndicatorRow[]; note: string } {
  const sorted = [...rows].sort((a, b) => (a.childAccounts.share ?? -1) - (b.childAccounts.share ?? -1));
  if (sorted.length <= MAX_BARS) return { rows: sorted, note: '' };
  const half = MAX_BARS / 2;
  return {
    rows: [...sorted.slice(0, half), ...sorted.slice(-half)],
    note: `На графике ${half} школ с самой низкой и ${half} с самой высокой долей; все ${sorted.length} — в таблице.`,
  };
}

function table(rows: readonly IndicatorRow[], nameHeader: string, caption: string): Html {
  return markup`<div class="scroll"><table><caption class="sr-only">${caption}</caption><thead><tr><th scope="col">${nameHeader}</th><th scope="col" class="num">Учеников 5–11 классов</th><th scope="col" class="num">K10–14</th><th scope="col" class="num">K14–18</th><th scope="col" class="num">Доля</th><th scope="col">Оценка</th></tr></thead>
<tbody>${rows.map(
    (r) =>
      markup`<tr data-id="${r.id}"><th scope="row">${r.name}${r.municipality ? markup`<br><small>${r.municipality}</small>` : ''}</th><td class="num">${formatCount(r.childAccounts.pupils)}</td><td class="num">${formatCount(r.childAccounts.k10to14)}</td><td class="num">${formatCount(r.childAccounts.k14to18)}</td><td class="num" data-share>${formatPercent(r.childAccounts.share)}</td><td>${r.childAccounts.grade ?? '—'}</td></tr>`,
  )}</tbody></table></div>`;
}

function block(id: string, heading: string, rows: readonly IndicatorRow[], nameHeader: string): Html {
  const chosen = chartRows(rows);
  return markup`<h3>${heading}</h3>${barChart({
    id,
    title: `Доля детских учётных записей: ${heading.toLowerCase()}`,
    summary: 'Доля учеников 5–11 классов с детской учётной записью, привязанной к родителю; пороги оценки 80, 90 и 95 %.',
    bars: chosen.rows.map((r) => ({
      label: r.name,
      value: r.childAccounts.share,
      text: shareText(r),
      tone: r.childAccounts.grade ? TONE[r.childAccounts.grade] : 'muted',
    })),
    max: 100,
    marks: GRADE_MARKS,
  })}${chosen.note ? markup`<p class="muted">${chosen.note}</p>` : ''}${table(rows, nameHeader, heading)}`;
}

export function childAccountsSection(region: IndicatorRow, municipalities: readonly IndicatorRow[], schools: readonly IndicatorRow[]): Html {
  const c = region.childAccounts;
  return markup`<section class="card" aria-labelledby="duz-h" id="child-accounts"><h2 id="duz-h">Доля детских учётных записей</h2>
<p class="muted">A = (K10–14 + K14–18) / учеников 5–11 классов. Оценка: от 95 % — отлично, от 90 % — хорошо, от 80 % — удовлетворительно, ниже — неудовлетворительно.</p>
<p class="headline" data-region-share="${formatPercent(c.share)}">Регион: <b>${formatPercent(c.share)}</b> — <b>${c.grade ?? 'нет данных'}</b> <small>(${formatCount(c.k10to14 + c.k14to18)} из ${formatCount(c.pupils)})</small></p>
${block('duz-municipalities', 'По муниципалитетам', municipalities, 'Муниципалитет')}
${block('duz-schools', 'По школам', schools, 'Школа')}</section>`;
}
