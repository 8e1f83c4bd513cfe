/**
 * Who teaches what in one school: a class teacher for each primary class, subject teachers by
 * specialty sized to ~22 hours a week, small specialties packed together (a rural teacher of
 * music and art), and sometimes a teacher with no lessons at all (on leave, newly hired).
 */
import { unit } from '../random/hash.ts';
import { curriculum, SUBJECTS } from './subjects.ts';

export interface TeacherPlan {
  readonly specialties: readonly string[];
  readonly subjectIds: readonly number[];
  readonly weeklyHours: number;
  /** Local class index of the primary class this teacher leads, or -1. */
  readonly primaryClass: number;
}

export interface Staffing {
  readonly teachers: readonly TeacherPlan[];
  /** [classLocal * SUBJECTS.length + subjectId] → local teacher index, -1 when not taught. */
  readonly assignment: Int16Array;
  /** Class teacher (классный руководитель) of each local class. */
  readonly classTeacher: Int16Array;
  readonly administrators: readonly string[];
}

const FULL_LOAD = 22;
const SMALL_LOAD = 10;

export function planStaffing(grades: readonly number[], key: number, schoolKind: string, withIdleTeacher = false): Staffing {
  const classCount = grades.length;
  const assignment = new Int16Array(classCount * SUBJECTS.length).fill(-1);
  const classTeacher = new Int16Array(classCount).fill(-1);
  const teachers: TeacherPlan[] = [];

  grades.forEach((grade, c) => {
    if (grade > 4) return;
    const own = teachers.length;
    let hours = 0;
    const subjectIds: number[] = [];
    for (const { subject, hours: h } of curriculum(grade)) {
      if (!subject.taughtByClassTeacherInPrimary) continue;
      assignment[c * SUBJECTS.length + subject.id] = own;
      subjectIds.push(subject.id);
      hours += h;
    }
    classTeacher[c] = own;
    teachers.push({ specialties: ['Начальные классы'], subjectIds, weeklyHours: hours, primaryClass: c });
  });

  // Hours per specialty, with the (class, subject) pairs that need a teacher.
  const needs = new Map<string, { hours: number; items: { c: number; subjectId: number; hours: number }[] }>();
  grades.forEach((grade, c) => {
    for (const { subject, hours } of curriculum(grade)) {
      if (grade <= 4 && subject.taughtByClassTeacherInPrimary) continue;
      const need = needs.get(subject.specialty) ?? { hours: 0, items: [] };
      need.hours += hours;
      need.items.push({ c, subjectId: subject.id, hours });
      needs.set(subject.specialty, need);
    }
  });

  // Small specialties share a teacher up to a full load; larger ones get round(hours / 22) teachers.
  const groups: { specialties: string[]; items: { c: number; subjectId: number; hours: number }[]; count: number }[] = [];
  let packing: (typeof groups)[number] | undefined;
  let packedHours = 0;
  for (const [specialty, need] of needs) {
    if (need.hours < SMALL_LOAD) {
      if (!packing || packedHours + need.hours > FULL_LOAD + 2) {
        packing = { specialties: [], items: [], count: 1 };
        packedHours = 0;
        groups.push(packing);
      }
      packing.specialties.push(specialty);
      packing.items.push(...need.items);
      packedHours += need.hours;
    } else {
      groups.push({ specialties: [specialty], items: need.items, count: Math.max(1, Math.round(need.hours / FULL_LOAD)) });
    }
  }

  for (const group of groups) {
    const first = teachers.length;
    const loads = new Array<number>(group.count).fill(0);
    const subjectSets = loads.map(() => new Set<number>());
    // Keep a class's subjects of one specialty with one teacher where loads allow.
    for (const item of group.items) {
      let best = 0;
      for (let i = 1; i < group.count; i++) if ((loads[i] ?? 0) < (loads[best] ?? 0)) best = i;
      loads[best] = (loads[best] ?? 0) + item.hours;
      subjectSets[best]?.add(item.subjectId);
      assignment[item.c * SUBJECTS.length + item.subjectId] = first + best;
    }
    loads.forEach((hours, i) =>
      teachers.push({
        specialties: group.specialties,
        subjectIds: [...(subjectSets[i] ?? [])].sort((a, b) => a - b),
        weeklyHours: hours,
        primaryClass: -1,
      }),
    );
  }

  // Class teachers of grades 5–11: subject teachers in turn.
  const subjectTeachers = teachers.map((t, i) => (t.primaryClass < 0 ? i : -1)).filter((i) => i >= 0);
  let turn = Math.floor(unit(key, 1) * Math.max(1, subjectTeachers.length));
  grades.forEach((grade, c) => {
    if (grade <= 4 || subjectTeachers.length === 0) return;
    classTeacher[c] = subjectTeachers[turn++ % subjectTeachers.length] ?? -1;
  });

  if (withIdleTeacher || unit(key, 2) < 0.3) {
    teachers.push({ specialties: ['Педагог без нагрузки'], subjectIds: [], weeklyHours: 0, primaryClass: -1 });
  }

  const administrators = ['Директор', 'Заместитель директора по УВР'];
  if (schoolKind !== 'rural') administrators.push('Заместитель директора по ВР');
  if (schoolKind === 'city' || schoolKind === 'capital') administrators.push('Заместитель директора по ИКТ');
  return { teachers, assignment, classTeacher, administrators };
}
