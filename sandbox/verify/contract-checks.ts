/**
 * Every Schedule a diary answered, against the contract (docs/diary-contract.md «Schedule»):
 * field names and types; dates and times (with the region's offset, inside the asked range);
 * mark systems; attendance codes. Each concern is its own check, so one mistake fails one check:
 * the shape check leaves the date fields to the dates check.
 */
import { checkSchedule } from '../../mocks/index.ts';
import { judged, outcomeOf } from './judge.ts';
import type { DiarySubject, Range } from './plan.ts';
import type { Exchange } from './probe.ts';
import { child, children, lessonsOf, schoolsOf, text } from './schedule-walk.ts';
import type { CheckResult } from './verdict.ts';

/** One `GET /Schedule/{oid}` the kit asked expecting a Schedule: who, which range (null: none given). */
export interface ScheduleAnswer {
  readonly exchange: Exchange;
  readonly subject: DiarySubject;
  readonly range: Range | null;
}

/**
 * The offset a lesson's time carries. edusim's world keeps every region's timetable in Moscow
 * time (`seeds/world/journal.ts`), and that is what a vendor loaded.
 */
export const WORLD_OFFSET = '+03:00';

const DATE_FIELD = /\.period\.(start|end): /;

/** The contract's mark systems and the scores each allows. */
export const MARK_SYSTEMS: Readonly<Record<string, RegExp>> = {
  five: /^[1-5][+-]?$/,
  ten: /^([1-9]|10)$/,
  hundred: /^(\d{1,2}|100)$/,
  pass: /^(зачёт|незачёт|зачет|незачет)$/,
};

/** н (absent), б (ill), у (excused), о (late). */
export const ATTENDANCE_CODES: readonly string[] = ['н', 'б', 'у', 'о'];

const NOTHING_ANSWERED = 'Проверить нечего: ни одного ответа HTTP 200 (см. contract.shape)';

/** The answers that are a Schedule on the contract: the world checks compare only those. */
export function onContract(answer: ScheduleAnswer): boolean {
  return answer.exchange.status === 200 && checkSchedule(answer.exchange.json).length === 0;
}

export function contractShape(answers: readonly ScheduleAnswer[]): CheckResult {
  const bad: { answer: ScheduleAnswer; problems: string[] }[] = [];
  for (const answer of answers) {
    const { exchange } = answer;
    const label = exchange.label;
    let problems: string[];
    if (exchange.status !== 200) problems = [`${label}: ожидался HTTP 200 со Schedule, пришёл ${outcomeOf(exchange)}`];
    else if (exchange.json === undefined) problems = [`${label}: тело ответа не JSON`];
    else
      problems = checkSchedule(exchange.json)
        .filter((v) => !DATE_FIELD.test(v))
        .map((v) => `${label}: ${v}`);
    if (problems.length > 0) bad.push({ answer, problems });
  }
  if (bad.length > 0)
    return judged('contract.shape', {
      status: 'failed',
      summary: `Не по контракту ответов: ${bad.length} из ${answers.length}`,
      problems: bad.flatMap((b) => b.problems),
      exchanges: bad.map((b) => b.answer.exchange),
    });
  return judged('contract.shape', {
    status: 'pass',
    summary: `Ответов Schedule по контракту: ${answers.length}`,
    exchanges: answers.slice(0, 1).map((a) => a.exchange),
  });
}

function datesOf(answer: ScheduleAnswer): { problems: string[]; warnings: string[] } {
  const { exchange, range } = answer;
  const label = exchange.label;
  const problems = checkSchedule(exchange.json)
    .filter((v) => DATE_FIELD.test(v))
    .map((v) => `${label}: ${v}`);
  const warnings: string[] = [];
  schoolsOf(exchange.json).forEach((school, s) => {
    const period = child(school, 'period');
    if (range && period && (text(period, 'start') !== range.start || text(period, 'end') !== range.end))
      problems.push(`${label}: school[${s}].period: ожидалось ${range.start}…${range.end}, пришло ${text(period, 'start')}…${text(period, 'end')}`);
  });
  for (const { path, lesson } of lessonsOf(exchange.json)) {
    const start = text(child(lesson, 'period'), 'start');
    if (start === undefined) continue;
    const offset = /([+-]\d{2}:\d{2}|Z)$/.exec(start)?.[1];
    if (offset !== undefined && offset !== WORLD_OFFSET)
      warnings.push(`${label}: ${path}.period.start: ${start} — время указано со смещением ${offset}, а не ${WORLD_OFFSET} (время региона)`);
    const day = start.slice(0, 10);
    if (range && (day < range.start || day > range.end)) problems.push(`${label}: ${path}: урок ${day} вне запрошенного периода ${range.start}…${range.end}`);
  }
  return { problems, warnings };
}

