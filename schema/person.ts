/**
 * The Person entity, shared by every subgraph (key: oid), and the guards its fields use.
 */
import type { Person } from '../seeds/index.ts';
import { builder, PersonRef, SUBGRAPH_NAMES, type PersonKey } from './builder.ts';
import { addTrace, memo, type RequestContext, type Role } from './context.ts';
import { edusimError } from './errors.ts';

builder.objectType(PersonRef, {
  description: 'A person, identified by their ESIA oid',
  subGraphs: [...SUBGRAPH_NAMES],
  defaultSubGraphsForFields: [],
  fields: (t) => ({ oid: t.exposeID('oid', { subGraphs: [...SUBGRAPH_NAMES], description: 'ESIA user id' }) }),
});

builder.asEntity(PersonRef, {
  key: builder.selection<{ oid: string }>('oid'),
  resolveReference: (ref) => ({ oid: ref.oid }),
});

export function personOf(ctx: RequestContext, key: PersonKey): Person {
  const person = memo(ctx, `person:${key.oid}`, () => ctx.services.world.personByOid(Number(key.oid)));
  if (!person) throw edusimError('NOT_IN_REGISTRY', `нет учётной записи ЕСИА с oid ${key.oid}`);
  return person;
}

export function requireViewer(ctx: RequestContext): number {
  if (!ctx.viewer) {
    addTrace(ctx, { step: 'token', ok: false, detail: ctx.authError ?? 'нет маркера доступа' });
    throw edusimError('UNAUTHENTICATED', `Нужен действующий маркер доступа ЕСИА: ${ctx.authError ?? 'заголовок Authorization: Bearer … не передан'}`);
  }
  return ctx.viewer.oid;
}

/**
 * Data leave the registry and the diary only while a data-transfer consent covers the person
 * whose data they are: the viewer, or (`subjectOid`) a child whose data a parent asks for — that
 * consent given as the age rules say (by the parent for a child under 14).
 */
export function requireConsent(ctx: RequestContext, subjectOid?: number): void {
  const viewer = requireViewer(ctx);
  const oid = subjectOid ?? viewer;
  const consent = memo(ctx, `consent:${oid}`, () => ctx.services.consents.active(oid, 'EDUSIM_MYSCHOOL_TRANSFER'));
  const whose = oid === viewer ? '' : ` ребёнка (oid ${oid})`;
  if (!consent) {
    const url = ctx.services.consentPageUrl(viewer, ctx.baseUrl);
    memo(ctx, `trace-consent:${oid}`, () =>
      addTrace(ctx, { step: 'consent', ok: false, detail: `нет действующего согласия на передачу данных${whose} в «Моя школа»` }),
    );
    throw edusimError('CONSENT_REQUIRED', `Нет действующего согласия на передачу данных${whose} в «Моя школа». Дайте согласие на платформе согласий.`, {
      grantAt: url,
      purpose: 'EDUSIM_MYSCHOOL_TRANSFER',
      subjectOid: oid,
    });
  }
  memo(ctx, `trace-consent:${oid}`, () =>
    addTrace(ctx, { step: 'consent', ok: true, detail: `согласие ${consent.id}${whose} действует до ${consent.expiresAt ?? 'отзыва'}` }),
  );
}

const ROLE_OF: Record<string, Role> = { pupil: 'PUPIL', parent: 'PARENT', teacher: 'TEACHER', administrator: 'ADMINISTRATOR' };

export function rolesOf(person: Person): Role[] {
  return [...new Set(person.memberships.map((m) => ROLE_OF[m.role]).filter((r): r is Role => r !== undefined))];
}

/**
 * The role the data follow: `explicit` (a field's argument) or the one chosen (X-Edusim-Role),
 * which must be the person's; else the only one. Several and none chosen: ROLE_CHOICE_REQUIRED.
 */
export function effectiveRole(ctx: RequestContext, person: Person, explicit?: Role | null): Role {
  const roles = rolesOf(person);
  const chosen = explicit ?? ctx.role;
  if (chosen) {
    if (!roles.includes(chosen))
      throw edusimError('FORBIDDEN', `Роль ${chosen} не принадлежит этому человеку; доступны: ${roles.join(', ') || 'нет ролей'}`, { roles });
    return chosen;
  }
  if (roles.length === 1) return roles[0] as Role;
  if (roles.length === 0) throw edusimError('NOT_IN_REGISTRY', 'Человека нет в реестре ГИС РУО: нет ни школы, ни роли');
  memo(ctx, 'trace-role', () => addTrace(ctx, { step: 'role', ok: false, detail: `несколько ролей: ${roles.join(', ')}` }));
  throw edusimError('ROLE_CHOICE_REQUIRED', `У человека несколько ролей (${roles.join(', ')}): выберите одну заголовком X-Edusim-Role`, { roles });
}
