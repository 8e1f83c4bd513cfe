/**
 * The ЦОК access check (docs/consent-and-access.md) as data: every check with whether it passed,
 * a Russian message for the person and a Russian fix — the material trainers demo with.
 * Run-time changes (links, permissions, rights) come from the world's mutable state.
 */
import { ageOn, type AccessCheckCode, type Person, type World, type WorldState } from '../../seeds/index.ts';

export type AccessRole = 'pupil' | 'teacher' | 'administrator' | 'parent';

export interface AccessCheck {
  readonly code: AccessCheckCode;
  readonly passed: boolean;
  readonly message: string;
  readonly fix: string | null;
}

export interface LessonAccess {
  readonly allowed: boolean;
  readonly role: AccessRole | null;
  readonly checks: readonly AccessCheck[];
}

const check = (code: AccessCheckCode, passed: boolean, ok: string, failed: string, fix: string): AccessCheck =>
  passed ? { code, passed, message: ok, fix: null } : { code, passed, message: failed, fix };

function pupilChecks(person: Person, state: WorldState | undefined, today: string): AccessCheck[] {
  const age = ageOn(person.birthDate, today);
  const account = person.account;
  const links = state?.links.get(person.id) ?? account?.linkedParentOids ?? [];
  const permission = state?.lessonPermissions.get(person.id) ?? person.lessonPermission;
  const linked = account !== null && (links.length > 0 || age >= 18);
  const membership = person.memberships.find((m) => m.role === 'pupil');
  // From 14 the pupil installs the app and gives the permission alone; under 14 the linked parent does.
  return [
    check(
      'CHILD_ACCOUNT',
      account !== null,
      'Есть учётная запись ЕСИА ребёнка.',
      'У ученика нет учётной записи на Госуслугах.',
      age < 14
        ? 'Родитель с подтверждённой записью создаёт детскую учётную запись: «Документы» → «Семья и дети» → «Создать».'
        : 'Ученик регистрируется на Госуслугах по паспорту.',
    ),
    check(
      'PARENT_LINK',
      linked,
      'Учётная запись привязана к родителю.',
      'Учётная запись ученика не привязана к родителю.',
      'Родитель привязывает учётную запись ребёнка в разделе «Семья и дети» («Привязать»).',
    ),
    check(
      'LESSON_PERMISSION',
      (age >= 14 ? account !== null : linked) && permission,
      'Разрешение на уроки ЦОК дано.',
      'Нет разрешения на использование уроков ЦОК.',
      age >= 14
        ? 'Ученик сам устанавливает приложение «Моя школа» и даёт разрешение.'
        : 'Родитель устанавливает приложение «Моя школа» и даёт разрешение ребёнку.',
    ),
    check(
      'REGISTRY_CLASS',
      membership !== undefined,
      'Ученик есть в реестре со школой и классом.',
      'Ученика нет в реестре ГИС РУО со школой и классом.',
      'Школа вносит ученика в региональную систему; данные уходят в реестр при ежечасной выгрузке.',
    ),
  ];
}

function employeeChecks(person: Person, role: AccessRole, state: WorldState | undefined): AccessCheck[] {
  const teacher = person.memberships.find((m) => m.role === 'teacher');
  const admin = person.memberships.find((m) => m.role === 'administrator');
  const employee = role === 'teacher' || role === 'administrator' ? (teacher ?? admin) : undefined;
  const rights = teacher?.role === 'teacher' ? (state?.teacherRights.get(person.id) ?? teacher.libraryRights) : employee !== undefined;
  const lessons = teacher?.role === 'teacher' ? teacher.weeklyHours + (state?.teacherLessons.get(person.id) ?? 0) > 0 : false;
  return [
    check(
      'EMPLOYEE_ROLE',
      employee !== undefined,
      'Вход выполнен в роли сотрудника школы.',
      'Вход выполнен не в роли сотрудника школы.',
      'Выйдите и войдите заново, выбрав роль «Сотрудник образовательной организации».',
    ),
    check(
      'LIBRARY_RIGHTS',
      employee !== undefined && rights,
      'Школа выдала права доступа к библиотеке ЦОК.',
      'Школа не выдала права доступа к библиотеке ЦОК.',
      'Администратор школы выдаёт сотруднику права на ЦОК в региональной системе.',
    ),
    check(
      'TIMETABLE_LESSONS',
      employee !== undefined && lessons,
      'В актуальном расписании у учителя есть уроки.',
      'В актуальном расписании школы у сотрудника нет уроков.',
      'Школа вносит нагрузку учителя в расписание региональной системы.',
    ),
  ];
}

/**
 * The access check for a person under a role; `role` defaults to the person's first membership;
 * ages count on `today` (the sandbox clock's date; default the world's date).
 */
export function evaluateLessonAccess(world: World, person: Person, role?: AccessRole, state?: WorldState, today: string = world.options.asOf): LessonAccess {
  const chosen = role ?? (person.memberships[0]?.role as AccessRole | undefined) ?? null;
  const checks =
    chosen === null
      ? [
          check(
            'REGISTRY_MEMBERSHIP',
            false,
            '',
            'Человека нет в реестре ГИС РУО: ни школы, ни роли.',
            'Школа вносит человека в региональную систему как ученика или сотрудника.',
          ),
        ]
      : chosen === 'pupil'
        ? pupilChecks(person, state, today)
        : employeeChecks(person, chosen, state);
  return { allowed: checks.every((c) => c.passed), role: chosen, checks };
}
