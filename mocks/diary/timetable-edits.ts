/**
 * Timetable edits a school makes at run time (a sandbox's state): a lesson cancelled, or replaced
 * by another subject or topic. The diary shows them on the contract's own fields — `insteadOf`
 * names the replaced subject, `note` says what changed (docs/diary-contract.md «Timetable edits»).
 */
import type { Lesson, TimetableEdit } from '../../seeds/index.ts';
import type { ScheduleLesson } from './contract.ts';

/** The edits of one sandbox, by key (`WorldState.timetableEdits`). */
export type TimetableEdits = ReadonlyMap<string, TimetableEdit>;

/** `<classId>|<date>|<lesson number>`, e.g. `36-class-17|2026-11-24|2`. */
export function timetableEditKey(region: string, lesson: Pick<Lesson, 'classIndex' | 'date' | 'number'>): string {
  return `${region}-class-${lesson.classIndex}|${lesson.date}|${lesson.number}`;
}

export const CANCELLED_NOTE = 'Урок отменён';

/**
 * The lesson as the edit leaves it. A cancelled lesson stays in the diary with a note and without
 * marks or attendance; a replaced subject moves to `insteadOf`.
 */
export function applyTimetableEdit(lesson: ScheduleLesson, edit: TimetableEdit | undefined): ScheduleLesson {
  if (!edit) return lesson;
  const { id, subject, period, classroom } = lesson;
  if (edit.cancelled) return { id, subject, ...(lesson.topic ? { topic: lesson.topic } : {}), period, classroom, note: CANCELLED_NOTE };
  const replaced = edit.subject !== undefined && edit.subject !== subject;
  const topic = edit.topic ?? (replaced ? undefined : lesson.topic);
  const note = replaced ? `Замена: ${edit.subject} вместо урока «${subject}»` : edit.topic !== undefined ? `Тема урока изменена: ${edit.topic}` : undefined;
  return {
    ...lesson,
    ...(replaced ? { subject: edit.subject as string, insteadOf: subject } : {}),
    topic,
    ...(note !== undefined ? { note } : {}),
  };
}
