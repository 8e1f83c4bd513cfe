/** The gateway's error codes for a person: what happened and what to do, in Russian. */
import type { GraphQLProblem } from './data.ts';

export interface Explained {
  readonly title: string;
  readonly todo: string;
}

const EXPLAINED: Record<string, Explained> = {
  CONSENT_REQUIRED: {
    title: 'Нет согласия на передачу данных в «Моя школа»',
    todo: 'Без согласия «Моя школа» не получает школу, класс и дневник. Кто его даёт — сказано в шаге «Согласие».',
  },
  ROLE_CHOICE_REQUIRED: { title: 'У вас несколько ролей', todo: 'Выберите, в какой роли открыть кабинет: данные зависят от роли.' },
  NOT_IN_REGISTRY: {
    title: 'Вас нет в ГИС РУО',
    todo: 'В региональной системе нет ни вашей школы, ни роли. Обратитесь в школу: она вносит учеников, родителей и сотрудников в ГИС РУО.',
  },
  DIARY_UNAVAILABLE: {
    title: 'Электронный дневник региона не отвечает',
    todo: 'Сведения из ЕСИА и ГИС РУО показаны; дневник появится, когда региональная система снова заработает. Обновите страницу позже.',
  },
  DIARY_CONTRACT_VIOLATION: {
    title: 'Дневник региона ответил не по федеральному контракту',
    todo: 'Ответ региональной системы не прошёл проверку, поэтому не показан. Это ошибка на стороне региона; попробуйте позже.',
  },
  UNAUTHENTICATED: { title: 'Сеанс входа закончился', todo: 'Войдите через Госуслуги ещё раз.' },
  FORBIDDEN: { title: 'Эта роль вам не принадлежит', todo: 'Выберите одну из своих ролей.' },
};

export function explain(problem: GraphQLProblem): Explained {
  const code = problem.extensions?.code ?? '';
  if (code === 'BAD_USER_INPUT') return { title: 'Запрос не принят', todo: `${problem.message}. Исправьте это поле и попробуйте снова.` };
  return EXPLAINED[code] ?? { title: problem.message, todo: 'Обновите страницу; если ошибка повторится, войдите заново.' };
}

export const ROLE_RU: Readonly<Record<string, string>> = { PUPIL: 'Ученик', PARENT: 'Родитель', TEACHER: 'Учитель', ADMINISTRATOR: 'Администратор школы' };

/** What each ЦОК access check is about, as a line's title. */
export const CHECK_RU: Readonly<Record<string, string>> = {
  CHILD_ACCOUNT: 'Учётная запись ученика на Госуслугах',
  PARENT_LINK: 'Привязка учётной записи к родителю',
  LESSON_PERMISSION: 'Разрешение на уроки ЦОК',
  REGISTRY_CLASS: 'Школа и класс в ГИС РУО',
  REGISTRY_MEMBERSHIP: 'Запись в ГИС РУО',
  EMPLOYEE_ROLE: 'Вход в роли сотрудника школы',
  LIBRARY_RIGHTS: 'Права на библиотеку ЦОК',
  TIMETABLE_LESSONS: 'Уроки в расписании',
};

/** Who has to act when a check fails; for a pupil, the parent acts under 14 and the pupil from 14 (docs/consent-and-access.md). */
export function whoActs(code: string, age: number | null): string {
  const minor = age !== null && age < 14;
  switch (code) {
    case 'CHILD_ACCOUNT':
    case 'LESSON_PERMISSION':
      return minor ? 'родитель' : 'ученик';
    case 'PARENT_LINK':
      return 'родитель';
    case 'EMPLOYEE_ROLE':
      return 'сам сотрудник при входе';
    case 'LIBRARY_RIGHTS':
      return 'администратор школы';
    case 'TIMETABLE_LESSONS':
      return 'школа (составитель расписания)';
    default:
      return 'школа';
  }
}
