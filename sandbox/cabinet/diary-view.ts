/** The week's diary: timetable, topics, homework, marks and attendance, day by day, with previous/next week. */
import { markup, type Html } from '../pages/html.ts';
import type { DiaryEntry, Lesson, Me } from './data.ts';
import { cabinetLink, type View } from './links.ts';
import { addDays, dayTitle, rangeTitle } from './week.ts';

// The contract's work codes (and the period mark) as the diary's reader says them.
const KIND_RU: Record<string, string> = {
  answer: 'ответ на уроке',
  homework: 'домашняя работа',
  independent: 'самостоятельная работа',
  test: 'контрольная работа',
  lesson: 'на уроке',
  oral: 'устный ответ',
  period: 'за период',
};

function lessonRow(l: Lesson): Html {
  const marks = (l.marks ?? []).map(
    (m) => markup`<span class="mark" title="${`оценка ${m.value}${m.kind && KIND_RU[m.kind] ? `, ${KIND_RU[m.kind]}` : ''}`}">${m.value}</span>`,
  );
  return markup`<div class="lesson"><span>${l.start.slice(11, 16)}</span><div><b>${l.subject}</b>${l.topic ? markup`<br><small>${l.topic}</small>` : ''}${l.homework ? markup`<br>Домашнее задание: ${l.homework}` : ''}${l.attendance ? markup`<br><small>Посещаемость: ${l.attendance}</small>` : ''}${l.classroom ? markup`<br><small>Кабинет ${l.classroom}</small>` : ''}</div><div class="marks">${marks.length ? markup`<span class="sr-only">Оценки: </span>${marks}` : ''}</div></div>`;
}

function entryBlock(entry: DiaryEntry, from: string, withTitle: boolean): Html {
  const days = [0, 1, 2, 3, 4, 5].map((i) => addDays(from, i));
  return markup`<div class="entry">${withTitle ? markup`<h3>${entry.student ? `${entry.student}, ` : ''}${entry.className} — ${entry.school}</h3>` : ''}
${days.map((day) => {
  const lessons = entry.lessons.filter((l) => l.date === day);
  return markup`<div class="day" data-date="${day}"><h3>${dayTitle(day)}</h3>${lessons.length ? lessons.map(lessonRow) : markup`<p class="muted">Уроков нет</p>`}</div>`;
})}</div>`;
}

export function diaryCard(me: Me, prefix: string, view: View, from: string, to: string, problem: Html | null): Html {
  const nav = markup`<nav class="week" aria-label="Неделя"><a class="button secondary" href="${cabinetLink(prefix, view, { week: addDays(from, -7) })}">← Предыдущая неделя</a><b>${rangeTitle(from, to)}</b><a class="button secondary" href="${cabinetLink(prefix, view, { week: addDays(from, 7) })}">Следующая неделя →</a></nav>`;
  let entries = me.diary?.entries ?? [];
  if (view.role === 'PARENT' && view.child) entries = entries.filter((e) => e.studentOid === view.child);
  const body = problem
    ? problem
    : entries.length === 0
      ? markup`<p class="muted">На этой неделе в дневнике ничего нет.</p>`
      : entries.map((e) => entryBlock(e, from, entries.length > 1 || view.role !== 'PUPIL'));
  return markup`<section class="card" aria-labelledby="diary-h"><h2 id="diary-h">Дневник${me.diary ? markup` <small>${me.diary.platform}</small>` : ''}</h2>${nav}${body}</section>`;
}
