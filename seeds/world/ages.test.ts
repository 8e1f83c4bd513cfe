import { describe, expect, it } from 'vitest';
import { ageOn, createWorld } from '../index.ts';

const world = createWorld({ seed: 42, scale: 'region', region: '68' });
const people = world.region('68');
const { layout } = people;

/** Whole months from a birth date to a day (the day of the month decides the last one). */
function monthsOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return (y - by) * 12 + (m - bm) - (d < bd ? 1 : 0);
}

function pupilsOfGrade(grade: number): number[] {
  const found: number[] = [];
  for (let c = 0; c < layout.classGrade.length; c++) {
    if (layout.classGrade[c] !== grade) continue;
    const first = layout.classPupilFirst[c] ?? 0;
    for (let p = first; p < first + (layout.classSize[c] ?? 0); p++) found.push(p);
  }
  return found;
}

describe('pupils’ ages (273-ФЗ art. 67 п. 1: grade 1 from 6 years 6 months)', () => {
  const firstSeptember = `${world.year.startYear}-09-01`;
  const firstGraders = pupilsOfGrade(1).map((p) => monthsOn(people.pupilBirthDate(p), firstSeptember));
  const sorted = [...firstGraders].sort((a, b) => a - b);

  it('has no first-grader under 6 years 6 months on 1 September, over every first-grader of region 68', () => {
    expect(firstGraders).toHaveLength(11_718);
    expect(sorted[0]).toBe(78);
  });

  it('puts the median first-grader at 7 years 1 month and the oldest under 8 years 6 months', () => {
    expect(sorted[sorted.length >> 1]).toBe(85);
    expect(sorted[sorted.length - 1]).toBeLessThan(102);
  });

  it('keeps every grade a year older than the one before: nobody started school before 6 years 6 months', () => {
    for (let grade = 2; grade <= 11; grade++) {
      const months = pupilsOfGrade(grade).map((p) => monthsOn(people.pupilBirthDate(p), firstSeptember) - 12 * (grade - 1));
      expect(Math.min(...months), String(grade)).toBe(78);
    }
  });
});

describe('teachers’ ages (an age pyramid as in Russian schools)', () => {
  const ages: number[] = [];
  for (let t = 0; t < layout.teacherCount; t++) {
    const teacher = people.teacher(t);
    if (teacher) ages.push(ageOn(teacher.birthDate, world.options.asOf));
  }
  const share = (test: (age: number) => boolean) => Math.round((ages.filter(test).length / ages.length) * 1000) / 10;

  it('has more teachers of 60 and over than under 35, over every teacher of region 68', () => {
    expect(ages).toHaveLength(7_578);
    expect({ under35: share((a) => a < 35), from60: share((a) => a >= 60) }).toEqual({ under35: 17.6, from60: 21 });
  });

  it('is not uniform: the fifties are the widest decade, and nobody is under 21 or over 75', () => {
    const decades = [20, 30, 40, 50, 60, 70].map((d) => share((a) => a >= d && a < d + 10));
    expect(decades).toEqual([10.4, 18.4, 23.7, 26.4, 16.2, 4.8]);
    expect(Math.min(...ages)).toBe(21);
    expect(Math.max(...ages)).toBe(75);
  });

  it('makes only teachers of 28–49 parents of pupils', () => {
    for (let t = 0; t < layout.teacherCount; t++) {
      const teacher = people.teacher(t);
      if (teacher?.memberships.some((m) => m.role === 'parent')) {
        const age = ageOn(teacher.birthDate, `${world.year.startYear}-09-01`);
        expect(age, teacher.id).toBeGreaterThanOrEqual(28);
        expect(age, teacher.id).toBeLessThan(50);
      }
    }
  });
});
