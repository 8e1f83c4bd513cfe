/** ЦОК usage (teachers and pupils who opened content at least once, against the 80 % target) and content available vs. demanded by subject. */
import type { IndicatorRow, IndicatorsReport } from '../indicators/schema.ts';
import { markup, type Html } from '../pages/html.ts';
import { formatCount, formatPercent } from '../pages/ru-numbers.ts';
import { barChart } from './bar-chart.ts';

type Reach = IndicatorRow['library']['teachers'];

const reachText = (r: Reach) => `${formatPercent(r.share)} (${formatCount(r.opened)} из ${formatCount(r.total)})`;

export function libraryUsageSection(region: IndicatorRow, schools: readonly IndicatorRow[]): Html {
  const { library } = region;
  const target = [{ value: library.target, label: `цель ${library.target} %` }];
  const chart = barChart({
    id: 'cok-usage',
    title: `Использование библиотеки ЦОК в регионе, цель ${library.target} %`,
    summary: 'Доля учителей и учеников, открывших материалы ЦОК хотя бы раз.',
    bars: [
      { label: 'Учителя', value: library.teachers.share, text: reachText(library.teachers), tone: library.teachers.meetsTarget ? 'excellent' : 'poor' },
      { label: 'Ученики', value: library.pupils.share, text: reachText(library.pupils), tone: library.pupils.meetsTarget ? 'excellent' : 'poor' },
    ],
    max: 100,
    marks: target,
  });
  const rows = schools.map(
    (s) =>
      markup`<tr data-id="${s.id}"><th scope="row">${s.name}</th><td class="num">${reachText(s.library.teachers)}</td><td>${s.library.teachers.meetsTarget ? 'да' : 'нет'}</td><td class="num">${reachText(s.library.pupils)}</td><td>${s.library.pupils.meetsTarget ? 'да' : 'нет'}</td><td class="num">${formatCount(s.library.itemsOpened)}</td></tr>`,
  );
  return markup`<section class="card" aria-labelledby="cok-h" id="library-usage"><h2 id="cok-h">Использование библиотеки ЦОК</h2>
<p class="muted">Кто открыл материалы ЦОК хотя бы раз в этой песочнице (каждое «Открыть урок» в кабинете). Цель — ${library.target} % учителей и ${library.target} % учеников.</p>
${chart}
<div class="scroll"><table><caption class="sr-only">Использование ЦОК по школам</caption><thead><tr><th scope="col">Школа</th><th scope="col" class="num">Учителя</th><th scope="col">Цель достигнута</th><th scope="col" class="num">Ученики</th><th scope="col">Цель достигнута</th><th scope="col" class="num">Открыто материалов</th></tr></thead>
<tbody><tr data-id="${region.id}"><th scope="row">Регион</th><td class="num">${reachText(library.teachers)}</td><td>${library.teachers.meetsTarget ? 'да' : 'нет'}</td><td class="num">${reachText(library.pupils)}</td><td>${library.pupils.meetsTarget ? 'да' : 'нет'}</td><td class="num">${formatCount(library.itemsOpened)}</td></tr>${rows}</tbody></table></div></section>`;
}

export function contentDemandSection(demand: IndicatorsReport['contentDemand']): Html {
  const bySubject = [...demand.bySubject].sort((a, b) => b.available - a.available);
  const maxAvailable = Math.max(1, ...bySubject.map((s) => s.available));
  const maxOpened = Math.max(1, ...bySubject.map((s) => s.opened));
  const available = barChart({
    id: 'content-available',
    title: 'Количество материалов в библиотеке ЦОК по предметам',
    summary: 'Сколько материалов есть по каждому предмету.',
    bars: bySubject.map((s) => ({ label: s.subject, value: s.available, text: formatCount(s.available), tone: 'neutral' })),
    max: maxAvailable,
  });
  const demanded = bySubject.filter((s) => s.opened > 0).sort((a, b) => b.opened - a.opened);
  const opened =
    demanded.length === 0
      ? markup`<p class="muted" data-demanded="none">Востребовано: пока ни один материал не открыт. Каждое «Открыть урок» в библиотеке кабинета попадает сюда.</p>`
      : barChart({
          id: 'content-demanded',
          title: 'Востребовано: открытые материалы по предметам',
          summary: 'Сколько разных материалов каждого предмета открыли учителя и ученики региона (предметы, где открыт хотя бы один).',
          bars: demanded.map((s) => ({ label: s.subject, value: s.opened, text: formatCount(s.opened), tone: 'neutral' })),
          max: maxOpened,
        });
  return markup`<section class="card" aria-labelledby="demand-h" id="content-demand"><h2 id="demand-h">Количество / Востребовано</h2>
<p class="muted">В библиотеке ${formatCount(demand.available)} материалов; открыто разных материалов: ${formatCount(demand.opened)}.</p>
${available}${opened}
<div class="scroll"><table><caption class="sr-only">Количество и востребованность по предметам</caption><thead><tr><th scope="col">Предмет</th><th scope="col" class="num">Количество</th><th scope="col" class="num">Востребовано</th></tr></thead>
<tbody>${bySubject.map(
    (s) =>
      markup`<tr data-subject="${s.subjectCode}"><th scope="row">${s.subject}</th><td class="num">${formatCount(s.available)}</td><td class="num">${formatCount(s.opened)}</td></tr>`,
  )}</tbody></table></div></section>`;
}
