/**
 * The weekly timetable of a class: the curriculum's hours spread over a 5-day week, at most two
 * lessons of a subject a day (one where possible), days balanced, order shuffled by the world key.
 * The same template repeats every school week, as real timetables do between edits.
 */
import { hashInts } from '../random/hash.ts';
import type { RegionLayout, School } from './region-layout.ts';
import { curriculum, SUBJECTS } from './subjects.ts';

export interface TimetableSlot {
  /** 1-based lesson number in the day. */
  readonly number: number;
  readonly subjectId: number;
  /** Teacher index within the region. */
  readonly teacher: number;
}

/** days[0] is Monday … days[4] is Friday. */
export type WeekTemplate = readonly (readonly TimetableSlot[])[];

export function weekTemplate(layout: RegionLayout, classIndex: number, worldKey: number): WeekTemplate {
  const grade = layout.classGrade[classIndex] ?? 1;
  const school = layout.schools[layout.classSchool[classIndex] ?? 0] as School;
  const local = classIndex - school.classFirst;
  const key = hashInts(worldKey, 0x77b, layout.ordinal, classIndex);
  const days: { subjectId: number }[][] = [[], [], [], [], []];
  const entries = [...curriculum(grade)].sort((a, b) => b.hours - a.hours || a.subject.id - b.subject.id);
  for (const { subject, hours } of entries) {
    for (let h = 0; h < hours; h++) {
      let best = -1;
      let bestScore = Infinity;
      for (let d = 0; d < 5; d++) {
        const day = days[d] ?? [];
        const same = day.filter((x) => x.subjectId === subject.id).length;
        if (same >= 2) continue;
        const score = day.length * 10 + same * 100 + (hashInts(key, subject.id, h, d) % 7);
        if (score < bestScore) {
          bestScore = score;
          best = d;
        }
      }
      (days[best < 0 ? 0 : best] ?? []).push({ subjectId: subject.id });
    }
  }
  return days.map((day, d) => {
    const shuffled = day
      .map((x, i) => ({ x, order: hashInts(key, 0x5f, d, i) }))
      .sort((a, b) => a.order - b.order)
      .map((e) => e.x);
    return shuffled.map(({ subjectId }, i) => ({
      number: i + 1,
      subjectId,
      teacher: school.teacherFirst + (school.staffing.assignment[local * SUBJECTS.length + subjectId] ?? 0),
    }));
  });
}
