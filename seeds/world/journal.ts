/**
 * The class journal: lessons on a date (from the weekly timetable and the calendar), topics,
 * homework, marks with weights and attendance — consistent by construction: a mark belongs to a
 * lesson that happened (on or before the world's date), given by that lesson's teacher, to a
 * pupil of that class who was present.
 */
import { hash5, unit5, uuid5 } from '../random/hash.ts';
import { BELLS, dayOf, isoOf, weekdayOf, type Day } from './calendar.ts';
import type { RegionPeople } from './people.ts';
import type { School } from './region-layout.ts';
import { SUBJECTS, TALKS_SUBJECT } from './subjects.ts';
import { weekTemplate, type WeekTemplate } from './timetable.ts';
import { Lru } from './lru.ts';
import { topicOf } from './topics.ts';

export type AttendanceCode = 'Н' | 'Б' | 'УП' | 'ОП';

export interface Lesson {
  readonly id: string;
  readonly classIndex: number;
  readonly date: string;
  /** The date as a day number (days since 1970-01-01). */
  readonly day: Day;
  /** 0 for the Monday «Разговоры о важном», then 1…7. */
  readonly number: number;
  /** ISO-8601 with the Moscow offset, as the federal diary contract writes periods. */
  readonly start: string;
  readonly end: string;
  readonly subject: string;
  readonly subjectId: number;
  /** Teacher index within the region. */
  readonly teacher: number;
  readonly topic: string;
  readonly homework: string | null;
  readonly classroom: string;
  /** Whether the lesson has happened by the world's date. */
  readonly held: boolean;
}

export interface Mark {
  readonly id: string;
  readonly lessonId: string;
  /** Pupil index within the region. */
  readonly pupil: number;
  readonly teacher: number;
  readonly date: string;
  readonly subject: string;
  readonly value: 2 | 3 | 4 | 5;
  readonly weight: number;
  readonly workType: 'Ответ на уроке' | 'Домашняя работа' | 'Самостоятельная работа' | 'Контрольная работа';
}

export interface AttendanceMark {
  readonly lessonId: string;
  readonly pupil: number;
  readonly code: AttendanceCode;
}

export interface PeriodMark {
  readonly pupil: number;
  readonly subject: string;
  readonly period: string;
  readonly mean: number | null;
  /** 2–5, or «н/а» (не аттестован) when the period has no marks. */
  readonly value: 2 | 3 | 4 | 5 | 'н/а';
}

const HOMEWORK: readonly ((n: number, m: number) => string)[] = [
  (n, m) => `§ ${n}, упр. ${m} (письменно)`,
  (n, m) => `П. ${n}, № ${m}, ${m + 2}`,
  (n, m) => `с. ${n * 3}–${n * 3 + 1}, № ${(m % 9) + 1}`,
  (n) => `Повторить § ${n}, выучить определения`,
  (n) => `Р.т. с. ${n * 2}–${n * 2 + 1}`,
  () => 'Подготовить сообщение по теме урока',
  () => 'Без задания',
];

export class Journal {
  readonly #templates = new Map<number, WeekTemplate>();
  // Everything here is a pure function of the world, so answers are cached (diaries ask for the same
  // classes and weeks over and over). Callers must not mutate the returned arrays.
  readonly #lessons = new Lru<string, Lesson[]>(20_000);
  readonly #marks = new Lru<string, Mark[]>(50_000);
  readonly #attendance = new Lru<string, AttendanceMark[]>(50_000);
  readonly #periodMarkCache = new Lru<string, PeriodMark[]>(20_000);

  /**
   * The class's lessons on a date; `today` (ISO date, default the world's date) decides which
   * have been held, so a sandbox whose clock moves on sees the journal fill in.
   */
  lessonsOn(classIndex: number, date: string, today?: string): Lesson[] {
    const lessons = this.cached ? this.#cachedLessons(classIndex, date) : this.#buildLessons(classIndex, date);
    const held = dayOf(date) <= (today === undefined ? this.#asOf : dayOf(today));
    const first = lessons[0];
    return first === undefined || first.held === held ? lessons : lessons.map((lesson) => ({ ...lesson, held }));
  }

  #cachedLessons(classIndex: number, date: string): Lesson[] {
    const key = `${classIndex}|${date}`;
    return this.#lessons.get(key) ?? this.#lessons.set(key, this.#buildLessons(classIndex, date));
  }

