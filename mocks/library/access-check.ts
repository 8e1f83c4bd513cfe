/**
 * The ЦОК access check (docs/consent-and-access.md) as data: every check with whether it passed,
 * a Russian message for the person and a Russian fix — the material trainers demo with.
 * Run-time changes (links, permissions, rights, timetable edits) come from the world's mutable state.
 */
import { ageOn, type AccessCheckCode, type Person, type World, type WorldState } from '../../seeds/index.ts';
import { teacherLessonsInWeek } from './teacher-lessons.ts';

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

function employeeChecks(world: World, person: Person, state: WorldState | undefined, today: string): AccessCheck[] {
  const teacher = person.memberships.find((m) => m.role === 'teacher');
  const employee = teacher ?? person.memberships.find((m) => m.role === 'administrator');
  const rights = teacher?.role === 'teacher' ? (state?.teacherRights.get(person.id) ?? teacher.libraryRights) : employee !== undefined;
  const lessons = teacherLessonsInWeek(world, person, state, today) > 0;
  return [
    check(
      'EMPLOYEE_ROLE',
      employee !== undefined,
      'Вход выполнен в роли сотрудника школы.',
      'Человека нет в реестре как сотрудника школы.',
      'Школа вносит сотрудника в региональную систему; данные уходят в реестр при ежечасной выгрузке.',
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
      'В актуальном расписании школы у сотрудника нет уроков на этой неделе.',
      'Школа вносит нагрузку учителя в расписание региональной системы.',
    ),
  ];
}

/** Under the parent role nothing else matters: lessons open to pupils and school employees. */
function parentChecks(person: Person): AccessCheck[] {
  const employee = person.memberships.some((m) => m.role === 'teacher' || m.role === 'administrator');
  return [
    check(
      'EMPLOYEE_ROLE',
      false,
      '',
      'Вход выполнен в роли родителя: уроки ЦОК открывают ученики и сотрудники школы.',
      employee
        ? 'Выйдите и войдите заново, выбрав роль «Сотрудник образовательной организации».'
        : 'Ребёнок открывает уроки под своей учётной записью; разрешение на них родитель даёт в приложении «Моя школа».',
    ),
  ];
}

const ROLE_NAMES: Record<AccessRole, string> = { pupil: 'ученик', parent: 'родитель', teacher: 'учитель', administrator: 'администратор' };

/** The person's distinct roles, in registry order. */
function accessRolesOf(person: Person): AccessRole[] {
  return [...new Set(person.memberships.map((m) => m.role as AccessRole))];
}

function unchosenChecks(roles: readonly AccessRole[]): AccessCheck[] {
  if (roles.length > 1)
    return [
      check(
        'ROLE_CHOICE',
        false,
        '',
        `У человека несколько ролей (${roles.map((r) => ROLE_NAMES[r]).join(', ')}): доступ проверяется для выбранной роли.`,
        'Войдите заново и выберите роль: уроки ЦОК открываются в роли сотрудника школы или ученика.',
      ),
    ];
  return [
    check(
      'REGISTRY_MEMBERSHIP',
      false,
      '',
      'Человека нет в реестре ГИС РУО: ни школы, ни роли.',
      'Школа вносит человека в региональную систему как ученика или сотрудника.',
    ),
  ];
}

/**
 * The access check for a person under a role. Without `role`, a person with one role is checked
 * under it; one with several must choose, as at login (`ROLE_CHOICE` fails naming the roles).
 * Ages and the timetable's week count on `today` (the sandbox clock's date; default the world's date).
 */
export function evaluateLessonAccess(world: World, person: Person, role?: AccessRole, state?: WorldState, today: string = world.options.asOf): LessonAccess {
  const roles = accessRolesOf(person);
  const chosen = role ?? (roles.length === 1 ? (roles[0] as AccessRole) : null);
  const checks =
    chosen === null
      ? unchosenChecks(roles)
      : chosen === 'pupil'
        ? pupilChecks(person, state, today)
        : chosen === 'parent'
          ? parentChecks(person)
          : employeeChecks(world, person, state, today);
  return { allowed: checks.every((c) => c.passed), role: chosen, checks };
}
