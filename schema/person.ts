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

/** Data leave the registry and the diary only while the viewer's data-transfer consent is active. */
export function requireConsent(ctx: RequestContext): void {
  const oid = requireViewer(ctx);
  const consent = memo(ctx, `consent:${oid}`, () => ctx.services.consents.active(oid, 'EDUSIM_MYSCHOOL_TRANSFER'));
  if (!consent) {
    const url = ctx.services.consentPageUrl(oid, ctx.baseUrl);
    memo(ctx, `trace-consent:${oid}`, () =>
      addTrace(ctx, { step: 'consent', ok: false, detail: 'нет действующего согласия на передачу данных в «Моя школа»' }),
    );
    throw edusimError('CONSENT_REQUIRED', 'Нет действующего согласия на передачу данных в «Моя школа». Дайте согласие на платформе согласий.', {
      grantAt: url,
      purpose: 'EDUSIM_MYSCHOOL_TRANSFER',
    });
  }
  memo(ctx, `trace-consent:${oid}`, () =>
    addTrace(ctx, { step: 'consent', ok: true, detail: `согласие ${consent.id} действует до ${consent.expiresAt ?? 'отзыва'}` }),
  );
}

const ROLE_OF: Record<string, Role> = { pupil: 'PUPIL', parent: 'PARENT', teacher: 'TEACHER', administrator: 'ADMINISTRATOR' };

export function rolesOf(person: Person): Role[] {
  return [...new Set(person.memberships.map((m) => ROLE_OF[m.role]).filter((r): r is Role => r !== undefined))];
}

/** The role the data follow: the only one, or the one chosen (X-Edusim-Role) among several. */
export function effectiveRole(ctx: RequestContext, person: Person): Role {
  const roles = rolesOf(person);
  if (ctx.role) {
    if (!roles.includes(ctx.role))
      throw edusimError('FORBIDDEN', `Роль ${ctx.role} не принадлежит этому человеку; доступны: ${roles.join(', ') || 'нет ролей'}`, { roles });
    return ctx.role;
  }
  if (roles.length === 1) return roles[0] as Role;
  if (roles.length === 0) throw edusimError('NOT_IN_REGISTRY', 'Человека нет в реестре ГИС РУО: нет ни школы, ни роли');
  addTrace(ctx, { step: 'role', ok: false, detail: `несколько ролей: ${roles.join(', ')}` });
  throw edusimError('ROLE_CHOICE_REQUIRED', `У человека несколько ролей (${roles.join(', ')}): выберите одну заголовком X-Edusim-Role`, { roles });
}