  /** Marks exist only on a held lesson; they are the same whenever it is asked for. */
  marks(lesson: Lesson): Mark[] {
    if (!lesson.held) return [];
    if (!this.cached) return this.#buildMarks(lesson);
    return this.#marks.get(lesson.id) ?? this.#marks.set(lesson.id, this.#buildMarks(lesson));
  }

  attendance(lesson: Lesson): AttendanceMark[] {
    if (!lesson.held) return [];
    if (!this.cached) return this.#buildAttendance(lesson);
    return this.#attendance.get(lesson.id) ?? this.#attendance.set(lesson.id, this.#buildAttendance(lesson));
  }

  /** Period marks as of `today` (ISO date, default the world's date). */
  periodMarks(pupil: number, today?: string): PeriodMark[] {
    const day = today === undefined ? this.#asOf : dayOf(today);
    const key = `${pupil}|${this.#finishedPeriods(day)}`;
    return this.#periodMarkCache.get(key) ?? this.#periodMarkCache.set(key, this.#buildPeriodMarks(pupil, day));
  }

  #finishedPeriods(day: Day): number {
    return this.people.context.year.quarters.filter((q) => q.end <= day).length;
  }
  readonly #asOf: Day;

  /**
   * `cached: false` for a one-pass walk over everything (the export), where keeping answers would
   * only feed the garbage collector.
   */
  constructor(
    readonly people: RegionPeople,
    readonly worldKey: number,
    readonly cached = true,
  ) {
    this.#asOf = dayOf(people.context.asOf);
  }

  template(classIndex: number): WeekTemplate {
    let template = this.#templates.get(classIndex);
    if (!template) {
      template = weekTemplate(this.people.layout, classIndex, this.worldKey);
      if (this.#templates.size > 50_000) this.#templates.clear();
      this.#templates.set(classIndex, template);
    }
    return template;
  }

  #school(classIndex: number): School {
    const layout = this.people.layout;
    return layout.schools[layout.classSchool[classIndex] ?? 0] as School;
  }

  #buildLessons(classIndex: number, date: string): Lesson[] {
    const day = dayOf(date);
    const layout = this.people.layout;
    const grade = layout.classGrade[classIndex] ?? 1;
    const year = this.people.context.year;
    if (!year.isSchoolDay(day, grade)) return [];
    const weekday = weekdayOf(day);
    const template = this.template(classIndex);
    const school = this.#school(classIndex);
    const held = day <= this.#asOf;
    const lessons: Lesson[] = [];
    const classTeacher = school.teacherFirst + (school.staffing.classTeacher[classIndex - school.classFirst] ?? 0);
    if (weekday === 0) {
      lessons.push({
        id: uuid5(this.worldKey, 0x1e55, layout.ordinal, classIndex, day * 8),
        classIndex,
        date,
        day,
        number: 0,
        start: `${date}T08:00:00${layout.region.utcOffset}`,
        end: `${date}T08:25:00${layout.region.utcOffset}`,
        subject: TALKS_SUBJECT,
        subjectId: -1,
        teacher: classTeacher,
        topic: 'Разговоры о важном',
        homework: null,
        classroom: String(100 + (classIndex - school.classFirst)),
        held,
      });
    }
    const today = template[weekday] ?? [];
    for (const slot of today) {
      const subject = SUBJECTS[slot.subjectId];
      if (!subject) continue;
      const lessonNumber = this.#lessonNumber(template, day, grade, slot.subjectId, slot.number);
      const bell = BELLS[slot.number - 1] ?? BELLS[BELLS.length - 1] ?? ['08:30', '09:15'];
      const h = hash5(this.worldKey, 0x4e4, layout.ordinal, classIndex, day, slot.number);
      const homework =
        grade === 1 || (h & 0xff) < 64 ? null : (HOMEWORK[(h >>> 8) % HOMEWORK.length] ?? HOMEWORK[0])?.(1 + (lessonNumber % 40), 10 + ((h >>> 16) % 500));
      const localTeacher = slot.teacher - school.teacherFirst;
      lessons.push({
        id: uuid5(this.worldKey, 0x1e55, layout.ordinal, classIndex, day * 8 + slot.number),
        classIndex,
        date,
        day,
        number: slot.number,
        start: `${date}T${bell[0]}:00${layout.region.utcOffset}`,
        end: `${date}T${bell[1]}:00${layout.region.utcOffset}`,
        subject: subject.name,
        subjectId: subject.id,
        teacher: slot.teacher,
        topic: topicOf(subject.name, grade, lessonNumber + subject.id),
        homework: homework ?? null,
        classroom:
          subject.name === 'Физическая культура'
            ? 'Спортзал'
            : subject.taughtByClassTeacherInPrimary && grade <= 4
              ? String(100 + (classIndex - school.classFirst))
              : String(200 + localTeacher),
        held,
      });
    }
    return lessons;
  }

  /** 0-based count of this subject's lessons in the class before this one, this school year. */
  #lessonNumber(template: WeekTemplate, day: Day, grade: number, subjectId: number, slotNumber: number): number {
    const year = this.people.context.year;
    let count = 0;
    template.forEach((slots, weekday) => {
      const perDay = slots.filter((s) => s.subjectId === subjectId).length;
      if (perDay > 0) count += perDay * year.weekdaysBefore(day, weekday, grade);
    });
    const today = template[weekdayOf(day)] ?? [];
    return count + today.filter((s) => s.subjectId === subjectId && s.number < slotNumber).length;
  }

  pupilsOf(classIndex: number): number[] {
    const layout = this.people.layout;
    const first = layout.classPupilFirst[classIndex] ?? 0;
    return Array.from({ length: layout.classSize[classIndex] ?? 0 }, (_, i) => first + i);
  }

  /** A pupil's absence for the whole day, if any. */
  dayAbsence(pupil: number, day: Day): AttendanceCode | null {
    const roll = unit5(this.worldKey, 0xab5, this.people.layout.ordinal, pupil, day);
    if (roll >= 0.05) return null;
    return roll < 0.0275 ? 'Б' : roll < 0.04 ? 'УП' : 'Н';
  }

  #buildAttendance(lesson: Lesson): AttendanceMark[] {
    const marks: AttendanceMark[] = [];
    for (const pupil of this.pupilsOf(lesson.classIndex)) {
      const absent = this.dayAbsence(pupil, lesson.day);
      if (absent) marks.push({ lessonId: lesson.id, pupil, code: absent });
      else if (unit5(this.worldKey, 0x1a7e, this.people.layout.ordinal, pupil, lesson.day, lesson.number) < 0.006) {
        marks.push({ lessonId: lesson.id, pupil, code: 'ОП' });
      }
    }
    return marks;
  }

  #buildMarks(lesson: Lesson): Mark[] {
    const layout = this.people.layout;
    const grade = layout.classGrade[lesson.classIndex] ?? 1;
    const subject = SUBJECTS[lesson.subjectId];
    if (grade === 1 || !subject?.marked) return [];
    const workForAll = lesson.topic.endsWith('Контрольная работа')
      ? ({ workType: 'Контрольная работа', weight: 3 } as const)
      : lesson.topic.endsWith('Урок 4')
        ? ({ workType: 'Самостоятельная работа', weight: 2 } as const)
        : null;
    const day = lesson.day;
    const marks: Mark[] = [];
    const first = layout.classPupilFirst[lesson.classIndex] ?? 0;
    const end = first + (layout.classSize[lesson.classIndex] ?? 0);
    for (let pupil = first; pupil < end; pupil++) {
      if (this.dayAbsence(pupil, day)) continue;
      const roll = unit5(this.worldKey, 0x3a4c, layout.ordinal, pupil, day, lesson.number);
      const work =
        workForAll ??
        (roll < 0.14 ? ({ workType: 'Ответ на уроке', weight: 1 } as const) : roll < 0.19 ? ({ workType: 'Домашняя работа', weight: 1 } as const) : null);
      if (!work) continue;
      const ability = 3 + 1.8 * unit5(this.worldKey, 0xab1, layout.ordinal, pupil);
      const noise = unit5(this.worldKey, 0x401, layout.ordinal, pupil, day, lesson.number) - 0.5;
      const value = Math.max(2, Math.min(5, Math.round(ability + noise * 2.2))) as 2 | 3 | 4 | 5;
      marks.push({
        id: uuid5(this.worldKey, 0x3a4, layout.ordinal, pupil, day * 8 + lesson.number),
        lessonId: lesson.id,
        pupil,
        teacher: lesson.teacher,
        date: lesson.date,
        subject: lesson.subject,
        value,
        ...work,
      });
    }
    return marks;
  }

  /** Every school day of the class in [from, to], ISO dates. */
  schoolDays(classIndex: number, from: string, to: string): string[] {
    const grade = this.people.layout.classGrade[classIndex] ?? 1;
    const days: string[] = [];
    for (let day = dayOf(from); day <= dayOf(to); day++) {
      if (this.people.context.year.isSchoolDay(day, grade)) days.push(isoOf(day));
    }
    return days;
  }

  /**
   * Period marks for periods that ended on or before the world's date: quarters in grades 2–9,
   * half-years in grades 10–11, and the year mark (mean of the period marks) once all have ended.
   */
  #buildPeriodMarks(pupil: number, today: Day): PeriodMark[] {
    const classIndex = this.people.pupilClass(pupil);
    const grade = this.people.layout.classGrade[classIndex] ?? 1;
    if (grade === 1) return [];
    const school = this.#school(classIndex);
    const q = this.people.context.year.quarters;
    const periods =
      grade >= 10
        ? [
            { label: '1 полугодие', start: q[0]?.start ?? 0, end: q[1]?.end ?? 0 },
            { label: '2 полугодие', start: q[2]?.start ?? 0, end: q[3]?.end ?? 0 },
          ]
        : q.map((quarter) => ({ label: `${quarter.number} четверть`, start: quarter.start, end: quarter.end }));
    const finished = periods.filter((p) => p.end <= today);
    const marks = finished.flatMap((period) => this.#periodMarks(pupil, classIndex, period, school));
    if (finished.length < periods.length) return marks;
    const bySubject = new Map<string, number[]>();
    for (const m of marks) if (typeof m.value === 'number') bySubject.set(m.subject, [...(bySubject.get(m.subject) ?? []), m.value]);
    const year = [...bySubject].map(([subject, values]) => {
      const mean = Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 100) / 100;
      return { pupil, subject, period: 'год', mean, value: roundMark(mean, school.roundingPolicy) } satisfies PeriodMark;
    });
    return [...marks, ...year];
  }

  #periodMarks(pupil: number, classIndex: number, period: { label: string; start: Day; end: Day }, school: School): PeriodMark[] {
    const sums = new Map<string, { total: number; weight: number }>();
    for (const date of this.schoolDays(classIndex, isoOf(period.start), isoOf(period.end))) {
      for (const lesson of this.lessonsOn(classIndex, date, isoOf(period.end))) {
        const subject = SUBJECTS[lesson.subjectId];
        if (!subject?.marked) continue;
        const entry = sums.get(lesson.subject) ?? { total: 0, weight: 0 };
        for (const mark of this.marks(lesson)) {
          if (mark.pupil !== pupil) continue;
          entry.total += mark.value * mark.weight;
          entry.weight += mark.weight;
        }
        sums.set(lesson.subject, entry);
      }
    }
    return [...sums].map(([subject, { total, weight }]) => {
      const mean = weight > 0 ? Math.round((total / weight) * 100) / 100 : null;
      return { pupil, subject, period: period.label, mean, value: mean === null ? 'н/а' : roundMark(mean, school.roundingPolicy) };
    });
  }
}

/** School rounding policies (docs/world-realism.md «Marks»): thresholds at .65, or plain half-up. */
export function roundMark(mean: number, policy: School['roundingPolicy']): 2 | 3 | 4 | 5 {
  const value = policy === 'threshold-0.65' ? (mean >= 4.65 ? 5 : mean >= 3.65 ? 4 : mean >= 2.65 ? 3 : 2) : Math.round(mean);
  return Math.max(2, Math.min(5, value)) as 2 | 3 | 4 | 5;
}