export function contractDates(answers: readonly ScheduleAnswer[]): CheckResult {
  const found = answers.filter((a) => a.exchange.status === 200).map((answer) => ({ answer, ...datesOf(answer) }));
  if (found.length === 0) return judged('contract.dates', { status: 'skipped', summary: NOTHING_ANSWERED });
  const failing = found.filter((f) => f.problems.length > 0);
  if (failing.length > 0)
    return judged('contract.dates', {
      status: 'failed',
      summary: `Даты не по контракту (ответов: ${failing.length} из ${found.length})`,
      problems: failing.flatMap((f) => f.problems),
      exchanges: failing.map((f) => f.answer.exchange),
    });
  const warned = found.filter((f) => f.warnings.length > 0);
  if (warned.length > 0)
    return judged('contract.dates', {
      status: 'warning',
      summary: 'Время уроков указано не в часовом поясе региона',
      problems: warned.flatMap((f) => f.warnings),
      exchanges: warned.map((f) => f.answer.exchange),
    });
  return judged('contract.dates', { status: 'pass', summary: `Даты и время по контракту, уроки внутри периодов (ответов: ${found.length})` });
}

/** Marks and attendance codes, one rule per value: the two checks share the walk. */
function valueCheck(
  id: 'contract.marks' | 'contract.attendance',
  answers: readonly ScheduleAnswer[],
  problemsOfLesson: (lesson: Record<string, unknown>, path: string) => string[],
  noun: string,
): CheckResult {
  if (!answers.some((a) => a.exchange.status === 200)) return judged(id, { status: 'skipped', summary: NOTHING_ANSWERED });
  let seen = 0;
  const bad: { answer: ScheduleAnswer; problems: string[] }[] = [];
  for (const answer of answers.filter((a) => a.exchange.status === 200)) {
    const problems: string[] = [];
    for (const { lesson, path } of lessonsOf(answer.exchange.json)) {
      const found = problemsOfLesson(lesson, path);
      if (lesson[id === 'contract.marks' ? 'score' : 'attendance'] !== undefined) seen += 1;
      problems.push(...found.map((p) => `${answer.exchange.label}: ${p}`));
    }
    if (problems.length > 0) bad.push({ answer, problems });
  }
  if (bad.length > 0)
    return judged(id, {
      status: 'failed',
      summary: `${noun}: нарушения (ответов: ${bad.length})`,
      problems: bad.flatMap((b) => b.problems),
      exchanges: bad.map((b) => b.answer.exchange),
    });
  if (seen === 0) return judged(id, { status: 'warning', summary: `${noun}: ни одной в ответах — проверить нечего (загружена ли выгрузка мира?)` });
  return judged(id, { status: 'pass', summary: `${noun}: по контракту (уроков с ними: ${seen})` });
}

export function contractMarks(answers: readonly ScheduleAnswer[]): CheckResult {
  return valueCheck(
    'contract.marks',
    answers,
    (lesson, path) =>
      children(lesson, 'score').flatMap((score, i) => {
        const where = `${path}.score[${i}]`;
        const system = text(score, 'scoreSystem');
        const rule = system === undefined ? undefined : MARK_SYSTEMS[system];
        const problems: string[] = [];
        if (rule === undefined)
          problems.push(`${where}.scoreSystem: ожидалось одно из ${Object.keys(MARK_SYSTEMS).join(', ')}, пришло ${JSON.stringify(score['scoreSystem'])}`);
        else if (!rule.test(text(score, 'score') ?? '')) problems.push(`${where}.score: ${JSON.stringify(score['score'])} не оценка системы ${system}`);
        const weight = score['weight'];
        if (weight !== undefined && (typeof weight !== 'number' || !(weight > 0)))
          problems.push(`${where}.weight: ожидалось положительное число, пришло ${JSON.stringify(weight)}`);
        return problems;
      }),
    'Оценки',
  );
}

export function contractAttendance(answers: readonly ScheduleAnswer[]): CheckResult {
  return valueCheck(
    'contract.attendance',
    answers,
    (lesson, path) => {
      const attendance = lesson['attendance'];
      if (attendance === undefined) return [];
      const code = text(child(lesson, 'attendance'), 'code');
      return code !== undefined && ATTENDANCE_CODES.includes(code)
        ? []
        : [`${path}.attendance.code: ожидалось одно из ${ATTENDANCE_CODES.join(', ')}, пришло ${JSON.stringify(code ?? attendance)}`];
    },
    'Отметки посещаемости',
  );
}
