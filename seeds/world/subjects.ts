/**
 * Subjects of the curriculum (seeds/data/subjects-hours.tsv), the specialty of the
 * teacher who teaches each one, and which of them get marks.
 * The row «Часть, формируемая участниками ОО» is a school's own choice, not a subject: it is left out.
 */
import { SUBJECT_HOURS } from '../data/tables.ts';

export interface Subject {
  readonly id: number;
  readonly name: string;
  readonly level: 'НОО' | 'ООО' | 'СОО';
  /** Weekly hours for grades 1..11 (index 0 is grade 1). */
  readonly hours: readonly number[];
  readonly specialty: string;
  /** Unmarked courses get «зачёт» instead of marks (docs/world-realism.md «Curriculum and staffing»). */
  readonly marked: boolean;
  /** In grades 1–4 the class's own teacher teaches it. */
  readonly taughtByClassTeacherInPrimary: boolean;
}

const SPECIALTY: Record<string, string> = {
  'Русский язык': 'Русский язык и литература',
  Литература: 'Русский язык и литература',
  'Индивидуальный проект': 'Русский язык и литература',
  Математика: 'Математика',
  Алгебра: 'Математика',
  Геометрия: 'Математика',
  'Вероятность и статистика': 'Математика',
  'Алгебра и начала математического анализа': 'Математика',
  История: 'История и обществознание',
  Обществознание: 'История и обществознание',
  ОДНКНР: 'История и обществознание',
};

const SPECIALISTS_IN_PRIMARY = new Set(['Иностранный язык', 'Музыка', 'Физическая культура']);
const UNMARKED = new Set(['Основы религиозных культур и светской этики', 'ОДНКНР', 'Индивидуальный проект']);

export const SUBJECTS: readonly Subject[] = Object.freeze(
  SUBJECT_HOURS.filter((row) => !row.subject.startsWith('Часть, формируемая')).map((row, id) =>
    Object.freeze({
      id,
      name: row.subject,
      level: row.level,
      hours: row.hours,
      specialty: SPECIALTY[row.subject] ?? row.subject,
      marked: !UNMARKED.has(row.subject),
      taughtByClassTeacherInPrimary: row.level === 'НОО' && !SPECIALISTS_IN_PRIMARY.has(row.subject),
    }),
  ),
);

/** Subjects taught in a grade with their weekly hours. */
export function curriculum(grade: number): readonly { subject: Subject; hours: number }[] {
  return CURRICULA[grade - 1] ?? [];
}

const CURRICULA = Array.from({ length: 11 }, (_, g) =>
  SUBJECTS.filter((s) => (s.hours[g] ?? 0) > 0).map((subject) => ({ subject, hours: subject.hours[g] ?? 0 })),
);

export function weeklyHours(grade: number): number {
  return curriculum(grade).reduce((sum, entry) => sum + entry.hours, 0);
}

/** «Разговоры о важном»: the Monday class hour before lesson 1, outside the curriculum's hours. */
export const TALKS_SUBJECT = 'Разговоры о важном';
