import { describe, expect, it } from 'vitest';
import { createWorld, curriculum, Journal, roundMark, TALKS_SUBJECT } from '../index.ts';

const world = createWorld({ seed: 42, scale: 'demo' });
const people = world.region('36');
const journal = new Journal(people, world.key);
const classCount = people.layout.classGrade.length;

describe('timetable and journal', () => {
  it('gives every class exactly the weekly hours of the curriculum table', () => {
    for (let c = 0; c < classCount; c++) {
      const grade = people.layout.classGrade[c] ?? 0;
      const planned = new Map(curriculum(grade).map((e) => [e.subject.id, e.hours]));
      const taught = new Map<number, number>();
      for (const day of journal.template(c)) for (const slot of day) taught.set(slot.subjectId, (taught.get(slot.subjectId) ?? 0) + 1);
      expect(taught).toEqual(planned);
    }
  });

  it('holds lessons on school days only, with «Разговоры о важном» on Mondays', () => {
    expect(journal.lessonsOn(0, '2026-11-21')).toEqual([]); // Saturday
    expect(journal.lessonsOn(0, '2026-10-28')).toEqual([]); // autumn break
    expect(journal.lessonsOn(0, '2026-11-04')).toEqual([]); // Day of National Unity
    const monday = journal.lessonsOn(0, '2026-11-23');
    expect(monday[0]?.subject).toBe(TALKS_SUBJECT);
    expect(monday[1]?.start).toBe('2026-11-23T08:30:00+03:00');
  });

  it('puts every mark on a held lesson, by its teacher, for a present pupil of the class', () => {
    let marks = 0;
    for (let c = 0; c < classCount; c += 3) {
      const pupils = new Set(journal.pupilsOf(c));
      for (const date of journal.schoolDays(c, '2026-11-09', '2026-11-27')) {
        for (const lesson of journal.lessonsOn(c, date)) {
          const absent = new Set(
            journal
              .attendance(lesson)
              .filter((a) => a.code !== 'ОП')
              .map((a) => a.pupil),
          );
          for (const mark of journal.marks(lesson)) {
            marks++;
            expect(lesson.held).toBe(true);
            expect(date <= world.options.asOf).toBe(true);
            expect(mark.teacher).toBe(lesson.teacher);
            expect(mark.lessonId).toBe(lesson.id);
            expect(pupils.has(mark.pupil)).toBe(true);
            expect(absent.has(mark.pupil)).toBe(false);
            expect([2, 3, 4, 5]).toContain(mark.value);
          }
          if (date > world.options.asOf) expect(journal.marks(lesson)).toEqual([]);
        }
      }
    }
    expect(marks).toBeGreaterThan(500);
  });

  it('teaches a class each subject with the teacher the school assigned', () => {
    const school = people.layout.schools[0];
    if (!school) throw new Error('no school');
    for (const day of journal.template(school.classFirst)) {
      for (const slot of day) {
        const teacher = people.teacher(slot.teacher);
        const m = teacher?.memberships.find((x) => x.role === 'teacher');
        expect(m?.role === 'teacher' ? m.schoolId : null).toBe(school.id);
      }
    }
  });

  it('gives no marks in grade 1 and rounds period marks by school policy', () => {
    const firstGrade = [...people.layout.classGrade].indexOf(1);
    for (const lesson of journal.lessonsOn(firstGrade, '2026-11-20')) expect(journal.marks(lesson)).toEqual([]);
    expect(roundMark(4.64, 'threshold-0.65')).toBe(4);
    expect(roundMark(4.65, 'threshold-0.65')).toBe(5);
    expect(roundMark(3.5, 'half-up')).toBe(4);
    const pupil = people.layout.classPupilFirst[firstGrade + 3] ?? 0;
    const periods = journal.periodMarks(pupil);
    expect(periods.length).toBeGreaterThan(5);
    for (const p of periods) expect(p.period).toBe('1 четверть');
  });

  it('gives half-year marks in grades 10–11 and a year mark once the year is over', () => {
    const late = createWorld({ seed: 42, scale: 'demo', asOf: '2027-06-01' });
    const j = new Journal(late.region('36'), late.key);
    const layout = late.region('36').layout;
    const tenth = [...layout.classGrade].indexOf(10);
    const senior = j.periodMarks(layout.classPupilFirst[tenth] ?? 0);
    expect([...new Set(senior.map((m) => m.period))]).toEqual(['1 полугодие', '2 полугодие', 'год']);
    const fifth = [...layout.classGrade].indexOf(5);
    const junior = j.periodMarks(layout.classPupilFirst[fifth] ?? 0);
    expect([...new Set(junior.map((m) => m.period))]).toEqual(['1 четверть', '2 четверть', '3 четверть', '4 четверть', 'год']);
    const algebraYear = junior.find((m) => m.period === 'год' && m.subject === 'Математика');
    const quarters = junior.filter((m) => m.subject === 'Математика' && m.period !== 'год').map((m) => m.value as number);
    expect(algebraYear?.mean).toBe(Math.round((quarters.reduce((a, b) => a + b, 0) / quarters.length) * 100) / 100);
  });
});
