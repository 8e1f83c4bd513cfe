/**
 * Every Schedule a diary answered, against the world (docs/verify.md «Against the world»): the
 * lessons of that person and those dates, and on each lesson the marks, homework and attendance of
 * that pupil — none of another's. What the world holds comes from edusim's own diary on the same
 * world and date. Lessons are matched by id (the export's `lessons.csv: id`); only answers on the
 * contract are compared (the contract checks report the rest).
 */
import { judged } from './judge.ts';
import { onContract, type ScheduleAnswer } from './contract-checks.ts';
import { child, children, lessonsOf, text, type Json } from './schedule-walk.ts';
import type { CheckResult } from './verdict.ts';

export interface Comparison {
  readonly answer: ScheduleAnswer;
  /** What edusim's own diary answers for the same person and range. */
  readonly expected: unknown;
}

type WorldCheckId = 'world.lessons' | 'world.marks' | 'world.homework' | 'world.attendance';

interface Pair {
  readonly key: string;
  readonly expected: Json | undefined;
  readonly actual: Json | undefined;
}

/** Lessons keyed by id (a second occurrence — twins in one class — by `id#2`). */
function byId(body: unknown): Map<string, Json> {
  const map = new Map<string, Json>();
  for (const { lesson } of lessonsOf(body)) {
    const id = text(lesson, 'id') ?? '';
    let key = id;
    for (let n = 2; map.has(key); n++) key = `${id}#${n}`;
    map.set(key, lesson);
  }
  return map;
}

function pairsOf(comparison: Comparison): Pair[] {
  const expected = byId(comparison.expected);
  const actual = byId(comparison.answer.exchange.json);
  const keys = [...new Set([...expected.keys(), ...actual.keys()])].sort();
  return keys.map((key) => ({ key, expected: expected.get(key), actual: actual.get(key) }));
}

const describeLesson = (lesson: Json): string => `${text(lesson, 'subject') ?? '?'} ${text(child(lesson, 'period'), 'start') ?? '?'}`;
const instant = (lesson: Json, end: 'start' | 'end'): number => Date.parse(text(child(lesson, 'period'), end) ?? '');

function lessonProblems(pair: Pair): string[] {
  const { expected, actual, key } = pair;
  if (expected && !actual) return [`нет урока ${key} (${describeLesson(expected)})`];
  if (actual && !expected) return [`лишний урок ${key} (${describeLesson(actual)}): в мире его нет у этого человека за эти даты`];
  if (!expected || !actual) return [];
  const problems: string[] = [];
  if (text(actual, 'subject') !== text(expected, 'subject'))
    problems.push(`урок ${key}: subject ожидался ${JSON.stringify(text(expected, 'subject'))}, пришёл ${JSON.stringify(text(actual, 'subject'))}`);
  for (const end of ['start', 'end'] as const)
    if (instant(actual, end) !== instant(expected, end))
      problems.push(`урок ${key}: period.${end} ожидалось ${text(child(expected, 'period'), end)}, пришло ${text(child(actual, 'period'), end)}`);
  return problems;
}

const marks = (lesson: Json): string =>
  `[${children(lesson, 'score')
    .map((s) => `${text(s, 'score') ?? '?'} ${text(s, 'code') ?? '?'}`)
    .sort()
    .join(', ')}]`;

function valueProblems(id: WorldCheckId, pair: Pair): string[] {
  const { expected, actual } = pair;
  if (!expected || !actual) return [];
  const where = `урок ${describeLesson(expected)}`;
  if (id === 'world.marks') return marks(actual) === marks(expected) ? [] : [`${where}: оценки ожидались ${marks(expected)}, пришли ${marks(actual)}`];
  if (id === 'world.homework') {
    const [want, got] = [text(expected, 'homework') ?? '', text(actual, 'homework') ?? ''];
    return want === got ? [] : [`${where}: homework ожидалось ${JSON.stringify(want)}, пришло ${JSON.stringify(got)}`];
  }
  const [want, got] = [text(child(expected, 'attendance'), 'code') ?? '—', text(child(actual, 'attendance'), 'code') ?? '—'];
  return want === got ? [] : [`${where}: посещаемость ожидалась ${want}, пришла ${got}`];
}

const SUMMARY: Readonly<Record<WorldCheckId, string>> = {
  'world.lessons': 'Уроки',
  'world.marks': 'Оценки',
  'world.homework': 'Домашние задания',
  'world.attendance': 'Посещаемость',
};

function worldCheck(id: WorldCheckId, comparisons: readonly Comparison[]): CheckResult {
  const compared = comparisons.filter((c) => onContract(c.answer));
  const skipped = comparisons.length - compared.length;
  const bad: { comparison: Comparison; problems: string[] }[] = [];
  let lessons = 0;
  for (const comparison of compared) {
    const pairs = pairsOf(comparison);
    lessons += pairs.length;
    const problems = pairs.flatMap((pair) => (id === 'world.lessons' ? lessonProblems(pair) : valueProblems(id, pair)));
    if (problems.length > 0) bad.push({ comparison, problems: problems.map((p) => `${comparison.answer.exchange.label}: ${p}`) });
  }
  const noun = SUMMARY[id];
  if (bad.length > 0)
    return judged(id, {
      status: 'failed',
      summary: `${noun}: расхождения с миром (ответов: ${bad.length} из ${compared.length})`,
      problems: bad.flatMap((b) => b.problems),
      exchanges: bad.map((b) => b.comparison.answer.exchange),
    });
  if (skipped > 0)
    return judged(id, {
      status: 'skipped',
      summary: `Не сравнить: не по контракту ответов ${skipped} из ${comparisons.length} (см. contract.shape, contract.dates)${compared.length > 0 ? `; остальные ${compared.length} совпадают с миром` : ''}`,
    });
  return judged(id, { status: 'pass', summary: `${noun}: как в мире (ответов: ${compared.length}, уроков: ${lessons})` });
}

export const worldLessons = (comparisons: readonly Comparison[]) => worldCheck('world.lessons', comparisons);
export const worldMarks = (comparisons: readonly Comparison[]) => worldCheck('world.marks', comparisons);
export const worldHomework = (comparisons: readonly Comparison[]) => worldCheck('world.homework', comparisons);
export const worldAttendance = (comparisons: readonly Comparison[]) => worldCheck('world.attendance', comparisons);
