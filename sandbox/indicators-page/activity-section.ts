/**
 * Activity (logged in during the last 30 days): the report's `activity` field. Until the report
 * computes it the field is null and the page says «нет данных о входах». When it is there, its
 * figures are laid out as they come — groups as lists, lists of rows as tables — so the page shows
 * whatever the report declares without a second copy of its shape.
 */
import type { IndicatorsReport } from '../indicators/schema.ts';
import { markup, type Html } from '../pages/html.ts';
import { formatCount, formatPercent } from '../pages/ru-numbers.ts';

/** Russian names of the fields an activity report is expected to carry; other keys are shown as they are. */
const FIELD_RU: Readonly<Record<string, string>> = {
  days: 'Период, дней',
  windowDays: 'Период, дней',
  pupils: 'Ученики',
  parents: 'Родители',
  teachers: 'Учителя',
  total: 'Всего',
  active: 'Активны',
  share: 'Доля',
  schools: 'Школы',
  activeSchools: 'Активные школы',
  ranking: 'Рейтинг школ по активности',
  rank: 'Место',
  name: 'Название',
  id: 'Код',
  municipality: 'Муниципалитет',
  target: 'Цель, %',
  meetsTarget: 'Цель достигнута',
};

const label = (key: string) => FIELD_RU[key] ?? key;

function scalar(key: string, value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'boolean') return value ? 'да' : 'нет';
  if (typeof value === 'number') return key === 'share' || key.endsWith('Share') ? formatPercent(value) : formatCount(value);
  return String(value);
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function figures(value: unknown, depth = 0): Html {
  if (Array.isArray(value)) {
    const rows = value.filter(isRecord);
    if (rows.length === 0) return markup`<p class="muted">Нет строк.</p>`;
    const columns = Object.keys(rows[0] ?? {}).filter((k) => !isRecord(rows[0]?.[k]) && !Array.isArray(rows[0]?.[k]));
    return markup`<div class="scroll"><table><thead><tr>${columns.map((c) => markup`<th scope="col">${label(c)}</th>`)}</tr></thead><tbody>${rows.map(
      (r) => markup`<tr>${columns.map((c) => markup`<td>${scalar(c, r[c])}</td>`)}</tr>`,
    )}</tbody></table></div>`;
  }
  if (isRecord(value)) {
    const entries = Object.entries(value);
    return markup`<dl class="facts">${entries.map(([k, v]) =>
      isRecord(v) || Array.isArray(v)
        ? markup`<dt>${label(k)}</dt><dd>${depth < 3 ? figures(v, depth + 1) : '…'}</dd>`
        : markup`<dt>${label(k)}</dt><dd>${scalar(k, v)}</dd>`,
    )}</dl>`;
  }
  return markup`${scalar('', value)}`;
}

export function activitySection(activity: IndicatorsReport['activity']): Html {
  const body: Html = activity === null ? markup`<p class="muted" data-activity="none">Нет данных о входах.</p>` : figures(activity as unknown);
  return markup`<section class="card" aria-labelledby="activity-h" id="activity"><h2 id="activity-h">Активность пользователей</h2>
<p class="muted">Активен — входил в «Мою школу» за последние 30 дней: ученики, родители, учителя; активная школа — где активны не меньше половины учителей и половины учеников.</p>${body}</section>`;
}
