/**
 * Personas: named edge cases every QA scenario and demo needs, each found by a stable handle in
 * any world (the first person of the world's home region who fits, in index order), with the
 * outcome documented for the login flow and for the ЦОК access check.
 */
import { WorldInputError } from '../errors.ts';
import { ageOn } from '../world/calendar.ts';
import type { RegionPeople } from '../world/people.ts';
import { DEFAULT_REGION, type World } from '../world/world.ts';
import type { Person } from '../world/types.ts';

/** What the login flow ends with (docs/consent-and-access.md «The login flow»): data, or the step that stops it. */
export type LoginOutcome = 'OK' | 'NO_ESIA_ACCOUNT' | 'ESIA-007055' | 'NOT_IN_REGISTRY' | 'ROLE_CHOICE_REQUIRED';

/** The ЦОК access checks (docs/consent-and-access.md), by code. */
export type AccessCheckCode =
  | 'CHILD_ACCOUNT'
  | 'PARENT_LINK'
  | 'LESSON_PERMISSION'
  | 'REGISTRY_CLASS'
  | 'EMPLOYEE_ROLE'
  | 'LIBRARY_RIGHTS'
  | 'TIMETABLE_LESSONS'
  | 'ROLE_CHOICE'
  | 'REGISTRY_MEMBERSHIP';

export interface PersonaDefinition {
  readonly handle: string;
  readonly title: string;
  readonly description: string;
  readonly searchIn: 'pupil' | 'mother' | 'teacher' | 'administrator' | 'citizen';
  readonly login: LoginOutcome;
  /** The role the access check runs under; null when the persona has no role to choose. */
  readonly accessRole: 'pupil' | 'teacher' | 'administrator' | null;
  /** Checks expected to fail; empty means access is granted. */
  readonly accessFails: readonly AccessCheckCode[];
  matches(person: Person, people: RegionPeople, asOf: string): boolean;
}

const teacherMembership = (p: Person) => p.memberships.find((m) => m.role === 'teacher');
const isParent = (p: Person) => p.memberships.some((m) => m.role === 'parent');
const age = (p: Person, asOf: string) => ageOn(p.birthDate, asOf);
const linked = (p: Person) => (p.account?.linkedParentOids.length ?? 0) > 0;

