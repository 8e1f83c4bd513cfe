import { describe, expect, it } from 'vitest';
import { createWorld, findPersona, PERSONAS, WorldState, type Scale } from '../../seeds/index.ts';
import { timetableEditKey } from '../diary/timetable-edits.ts';
import { evaluateLessonAccess } from './access-check.ts';
import { teacherLessonsInWeek } from './teacher-lessons.ts';

const worlds: [Scale, number][] = [
  ['demo', 42],
  ['demo', 1],
  ['demo', 2026],
  ['region', 42],
];

describe.each(worlds)('personas in a %s world with seed %i', (scale, seed) => {
  const world = createWorld({ seed, scale });
  it.each(PERSONAS.map((p) => p.handle))('%s is found and passes or fails exactly the documented checks', (handle) => {
    const { definition, person } = findPersona(world, handle);
    expect(findPersona(world, handle).person.id).toBe(person.id);
    const access = evaluateLessonAccess(world, person, definition.accessRole ?? undefined);
    if (definition.accessRole === null && definition.accessFails.length === 0) return;
    expect(access.checks.filter((c) => !c.passed).map((c) => c.code)).toEqual(definition.accessFails);
    expect(access.allowed).toBe(definition.accessFails.length === 0);
  });
});

describe('the ЦОК access check', () => {
  const world = createWorld({ seed: 42, scale: 'demo' });

  it('explains a missing permission in Russian with the fix', () => {
    const { person } = findPersona(world, 'pupil-no-permission');
    expect(evaluateLessonAccess(world, person, 'pupil').checks).toEqual([
      { code: 'CHILD_ACCOUNT', passed: true, message: 'Есть учётная запись ЕСИА ребёнка.', fix: null },
      { code: 'PARENT_LINK', passed: true, message: 'Учётная запись привязана к родителю.', fix: null },
      {
        code: 'LESSON_PERMISSION',
        passed: false,
        message: 'Нет разрешения на использование уроков ЦОК.',
        fix: 'Родитель устанавливает приложение «Моя школа» и даёт разрешение ребёнку.',
      },
      { code: 'REGISTRY_CLASS', passed: true, message: 'Ученик есть в реестре со школой и классом.', fix: null },
    ]);
  });

  it('follows run-time state: a permission granted or a right revoked takes effect at once', () => {
    const state = new WorldState('w1');
    const pupil = findPersona(world, 'pupil-no-permission').person;
    state.lessonPermissions.set(pupil.id, true);
    expect(evaluateLessonAccess(world, pupil, 'pupil', state).allowed).toBe(true);
    const teacher = findPersona(world, 'teacher-with-rights').person;
    state.teacherRights.set(teacher.id, false);
    expect(
      evaluateLessonAccess(world, teacher, 'teacher', state)
        .checks.filter((c) => !c.passed)
        .map((c) => c.code),
    ).toEqual(['LIBRARY_RIGHTS']);
  });

  it('gives a teacher who is also a parent the parent role’s own reason, not an employee’s', () => {
    const { person } = findPersona(world, 'teacher-parent');
    expect(person.memberships.map((m) => m.role)).toEqual(['teacher', 'parent']);
    expect(evaluateLessonAccess(world, person, 'teacher').allowed).toBe(true);
    expect(evaluateLessonAccess(world, person, 'parent')).toEqual({
      allowed: false,
      role: 'parent',
      checks: [
        {
          code: 'EMPLOYEE_ROLE',
          passed: false,
          message: 'Вход выполнен в роли родителя: уроки ЦОК открывают ученики и сотрудники школы.',
          fix: 'Выйдите и войдите заново, выбрав роль «Сотрудник образовательной организации».',
        },
      ],
    });
  });

  it('asks a person with several roles to choose one when no role is given, as the diary does', () => {
    const { person } = findPersona(world, 'teacher-parent');
    expect(evaluateLessonAccess(world, person)).toEqual({
      allowed: false,
      role: null,
      checks: [
        {
          code: 'ROLE_CHOICE',
          passed: false,
          message: 'У человека несколько ролей (учитель, родитель): доступ проверяется для выбранной роли.',
          fix: 'Войдите заново и выберите роль: уроки ЦОК открываются в роли сотрудника школы или ученика.',
        },
      ],
    });
  });

  it('tells a parent with no other role that the child opens the lessons', () => {
    const { person } = findPersona(world, 'parent-two-schools');
    expect(evaluateLessonAccess(world, person).checks).toEqual([
      {
        code: 'EMPLOYEE_ROLE',
        passed: false,
        message: 'Вход выполнен в роли родителя: уроки ЦОК открывают ученики и сотрудники школы.',
        fix: 'Ребёнок открывает уроки под своей учётной записью; разрешение на них родитель даёт в приложении «Моя школа».',
      },
    ]);
  });

  it('reads the timetable: a teacher whose every lesson of the week is cancelled has none, until the school adds one', () => {
    const { person } = findPersona(world, 'teacher-with-rights');
    const today = '2026-11-25';
    const state = new WorldState('w1');
    const teacher = Number(person.id.split('-')[2]);
    const people = world.region(person.regionCode);
    const school = people.teacherSchool(teacher);
    const journal = world.journal(person.regionCode);
    let cancelled = 0;
    for (let c = school.classFirst; c < school.classFirst + school.classCount; c++)
      for (const date of journal.schoolDays(c, '2026-11-23', '2026-11-29'))
        for (const lesson of journal.lessonsOn(c, date, today))
          if (lesson.teacher === teacher) {
            const key = timetableEditKey(person.regionCode, lesson);
            state.timetableEdits.set(key, { key, cancelled: true });
            cancelled++;
          }
    expect(cancelled).toBe(18);
    expect(teacherLessonsInWeek(world, person, undefined, today)).toBe(18);
    expect(teacherLessonsInWeek(world, person, state, today)).toBe(0);
    expect(evaluateLessonAccess(world, person, 'teacher', state, today).checks.find((c) => c.code === 'TIMETABLE_LESSONS')).toEqual({
      code: 'TIMETABLE_LESSONS',
      passed: false,
      message: 'В актуальном расписании школы у сотрудника нет уроков на этой неделе.',
      fix: 'Школа вносит нагрузку учителя в расписание региональной системы.',
    });
    state.teacherLessons.set(person.id, 1);
    expect(evaluateLessonAccess(world, person, 'teacher', state, today).allowed).toBe(true);
  });

  it('matches the documented login facts of the account personas', () => {
    expect(findPersona(world, 'pupil-no-child-account').person.account).toBeNull();
    expect(findPersona(world, 'adult-simplified').person.account?.level).toBe('simplified');
    expect(findPersona(world, 'esia-only-adult').person.memberships).toEqual([]);
    const teen = findPersona(world, 'pupil-teen-unlinked').person;
    expect(teen.account?.linkedParentOids).toEqual([]);
  });
});
