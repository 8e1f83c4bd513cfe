/**
 * Which scenario fixes a failing ЦОК access check, who must act in real life, and what the
 * panel's button says. A check whose fix needs an earlier step (no account yet, so nothing to
 * link) gets that step; a check no scenario can fix (an age, a registry record) gets none.
 */
import type { AccessCheck, LessonAccess } from '../../mocks/index.ts';
import { ageOn, type AccessCheckCode, type Person } from '../../seeds/index.ts';
import { SCENARIOS } from '../scenarios.ts';

/** The panel's button for a scenario: what it does, said as an action. */
export function actionLabel(scenario: string): string {
  return SCENARIOS.find((s) => s.name === scenario)?.action ?? scenario;
}

/** Who acts in real life when the check fails. */
export function whoActs(code: AccessCheckCode, person: Person, today: string): string {
  const adult = ageOn(person.birthDate, today) >= 14;
  switch (code) {
    case 'CHILD_ACCOUNT':
      return adult ? 'ученик' : 'родитель';
    case 'PARENT_LINK':
      return 'родитель';
    case 'LESSON_PERMISSION':
      return adult ? 'ученик' : 'родитель';
    case 'REGISTRY_CLASS':
    case 'REGISTRY_MEMBERSHIP':
      return 'школа';
    case 'EMPLOYEE_ROLE':
      return 'сотрудник при входе';
    case 'ROLE_CHOICE':
      return 'пользователь при входе (выбирает роль)';
    case 'LIBRARY_RIGHTS':
      return 'администратор школы';
    case 'TIMETABLE_LESSONS':
      return 'школа';
  }
}

const isTeacher = (person: Person) => person.memberships.some((m) => m.role === 'teacher');

const failed = (access: LessonAccess, code: AccessCheckCode) => access.checks.some((c) => c.code === code && !c.passed);

/** The scenario that fixes this failing check of `access` for the person now, or null when no scenario can. */
export function fixFor(check: AccessCheck, access: LessonAccess, person: Person, today: string): string | null {
  if (check.passed) return null;
  const underFourteen = ageOn(person.birthDate, today) < 14;
  const createAccount = underFourteen ? 'child-account-created' : null;
  switch (check.code) {
    case 'CHILD_ACCOUNT':
      return createAccount;
    case 'PARENT_LINK':
      return person.account ? 'parent-linked' : createAccount;
    case 'LESSON_PERMISSION':
      if (!person.account) return createAccount;
      // Under 14 the permission counts only once the account is linked to the parent who gives it.
      return underFourteen && failed(access, 'PARENT_LINK') ? 'parent-linked' : 'lesson-permission-given';
    case 'LIBRARY_RIGHTS':
      return isTeacher(person) ? 'teacher-library-rights-granted' : null;
    case 'TIMETABLE_LESSONS':
      return isTeacher(person) ? 'lesson-added-to-timetable' : null;
    case 'REGISTRY_CLASS':
    case 'REGISTRY_MEMBERSHIP':
    case 'EMPLOYEE_ROLE':
    case 'ROLE_CHOICE':
      return null;
  }
}