export const PERSONAS: readonly PersonaDefinition[] = [
  {
    handle: 'pupil-child-account',
    title: 'Ученик до 14 лет с детской учётной записью',
    description: 'Детскую учётную запись создал родитель с подтверждённой записью; разрешение на уроки ЦОК дано. Вход и доступ к ЦОК проходят.',
    searchIn: 'pupil',
    login: 'OK',
    accessRole: 'pupil',
    accessFails: [],
    matches: (p, _, asOf) =>
      age(p, asOf) >= 10 && age(p, asOf) < 14 && p.account?.createdByParent === true && linked(p) && p.lessonPermission && p.registryCitizenship === 'RUS',
  },
  {
    handle: 'pupil-no-child-account',
    title: 'Ученик до 14 лет без детской учётной записи',
    description:
      'Родитель не создал детскую учётную запись: войти через Госуслуги нельзя, доступа к ЦОК нет. Исправление: родитель создаёт запись в разделе «Семья и дети».',
    searchIn: 'pupil',
    login: 'NO_ESIA_ACCOUNT',
    accessRole: 'pupil',
    accessFails: ['CHILD_ACCOUNT', 'PARENT_LINK', 'LESSON_PERMISSION'],
    // Nothing else missing: once the parent creates the account (and links it, as creating does), the lesson opens.
    matches: (p, _, asOf) => age(p, asOf) >= 10 && age(p, asOf) < 14 && p.account === null && p.lessonPermission && p.registryCitizenship === 'RUS',
  },
  {
    handle: 'pupil-teen-unlinked',
    title: 'Ученик 14–17 лет с собственной записью, не привязанной к родителю',
    description:
      'Подросток зарегистрировался сам по паспорту и подтвердил запись, но родитель не привязал её. Вход проходит, доступ к ЦОК — нет, пока родитель не нажмёт «Привязать».',
    searchIn: 'pupil',
    login: 'OK',
    accessRole: 'pupil',
    accessFails: ['PARENT_LINK'],
    matches: (p, _, asOf) =>
      age(p, asOf) >= 14 &&
      age(p, asOf) < 18 &&
      // Confirmed: an unlinked teenager's own standard account is not a child account, and gets no school data.
      p.account?.level === 'confirmed' &&
      !p.account.createdByParent &&
      !linked(p) &&
      p.lessonPermission &&
      p.registryCitizenship === 'RUS',
  },
  {
    handle: 'pupil-no-permission',
    title: 'Ученик, родитель которого не дал разрешения на уроки ЦОК',
    description: 'Детская запись создана и привязана, но родитель не дал разрешения в приложении «Моя школа». Исправление: родитель даёт разрешение.',
    searchIn: 'pupil',
    login: 'OK',
    accessRole: 'pupil',
    accessFails: ['LESSON_PERMISSION'],
    matches: (p, _, asOf) =>
      age(p, asOf) >= 10 && age(p, asOf) < 14 && p.account?.createdByParent === true && linked(p) && !p.lessonPermission && p.registryCitizenship === 'RUS',
  },
  {
    handle: 'pupil-no-citizenship',
    title: 'Ученик без указанного гражданства',
    description: 'В записи реестра не заполнено гражданство — нарушение качества данных, по которому оценивают регион. Вход и доступ к ЦОК проходят.',
    searchIn: 'pupil',
    login: 'OK',
    accessRole: 'pupil',
    accessFails: [],
    matches: (p, _, asOf) => p.registryCitizenship === null && age(p, asOf) < 14 && p.account?.createdByParent === true && linked(p) && p.lessonPermission,
  },
  {
    handle: 'parent-two-schools',
    title: 'Родитель двоих детей из разных школ',
    description: 'Мать с подтверждённой записью; дети учатся в разных школах. Дневник показывается по каждому ребёнку.',
    searchIn: 'mother',
    login: 'OK',
    accessRole: null,
    accessFails: [],
    matches: (p, people) => {
      const children = p.memberships.find((m) => m.role === 'parent')?.childIds ?? [];
      const schools = new Set(children.map((id) => people.pupilSchool(Number(id.split('-')[2])).id));
      return p.account?.level === 'confirmed' && children.length >= 2 && schools.size >= 2 && p.homeRegionCode === p.regionCode;
    },
  },
  {
    handle: 'teacher-with-rights',
    title: 'Учитель с уроками и правами на ЦОК',
    description: 'Сотрудник школы с нагрузкой в расписании; школа выдала права на библиотеку ЦОК. Доступ есть.',
    searchIn: 'teacher',
    login: 'OK',
    accessRole: 'teacher',
    accessFails: [],
    matches: (p) =>
      !isParent(p) && (teacherMembership(p)?.weeklyHours ?? 0) > 0 && teacherMembership(p)?.libraryRights === true && p.account?.level === 'confirmed',
  },
  {
    handle: 'teacher-no-rights',
    title: 'Учитель без прав на ЦОК',
    description: 'Уроки в расписании есть, но школа не выдала права на библиотеку ЦОК. Исправление: администратор школы выдаёт права.',
    searchIn: 'teacher',
    login: 'OK',
    accessRole: 'teacher',
    accessFails: ['LIBRARY_RIGHTS'],
    matches: (p) =>
      !isParent(p) && (teacherMembership(p)?.weeklyHours ?? 0) > 0 && teacherMembership(p)?.libraryRights === false && p.account?.level === 'confirmed',
  },
  {
    handle: 'teacher-no-lessons',
    title: 'Учитель без уроков в расписании',
    description: 'Права на ЦОК выданы, но в актуальном расписании школы у учителя нет уроков. Исправление: школа вносит нагрузку в расписание.',
    searchIn: 'teacher',
    login: 'OK',
    accessRole: 'teacher',
    accessFails: ['TIMETABLE_LESSONS'],
    matches: (p) => !isParent(p) && teacherMembership(p)?.weeklyHours === 0 && teacherMembership(p)?.libraryRights === true && p.account?.level === 'confirmed',
  },
  {
    handle: 'teacher-parent',
    title: 'Учитель, который также родитель',
    description: 'Две роли: сотрудник школы и родитель. После входа нужно выбрать роль; доступ к ЦОК есть только в роли сотрудника.',
    searchIn: 'teacher',
    login: 'ROLE_CHOICE_REQUIRED',
    accessRole: 'teacher',
    accessFails: [],
    matches: (p) =>
      isParent(p) && (teacherMembership(p)?.weeklyHours ?? 0) > 0 && teacherMembership(p)?.libraryRights === true && p.account?.level === 'confirmed',
  },
  {
    handle: 'school-administrator',
    title: 'Администратор школы',
    description: 'Директор: сотрудник школы без уроков в расписании. Вход проходит; ЦОК открывается только учителям с уроками.',
    searchIn: 'administrator',
    login: 'OK',
    accessRole: 'administrator',
    accessFails: ['TIMETABLE_LESSONS'],
    matches: (p, people) =>
      p.account?.level === 'confirmed' &&
      p.memberships.some(
        (m) => m.role === 'administrator' && m.post === 'Директор' && people.layout.schools.find((s) => s.id === m.schoolId)?.cokAccess === true,
      ),
  },
  {
    handle: 'esia-only-adult',
    title: 'Человек с учётной записью ЕСИА, которого нет в реестре',
    description: 'Подтверждённая запись на Госуслугах есть, но в ГИС РУО человека нет: «Моя школа» не находит ни школы, ни роли.',
    searchIn: 'citizen',
    login: 'NOT_IN_REGISTRY',
    accessRole: null,
    accessFails: ['REGISTRY_MEMBERSHIP'],
    matches: (p) => p.account?.level === 'confirmed',
  },
  {
    handle: 'adult-simplified',
    title: 'Взрослый только с упрощённой учётной записью',
    description:
      'ЕСИА пускает упрощённую запись (маркер с urn:esia:sbj:lvl=P, без is_tru); ESIA-007055 — когда система просит person_filter=conf_acc, как школьные, которым нужна подтверждённая.',
    searchIn: 'citizen',
    login: 'ESIA-007055',
    accessRole: null,
    accessFails: ['REGISTRY_MEMBERSHIP'],
    matches: (p) => p.account?.level === 'simplified',
  },
];

