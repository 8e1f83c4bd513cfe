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
  return EXPLAINED[code] ?? { title: problem.message, todo: 'Обновите страницу; если ошибка повторится, войдите заново.' };
}

export const ROLE_RU: Readonly<Record<string, string>> = { PUPIL: 'Ученик', PARENT: 'Родитель', TEACHER: 'Учитель', ADMINISTRATOR: 'Администратор школы' };
