/**
 * Scenarios: named, parameterised jumps of a sandbox's state — what a parent, a school or a region
 * would do, done in one call. One definition serves the admin API, the CLI and the trainers' page
 * (its «Исправить» buttons apply these).
 */
import { z } from 'zod';
import { findPersona, PERSONA_HANDLES, type Person } from '../seeds/index.ts';
import type { Sandbox } from './sandbox.ts';
import { parseWith } from './spec.ts';
import { fullNameIn } from '../seeds/index.ts';

/** Who a scenario acts on: a persona handle or an ESIA oid. */
const Subject = z
  .strictObject({
    persona: z.enum(PERSONA_HANDLES as [string, ...string[]]).optional(),
    oid: z.coerce.number().int().positive().optional(),
  })
  .refine((p) => (p.persona === undefined) !== (p.oid === undefined), 'give exactly one of "persona" or "oid"');

const RegionParams = z.strictObject({
  region: z
    .string()
    .regex(/^\d{2}$/, 'expected a two-digit region code')
    .optional(),
});

export interface ScenarioOutcome {
  readonly scenario: string;
  /** Russian, for the person in front of the screen: what changed. */
  readonly done: string;
}

export class ScenarioError extends Error {
  override readonly name = 'ScenarioError';
  constructor(
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

export interface ScenarioDefinition {
  readonly name: string;
  /** Russian title, shown on the trainers' page. */
  readonly title: string;
  readonly params: string;
  apply(sandbox: Sandbox, params: Record<string, unknown>): string;
}

function subjectOf(sandbox: Sandbox, params: Record<string, unknown>, scenario: string): Person {
  const { persona, oid } = parseWith(Subject, params, `scenario ${scenario}`);
  const person = persona !== undefined ? findPersona(sandbox.world, persona).person : sandbox.world.personByOid(oid ?? 0);
  if (!person) throw new ScenarioError(`scenario ${scenario}: no ESIA account with oid ${oid} in this sandbox's world`, 404);
  return person;
}

const fullName = (p: Person) => `${p.lastName} ${p.firstName} ${p.middleName}`;

function requireKind(person: Person, role: 'pupil' | 'teacher', scenario: string): void {
  if (!person.memberships.some((m) => m.role === role))
    throw new ScenarioError(`scenario ${scenario}: ${fullName(person)} is not a ${role} in the registry; pick a ${role}`, 409);
}

function regionOf(sandbox: Sandbox, params: Record<string, unknown>, scenario: string): string {
  const { region } = parseWith(RegionParams, params, `scenario ${scenario}`);
  const code = region ?? sandbox.world.regionCodes[0] ?? '';
  if (!sandbox.world.hasRegion(code))
    throw new ScenarioError(
      `scenario ${scenario}: region ${code} is not in this sandbox's world; its regions: ${sandbox.world.regionCodes.slice(0, 10).join(', ')}`,
    );
  return code;
}

/** A scenario about one person (`persona` or `oid`), who must hold `role` in the registry when it is given. */
function aboutPerson(name: string, title: string, role: 'pupil' | 'teacher' | null, act: (sandbox: Sandbox, person: Person) => string): ScenarioDefinition {
  return {
    name,
    title,
    params: 'persona | oid',
    apply(sandbox, params) {
      const person = subjectOf(sandbox, params, name);
      if (role) requireKind(person, role, name);
      return act(sandbox, person);
    },
  };
}

/** A scenario about one region's diary (`region`, default the world's first). */
function aboutDiary(name: string, title: string, act: (sandbox: Sandbox, region: string) => string): ScenarioDefinition {
  return { name, title, params: 'region?', apply: (sandbox, params) => act(sandbox, regionOf(sandbox, params, name)) };
}

export const SCENARIOS: readonly ScenarioDefinition[] = [
  aboutPerson('consent-granted', 'Дано согласие на передачу данных в «Моя школа»', null, (sandbox, person) => {
    const consent = sandbox.consents.grantTransfer(person.account?.oid ?? 0, person.account?.linkedParentOids ?? []);
    return `Согласие ${consent.id} на передачу данных ${fullName(person)} в «Моя школа» дано (действует до ${consent.expiresAt ?? 'отзыва'}).`;
  }),
  aboutPerson('consent-revoked', 'Согласие на передачу данных отозвано', null, (sandbox, person) => {
    const revoked = sandbox.consents.revokeAllAbout(person.account?.oid ?? 0);
    return revoked.length > 0
      ? `Отозвано согласий: ${revoked.length} (${fullName(person)}).`
      : `У ${fullNameIn(person, 'genitive')} не было действующих согласий.`;
  }),
  aboutPerson('parent-linked', 'Учётная запись ученика привязана к родителю', 'pupil', (sandbox, person) => {
    const people = sandbox.world.region(person.regionCode);
    const family = people.families.familyOfPupil(Number(person.id.split('-')[2]));
    const parents = people.parentSlotsOf(family).flatMap((slot) => {
      const oid = sandbox.world.personBySlot(slot)?.account?.oid;
      return oid ? [oid] : [];
    });
    if (parents.length === 0) throw new ScenarioError(`scenario parent-linked: no parent of ${fullName(person)} has an ESIA account to link to`, 409);
    sandbox.state.links.set(person.id, parents);
    return `Учётная запись ${fullName(person)} привязана к родителю (oid ${parents.join(', ')}).`;
  }),
  aboutPerson('lesson-permission-given', 'Дано разрешение на уроки ЦОК', 'pupil', (sandbox, person) => {
    sandbox.state.lessonPermissions.set(person.id, true);
    return `Разрешение на уроки ЦОК для ${fullName(person)} дано.`;
  }),
  aboutPerson('teacher-library-rights-granted', 'Школа выдала учителю права на ЦОК', 'teacher', (sandbox, person) => {
    sandbox.state.teacherRights.set(person.id, true);
    return `Школа выдала ${fullNameIn(person, 'dative')} права доступа к библиотеке ЦОК.`;
  }),
  aboutPerson('lesson-added-to-timetable', 'Урок учителя внесён в расписание', 'teacher', (sandbox, person) => {
    const added = (sandbox.state.teacherLessons.get(person.id) ?? 0) + 1;
    if (added > 40) throw new ScenarioError(`scenario lesson-added-to-timetable: ${fullName(person)} already has 40 added lessons a week`, 409);
    sandbox.state.teacherLessons.set(person.id, added);
    return `В расписание школы внесён урок ${fullName(person)} (добавлено уроков в неделю: ${added}).`;
  }),
  aboutDiary('diary-down', 'Региональный дневник недоступен', (sandbox, region) => {
    sandbox.setLegacyDiaryFault(region, { mode: 'down' });
    return `Дневник региона ${region} недоступен: «Моя школа» получит DIARY_UNAVAILABLE.`;
  }),
  aboutDiary('diary-restored', 'Региональный дневник снова работает', (sandbox, region) => {
    sandbox.setLegacyDiaryFault(region, { mode: 'ok' });
    return `Дневник региона ${region} снова отвечает.`;
  }),
];

export const SCENARIO_NAMES = SCENARIOS.map((s) => s.name);

/** The access check a trainer's «Исправить» fixes, and the scenario that fixes it. */
export const FIX_FOR_CHECK: Readonly<Record<string, string>> = {
  PARENT_LINK: 'parent-linked',
  LESSON_PERMISSION: 'lesson-permission-given',
  LIBRARY_RIGHTS: 'teacher-library-rights-granted',
  TIMETABLE_LESSONS: 'lesson-added-to-timetable',
};

export function scenarioNamed(name: string): ScenarioDefinition {
  const scenario = SCENARIOS.find((s) => s.name === name);
  if (!scenario) throw new ScenarioError(`scenario ${JSON.stringify(name)} does not exist; scenarios: ${SCENARIO_NAMES.join(', ')}`, 404);
  return scenario;
}

/** Applies a scenario; on any refusal nothing has changed (each scenario checks before it writes). */
export function applyScenario(sandbox: Sandbox, name: string, params: Record<string, unknown> = {}): ScenarioOutcome {
  const scenario = scenarioNamed(name);
  return { scenario: scenario.name, done: scenario.apply(sandbox, params) };
}