export const PERSONA_HANDLES = PERSONAS.map((p) => p.handle);

export function personaDefinition(handle: string): PersonaDefinition {
  const found = PERSONAS.find((p) => p.handle === handle);
  if (!found) throw new WorldInputError('persona', handle, `one of ${PERSONA_HANDLES.join(', ')}`);
  return found;
}

export interface ResolvedPersona {
  readonly definition: PersonaDefinition;
  readonly person: Person;
}

/** The region personas are drawn from: the world's own, or 36 in a country world. */
export function personaRegion(world: World): string {
  return world.options.region ?? (world.hasRegion(DEFAULT_REGION) ? DEFAULT_REGION : (world.regionCodes[0] ?? DEFAULT_REGION));
}

export function findPersona(world: World, handle: string): ResolvedPersona {
  const definition = personaDefinition(handle);
  const people = world.region(personaRegion(world));
  const asOf = world.options.asOf;
  const count = {
    pupil: people.layout.pupilCount,
    mother: people.families.familyCapacity,
    teacher: people.layout.teacherCount,
    administrator: people.layout.adminCount,
    citizen: people.citizenCount,
  }[definition.searchIn];
  for (let i = 0; i < count; i++) {
    const person =
      definition.searchIn === 'pupil'
        ? people.pupil(i)
        : definition.searchIn === 'mother'
          ? people.parent('mother', i)
          : definition.searchIn === 'teacher'
            ? people.teacher(i)
            : definition.searchIn === 'administrator'
              ? people.administrator(i)
              : people.citizen(i);
    // Matched on the world as generated (a persona stays the same person); returned as the world
    // answers now (a sandbox's view adds the accounts created in it).
    if (person && definition.matches(person, people, asOf)) return { definition, person: world.personBySlot(person.slot) ?? person };
  }
  throw new Error(
    `[edusim] persona "${handle}" has no match in region ${people.code} of this world (seed ${world.options.seed}, scale ${world.options.scale})`,
  );
}

export interface PersonaSummary {
  readonly handle: string;
  readonly title: string;
  readonly description: string;
  readonly personId: string;
  readonly fullName: string;
  readonly birthDate: string;
  readonly oid: number | null;
  readonly snils: string;
  readonly expected: {
    readonly login: LoginOutcome;
    readonly lessonAccess: {
      readonly role: PersonaDefinition['accessRole'];
      readonly allowed: boolean;
      readonly failingChecks: readonly AccessCheckCode[];
    } | null;
  };
}

/** Every persona of the catalogue as found in this world, with its expected outcomes. */
export function personaSummaries(world: World): PersonaSummary[] {
  return PERSONAS.map((definition) => {
    const { person } = findPersona(world, definition.handle);
    return {
      handle: definition.handle,
      title: definition.title,
      description: definition.description,
      personId: person.id,
      fullName: `${person.lastName} ${person.firstName} ${person.middleName}`,
      birthDate: person.birthDate,
      oid: person.account?.oid ?? null,
      snils: person.snils,
      expected: {
        login: definition.login,
        lessonAccess:
          definition.accessRole === null && definition.accessFails.length === 0
            ? null
            : { role: definition.accessRole, allowed: definition.accessFails.length === 0, failingChecks: definition.accessFails },
      },
    };
  });
}
