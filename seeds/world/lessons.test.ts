import { describe, expect, it } from 'vitest';
import { createWorld, Journal } from '../index.ts';

const world = createWorld({ seed: 42, scale: 'demo' });
const people = world.region('36');
const journal = new Journal(people, world.key);
const { layout } = people;

/** Every lesson of a class over the whole school year 2026/27. */
function yearOf(classIndex: number) {
  return journal.schoolDays(classIndex, '2026-09-01', '2027-05-26').flatMap((date) => journal.lessonsOn(classIndex, date));
}

/** One class of each grade (the demo world's first school has grades 1–11). */
const classOfGrade = (grade: number) => layout.classGrade.findIndex((g) => g === grade);

describe('lessons over a school year', () => {
  it('makes tests at most 10 % of a class’s hours, and none in grade 1', () => {
    const shares = Object.fromEntries(
      [1, 2, 4, 5, 7, 9, 11].map((grade) => {
        const lessons = yearOf(classOfGrade(grade));
        const tests = lessons.filter((l) => l.topic.endsWith('Контрольная работа')).length;
        return [grade, Math.round((tests / lessons.length) * 1000) / 10];
      }),
    );
    expect(shares).toEqual({ 1: 0, 2: 7.2, 4: 6.9, 5: 7, 7: 7.6, 9: 9, 11: 8.8 });
    for (const share of Object.values(shares)) expect(share).toBeLessThanOrEqual(10);
  });

  it('gives topics of the grade’s programme: decimals in grade 5 maths, never in grade 4', () => {
    const sections = (grade: number, subject: string) =>
      new Set(
        yearOf(classOfGrade(grade))
          .filter((l) => l.subject === subject)
          .map((l) => l.topic.replace(/\. (Урок \d+|Повторение и обобщение|Контрольная работа)$/, '')),
      );
    const grade4 = sections(4, 'Математика');
    expect([...grade4].sort()).toEqual(['Величины', 'Геометрические фигуры', 'Задачи на движение', 'Умножение и деление', 'Числа больше 1000']);
    expect(grade4.has('Десятичные дроби')).toBe(false);
    expect(sections(5, 'Математика').has('Десятичные дроби')).toBe(true);
    expect([...sections(2, 'Русский язык')].some((s) => s === 'Сложное предложение')).toBe(false);
    expect([...sections(7, 'История')].sort()).toEqual(['Московское государство', 'Россия в XVII веке']);
  });
});

describe('lesson times in the region’s own time zone', () => {
  it('writes each region’s lessons with its UTC offset: Приморье +10:00, Тыва +07:00, Саратов +04:00, Воронеж +03:00', () => {
    const firstLesson = (region: string) => {
      const local = createWorld({ seed: 42, scale: 'demo', region });
      return new Journal(local.region(region), local.key).lessonsOn(0, '2026-11-24')[0]?.start;
    };
    expect(['25', '17', '64', '36', '39'].map(firstLesson)).toEqual([
      '2026-11-24T08:30:00+10:00',
      '2026-11-24T08:30:00+07:00',
      '2026-11-24T08:30:00+04:00',
      '2026-11-24T08:30:00+03:00',
      '2026-11-24T08:30:00+02:00',
    ]);
  });
});
