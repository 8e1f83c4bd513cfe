/**
 * Scenarios: named, parameterised jumps of a sandbox's state — what a parent, a school or a region
 * would do, done in one call. One definition serves the admin API, the CLI and the trainers' page
 * (its «Исправить» buttons apply these).
 */
import { z } from 'zod';
import { moscowDateTime } from '../mocks/index.ts';
import { ageOn, findPersona, moscowDateOf, PERSONA_HANDLES, type Person } from '../seeds/index.ts';
import type { Sandbox } from './sandbox.ts';
import { parseWith } from './spec.ts';
import { fullNameIn } from '../seeds/index.ts';

/** Who a scenario acts on: a persona handle, an ESIA oid, or a registry person id (someone without an ESIA account). */
const Subject = z
  .strictObject({
    persona: z.enum(PERSONA_HANDLES as [string, ...string[]]).optional(),
    oid: z.coerce.number().int().positive().optional(),
    personId: z
      .string()
      .regex(/^\d{2}-(pupil|mother|father|teacher|administrator|citizen)-\d+$/, 'expected a registry person id like 36-pupil-17')
      .optional(),
  })
  .refine((p) => [p.persona, p.oid, p.personId].filter((v) => v !== undefined).length === 1, 'give exactly one of "persona", "oid" or "personId"');

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
  /** Russian title: what the scenario stands for. */
  readonly title: string;
  /** Russian, as an action: the trainer panel's button. */
  readonly action: string;
  readonly params: string;
  apply(sandbox: Sandbox, params: Record<string, unknown>): string;
}

