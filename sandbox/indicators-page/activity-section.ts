/**
 * Activity: who logged in to «Моя школа» during the report's period (30 days, or 365), the schools
 * that use the platform (≥ 50 % of teachers and of pupils active in the month) and the schools
 * ranked by activity — a chart for the region, a table under it, and the ranking's head.
 */
import type { IndicatorRow, IndicatorsReport } from '../indicators/schema.ts';
import { markup, type Html } from '../pages/html.ts';
import { formatCount, formatDate, formatPercent } from '../pages/ru-numbers.ts';
import { barChart } from './bar-chart.ts';

type Active = IndicatorRow['activity']['pupils'];

/** How many of the ranking's schools the page lists (the API has them all). */
export const RANKING_SHOWN = 20;

const activeText = (a: Active) => `${formatPercent(a.share)} (${formatCount(a.active)} из ${formatCount(a.total)})`;

function summaryRow(row: IndicatorRow, title: Html | string): Html {
  const { activity } = row;
  return markup`<tr data-id="${row.id}"><th scope="row">${title}</th><td class="num">${activeText(activity.pupils)}</td><td class="num">${activeText(activity.parents)}</td><td class="num">${activeText(activity.teachers)}</td><td class="num">${formatCount(activity.schools.using)} из ${formatCount(activity.schools.total)}</td></tr>`;
}

export function activitySection(region: IndicatorRow, municipalities: readonly IndicatorRow[], activity: IndicatorsReport['activity']): Html {
  const { pupils, parents, teachers, schools } = region.activity;
  const threshold = activity.usingThreshold;
  const chart = barChart({
    id: 'activity',
    title: `Активные пользователи за ${activity.period} дней`,
    summary: `Доля учеников, родителей и учителей, входивших в «Мою школу» с ${formatDate(activity.from)} по ${formatDate(activity.to)}.`,
    bars: [
      { label: 'Ученики', value: pupils.share, text: activeText(pupils), tone: (pupils.share ?? 0) >= threshold ? 'excellent' : 'poor' },
      { label: 'Родители', value: parents.share, text: activeText(parents), tone: 'neutral' },
      { label: 'Учителя', value: teachers.share, text: activeText(teachers), tone: (teachers.share ?? 0) >= threshold ? 'excellent' : 'poor' },
    ],
    max: 100,
    marks: [{ value: threshold, label: `${threshold} %` }],
  });
  const ranking = activity.ranking
    .slice(0, RANKING_SHOWN)
    .map(
      (s) =>
        markup`<tr data-rank="${s.rank}" data-id="${s.id}"><td class="num">${s.rank}</td><th scope="row">${s.name}</th><td>${s.municipality}</td><td class="num">${formatPercent(s.score)}</td><td class="num">${formatPercent(s.pupils)}</td><td class="num">${formatPercent(s.teachers)}</td><td>${s.using ? 'да' : 'нет'}</td></tr>`,
    );
  return markup`<section class="card" aria-labelledby="activity-h" id="activity"><h2 id="activity-h">Активность пользователей</h2>
<p class="muted">Активен — входил в «Мою школу» за последние ${activity.period} дней (${formatDate(activity.from)} — ${formatDate(activity.to)}). Школа пользуется платформой, когда за последние 30 дней активны не меньше ${threshold} % её учителей и ${threshold} % учеников: таких школ ${formatCount(schools.using)} из ${formatCount(schools.total)} (${formatPercent(schools.share)}).</p>
${chart}
<div class="scroll"><table><caption class="sr-only">Активность по муниципалитетам</caption><thead><tr><th scope="col">Территория</th><th scope="col" class="num">Ученики</th><th scope="col" class="num">Родители</th><th scope="col" class="num">Учителя</th><th scope="col" class="num">Школы, пользующиеся платформой</th></tr></thead>
<tbody>${summaryRow(region, 'Регион')}${municipalities.map((m) => summaryRow(m, m.name))}</tbody></table></div>
<h3>Рейтинг школ по активности</h3>
<p class="muted">Место — по среднему из долей активных учеников и учителей; показаны первые ${Math.min(RANKING_SHOWN, activity.ranking.length)} из ${formatCount(activity.ranking.length)}.</p>
<div class="scroll"><table id="activity-ranking"><thead><tr><th scope="col" class="num">Место</th><th scope="col">Школа</th><th scope="col">Муниципалитет</th><th scope="col" class="num">Балл</th><th scope="col" class="num">Ученики</th><th scope="col" class="num">Учителя</th><th scope="col">Пользуется</th></tr></thead>
<tbody>${ranking}</tbody></table></div></section>`;
}
