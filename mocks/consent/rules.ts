/**
 * Who may grant consent for whose data (docs/consent-and-access.md «Consent»): the parent for a
 * child under 14; the parent or the child at 14–17; the person alone from 18.
 */
import { ageOn, type Person, type World } from '../../seeds/index.ts';

export type GrantorRule = 'SELF_ADULT' | 'PARENT_UNDER_14' | 'PARENT_OR_CHILD_14_17';

export interface GrantorVerdict {
  readonly allowed: boolean;
  readonly rule: GrantorRule;
  /** Russian, for the person: which rule and why it refuses. */
  readonly message: string;
}

/**
 * Whether `grantor` is a legal representative of `subject` in the registry, or linked to the
 * child's account (`links`: the sandbox's own links, which replace the world's).
 */
export function isParentOf(world: World, grantor: Person, subject: Person, links?: readonly number[]): boolean {
  if (subject.kind !== 'pupil') return false;
  if (grantor.memberships.some((m) => m.role === 'parent' && m.childIds.includes(subject.id))) return true;
  const linked = links ?? subject.account?.linkedParentOids ?? [];
  return linked.includes(grantor.account?.oid ?? -1) && world.personByOid(grantor.account?.oid ?? 0) !== undefined;
}

/** `today`: the ISO date the ages count on (the sandbox clock's date; default the world's date). */
export function grantorVerdict(world: World, subject: Person, grantor: Person, today: string = world.options.asOf, links?: readonly number[]): GrantorVerdict {
  const age = ageOn(subject.birthDate, today);
  const self = subject.id === grantor.id;
  const parent = isParentOf(world, grantor, subject, links);
  if (age >= 18) {
    return self
      ? { allowed: true, rule: 'SELF_ADULT', message: 'Совершеннолетний даёт согласие сам.' }
      : { allowed: false, rule: 'SELF_ADULT', message: 'С 18 лет согласие на обработку своих данных даёт только сам человек.' };
  }
  if (age < 14) {
    return parent
      ? { allowed: true, rule: 'PARENT_UNDER_14', message: 'Согласие за ребёнка до 14 лет даёт родитель.' }
      : {
          allowed: false,
          rule: 'PARENT_UNDER_14',
          message: self
            ? 'До 14 лет согласие за ребёнка даёт только родитель (законный представитель).'
            : 'Согласие за ребёнка до 14 лет может дать только его родитель (законный представитель).',
        };
  }
  return self || parent
    ? { allowed: true, rule: 'PARENT_OR_CHILD_14_17', message: 'С 14 до 17 лет согласие даёт родитель или сам подросток.' }
    : { allowed: false, rule: 'PARENT_OR_CHILD_14_17', message: 'С 14 до 17 лет согласие может дать только сам подросток или его родитель.' };
}

/** The consent being revoked: whose data it is about and who gave it. */
export interface RevokedConsent {
  readonly subjectOid: number;
  readonly grantorOid: number;
}

/**
 * Who may revoke a consent (docs/consent-and-access.md «Revoking»): the one who gave it; a parent
 * who could give it now; the person it is about once 18. A minor may revoke only what they gave
 * themselves — not what a parent gave for them.
 */
export function revokerVerdict(
  world: World,
  consent: RevokedConsent,
  subject: Person | undefined,
  revoker: Person,
  today: string = world.options.asOf,
  links?: readonly number[],
): { readonly allowed: boolean; readonly message: string } {
  const by = revoker.account?.oid;
  if (by === consent.grantorOid) return { allowed: true, message: 'Отзывает тот, кто дал согласие.' };
  if (subject === undefined) return { allowed: false, message: 'отозвать согласие может только тот, кто его дал' };
  const self = subject.id === revoker.id;
  if (self && ageOn(subject.birthDate, today) >= 18) return { allowed: true, message: 'Совершеннолетний отзывает согласие о своих данных сам.' };
  if (self)
    return {
      allowed: false,
      message: 'согласие за вас дал родитель (законный представитель): отозвать его может только он — попросите его сделать это на платформе согласий',
    };
  if (isParentOf(world, revoker, subject, links) && grantorVerdict(world, subject, revoker, today, links).allowed)
    return { allowed: true, message: 'Родитель отзывает согласие о данных ребёнка.' };
  return { allowed: false, message: 'отозвать согласие может тот, кто его дал, родитель ребёнка или сам человек с 18 лет' };
}