function subjectOf(sandbox: Sandbox, params: Record<string, unknown>, scenario: string): Person {
  const { persona, oid, personId } = parseWith(Subject, params, `scenario ${scenario}`);
  if (persona !== undefined) return findPersona(sandbox.world, persona).person;
  if (personId !== undefined) {
    const person = sandbox.world.personById(personId);
    if (!person) throw new ScenarioError(`scenario ${scenario}: no person ${personId} in this sandbox's world`, 404);
    return person;
  }
  const person = sandbox.world.personByOid(oid ?? 0);
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
function aboutPerson(
  name: string,
  title: string,
  action: string,
  role: 'pupil' | 'teacher' | null,
  act: (sandbox: Sandbox, person: Person) => string,
): ScenarioDefinition {
  return {
    name,
    title,
    action,
    params: 'persona | oid | personId',
    apply(sandbox, params) {
      const person = subjectOf(sandbox, params, name);
      if (role) requireKind(person, role, name);
      return act(sandbox, person);
    },
  };
}

/** A scenario about one region's diary (`region`, default the world's first). */
function aboutDiary(name: string, title: string, action: string, act: (sandbox: Sandbox, region: string) => string): ScenarioDefinition {
  return { name, title, action, params: 'region?', apply: (sandbox, params) => act(sandbox, regionOf(sandbox, params, name)) };
}

/** The pupil's parents as the world holds them (with or without an ESIA account). */
function parentsOf(sandbox: Sandbox, pupil: Person): Person[] {
  const people = sandbox.world.region(pupil.regionCode);
  const family = people.families.familyOfPupil(Number(pupil.id.split('-')[2]));
  return people.parentSlotsOf(family).flatMap((slot) => {
    const parent = sandbox.world.personBySlot(slot);
    return parent ? [parent] : [];
  });
}

export const SCENARIOS: readonly ScenarioDefinition[] = [
  aboutPerson('consent-granted', 'Дано согласие на передачу данных в «Моя школа»', 'Дать согласие на передачу данных', null, (sandbox, person) => {
    const consent = sandbox.consents.grantTransfer(person.account?.oid ?? 0, person.account?.linkedParentOids ?? []);
    return `Согласие на передачу данных в «Моя школа» дано (${consent.id}, действует ${consent.expiresAt ? `до ${moscowDateTime(consent.expiresAt)} МСК` : 'до отзыва'}): ${fullName(person)}.`;
  }),
  aboutPerson('consent-revoked', 'Согласие на передачу данных отозвано', 'Отозвать согласие на передачу данных', null, (sandbox, person) => {
    const revoked = sandbox.consents.revokeAllAbout(person.account?.oid ?? 0);
    return revoked.length > 0
      ? `Отозвано согласий: ${revoked.length} (${fullName(person)}).`
      : `У ${fullNameIn(person, 'genitive')} не было действующих согласий.`;
  }),
  aboutPerson('child-account-created', 'Родитель создал детскую учётную запись', 'Создать детскую учётную запись', 'pupil', (sandbox, person) => {
    const name = 'scenario child-account-created';
    if (person.account) throw new ScenarioError(`${name}: ${fullName(person)} already has an ESIA account (oid ${person.account.oid})`, 409);
    const age = ageOn(person.birthDate, moscowDateOf(sandbox.clock.now()));
    if (age >= 14)
      throw new ScenarioError(
        `${name}: ${fullName(person)} is ${age}; a parent creates a child account for a child under 14, from 14 the pupil registers with a passport`,
        409,
      );
    const parents = parentsOf(sandbox, person).filter((p) => p.account?.level === 'confirmed');
    const creator = parents[0];
    if (!creator?.account)
      throw new ScenarioError(`${name}: no parent of ${fullName(person)} has a confirmed ESIA account, which creating a child account needs`, 409);
    const oid = sandbox.world.oidOf(person.slot);
    sandbox.state.childAccounts.set(person.id, {
      oid,
      linkedParentOids: parents.flatMap((p) => (p.account ? [p.account.oid] : [])),
      createdAt: sandbox.clock.now().toISOString(),
    });
    return `Родитель (${fullName(creator)}) создал(а) на Госуслугах детскую учётную запись (oid ${oid}), привязанную к себе: ${fullName(person)}.`;
  }),
  aboutPerson('parent-linked', 'Учётная запись ученика привязана к родителю', 'Привязать учётную запись к родителю', 'pupil', (sandbox, person) => {
    if (!person.account)
      throw new ScenarioError(`scenario parent-linked: ${fullName(person)} has no ESIA account to link; create it first (scenario child-account-created)`, 409);
    const parents = parentsOf(sandbox, person).flatMap((p) => (p.account ? [p.account.oid] : []));
    if (parents.length === 0) throw new ScenarioError(`scenario parent-linked: no parent of ${fullName(person)} has an ESIA account to link to`, 409);
    sandbox.state.links.set(person.id, parents);
    return `Учётная запись ученика привязана к родителю (oid ${parents.join(', ')}): ${fullName(person)}.`;
  }),
  aboutPerson('lesson-permission-given', 'Дано разрешение на уроки ЦОК', 'Дать разрешение на уроки ЦОК', 'pupil', (sandbox, person) => {
    sandbox.state.lessonPermissions.set(person.id, true);
    return `Разрешение на уроки ЦОК дано: ${fullName(person)}.`;
  }),
  aboutPerson('teacher-library-rights-granted', 'Школа выдала учителю права на ЦОК', 'Выдать учителю права на ЦОК', 'teacher', (sandbox, person) => {
    sandbox.state.teacherRights.set(person.id, true);
    return `Школа выдала ${fullNameIn(person, 'dative')} права доступа к библиотеке ЦОК.`;
  }),
  aboutPerson('lesson-added-to-timetable', 'Урок учителя внесён в расписание', 'Внести урок в расписание', 'teacher', (sandbox, person) => {
    const added = (sandbox.state.teacherLessons.get(person.id) ?? 0) + 1;
    if (added > 40) throw new ScenarioError(`scenario lesson-added-to-timetable: ${fullName(person)} already has 40 added lessons a week`, 409);
    sandbox.state.teacherLessons.set(person.id, added);
    return `В расписание школы внесён урок учителя (добавлено уроков в неделю: ${added}): ${fullName(person)}.`;
  }),
  aboutDiary('diary-down', 'Региональный дневник недоступен', 'Отключить дневник региона', (sandbox, region) => {
    sandbox.setLegacyDiaryFault(region, { mode: 'down' });
    return `Дневник региона ${region} недоступен: «Моя школа» получит DIARY_UNAVAILABLE.`;
  }),
  aboutDiary('diary-restored', 'Региональный дневник снова работает', 'Восстановить дневник региона', (sandbox, region) => {
    sandbox.setLegacyDiaryFault(region, { mode: 'ok' });
    return `Дневник региона ${region} снова отвечает.`;
  }),
];

export const SCENARIO_NAMES = SCENARIOS.map((s) => s.name);

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
