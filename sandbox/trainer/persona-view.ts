/**
 * One persona as the trainer panel shows it in a sandbox now: who it is, its ЦОК access check
 * line by line with who acts and the scenario that fixes it, and the scenarios a trainer can play
 * live on it.
 */
import { evaluateLessonAccess, type AccessCheck, type LessonAccess } from '../../mocks/index.ts';
import { ageOn, findPersona, moscowDateOf, type Person, type PersonaDefinition } from '../../seeds/index.ts';
import type { Sandbox } from '../sandbox.ts';
import { fixFor, whoActs } from './fixes.ts';

export interface CheckLine {
  readonly check: AccessCheck;
  /** Who acts in real life (Russian), when the check fails. */
  readonly who: string | null;
  /** The scenario that fixes it, or null when none can. */
  readonly fix: string | null;
  /** The same fix is offered on an earlier line (one button per scenario). */
  readonly fixedAbove: boolean;
}

export interface PersonaView {
  readonly definition: PersonaDefinition;
  readonly person: Person;
  readonly age: number;
  /** null when no ЦОК check applies to the persona's role (a parent). */
  readonly access: LessonAccess | null;
  readonly lines: readonly CheckLine[];
  /** Scenarios a trainer can apply to this persona now, fixes first. */
  readonly actions: readonly string[];
  readonly consentGiven: boolean;
  readonly diaryDown: boolean;
}

const isParentOnly = (person: Person) => person.memberships.length > 0 && person.memberships.every((m) => m.role === 'parent');

function accessOf(sandbox: Sandbox, definition: PersonaDefinition, person: Person, today: string): LessonAccess | null {
  if (definition.accessRole === null && isParentOnly(person)) return null;
  return evaluateLessonAccess(sandbox.world, person, definition.accessRole ?? undefined, sandbox.state, today);
}

function checkLines(access: LessonAccess | null, person: Person, today: string): CheckLine[] {
  const offered = new Set<string>();
  return (access?.checks ?? []).map((check) => {
    const fix = fixFor(check, access as LessonAccess, person, today);
    const fixedAbove = fix !== null && offered.has(fix);
    if (fix !== null) offered.add(fix);
    return { check, who: check.passed ? null : whoActs(check.code, person, today), fix, fixedAbove };
  });
}

function liveActions(sandbox: Sandbox, person: Person, age: number, lines: readonly CheckLine[], consentGiven: boolean, diaryDown: boolean): string[] {
  const fixes = lines.flatMap((l) => (l.fix !== null && !l.fixedAbove ? [l.fix] : []));
  const pupil = person.memberships.some((m) => m.role === 'pupil');
  const teacher = person.memberships.find((m) => m.role === 'teacher');
  const more: string[] = [];
  if (pupil && !person.account && age < 14) more.push('child-account-created');
  if (pupil && person.account && !(sandbox.state.lessonPermissions.get(person.id) ?? person.lessonPermission)) more.push('lesson-permission-given');
  if (teacher?.role === 'teacher') {
    if (!(sandbox.state.teacherRights.get(person.id) ?? teacher.libraryRights)) more.push('teacher-library-rights-granted');
    more.push('lesson-added-to-timetable');
  }
  if (person.account) more.push(consentGiven ? 'consent-revoked' : 'consent-granted');
  if (person.memberships.length > 0) more.push(diaryDown ? 'diary-restored' : 'diary-down');
  return [...new Set([...fixes, ...more])];
}

export function personaView(sandbox: Sandbox, handle: string): PersonaView {
  const { definition, person } = findPersona(sandbox.world, handle);
  const today = moscowDateOf(sandbox.clock.now());
  const age = ageOn(person.birthDate, today);
  const access = accessOf(sandbox, definition, person, today);
  const lines = checkLines(access, person, today);
  const consentGiven = person.account !== null && sandbox.consents.active(person.account.oid, 'EDUSIM_MYSCHOOL_TRANSFER') !== undefined;
  const diaryDown = sandbox.legacyDiaryFault(person.regionCode).mode !== 'ok';
  return { definition, person, age, access, lines, actions: liveActions(sandbox, person, age, lines, consentGiven, diaryDown), consentGiven, diaryDown };
}
