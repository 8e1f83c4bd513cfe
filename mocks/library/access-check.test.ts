import { describe, expect, it } from 'vitest';
import { createWorld, findPersona, PERSONAS, WorldState, type Scale } from '../../seeds/index.ts';
import { evaluateLessonAccess } from './access-check.ts';

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

  it('denies a teacher who is also a parent when logged in as the parent', () => {
    const { person } = findPersona(world, 'teacher-parent');
    expect(person.memberships.map((m) => m.role)).toEqual(['teacher', 'parent']);
    expect(evaluateLessonAccess(world, person, 'teacher').allowed).toBe(true);
    expect(
      evaluateLessonAccess(world, person, 'parent')
        .checks.filter((c) => !c.passed)
        .map((c) => c.code),
    ).toEqual(['EMPLOYEE_ROLE', 'LIBRARY_RIGHTS', 'TIMETABLE_LESSONS']);
  });

  it('matches the documented login facts of the account personas', () => {
    expect(findPersona(world, 'pupil-no-child-account').person.account).toBeNull();
    expect(findPersona(world, 'adult-simplified').person.account?.level).toBe('simplified');
    expect(findPersona(world, 'esia-only-adult').person.memberships).toEqual([]);
    const teen = findPersona(world, 'pupil-teen-unlinked').person;
    expect(teen.account?.linkedParentOids).toEqual([]);
  });
});
