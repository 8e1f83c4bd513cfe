/**
 * identity (ESIA-owned): who the token belongs to — name, birth date, account level, child
 * account, children (for a parent), contacts, consents.
 */
import type { ConsentView } from '../../mocks/index.ts';
import { builder, PersonRef } from '../builder.ts';
import { addTrace, memo } from '../context.ts';
import { personOf, requireViewer } from '../person.ts';

const sub = { subGraphs: ['identity' as const] };

const AccountLevel = builder.enumType('AccountLevel', { ...sub, values: ['SIMPLIFIED', 'STANDARD', 'CONFIRMED'] as const });
const Gender = builder.enumType('Gender', { ...sub, values: ['M', 'F'] as const });

const Contacts = builder.objectRef<{ email: string | null; mobile: string | null }>('Contacts').implement({
  ...sub,
  fields: (t) => ({ email: t.exposeString('email', { nullable: true }), mobile: t.exposeString('mobile', { nullable: true }) }),
});

const Consent = builder.objectRef<ConsentView>('Consent').implement({
  ...sub,
  description: 'A consent recorded on the consent platform',
  fields: (t) => ({
    id: t.exposeID('id'),
    purpose: t.exposeString('purpose'),
    recipient: t.exposeString('recipient'),
    scopes: t.exposeStringList('scopes'),
    status: t.exposeString('status'),
    grantedAt: t.exposeString('grantedAt'),
    expiresAt: t.exposeString('expiresAt', { nullable: true }),
    subjectOid: t.id({ resolve: (c) => String(c.subjectOid) }),
  }),
});

builder.queryType({ subGraphs: ['identity', 'registry', 'diary', 'library'], defaultSubGraphsForFields: [] });

builder.queryField('me', (t) =>
  t.field({
    ...sub,
    type: PersonRef,
    description: 'The person the ESIA access token belongs to: the entry point of the flow',
    resolve: (_root, _args, ctx) => {
      const oid = requireViewer(ctx);
      addTrace(ctx, { step: 'token', ok: true, detail: `маркер ЕСИА проверен: oid ${oid}, система ${ctx.viewer?.clientId}` });
      return { oid: String(oid) };
    },
  }),
);

builder.objectFields(PersonRef, (t) => ({
  lastName: t.string({ ...sub, resolve: (p, _a, ctx) => personOf(ctx, p).lastName }),
  firstName: t.string({ ...sub, resolve: (p, _a, ctx) => personOf(ctx, p).firstName }),
  middleName: t.string({ ...sub, resolve: (p, _a, ctx) => personOf(ctx, p).middleName }),
  fullName: t.string({
    ...sub,
    description: 'Фамилия Имя Отчество, as ESIA holds it',
    resolve: (p, _a, ctx) => {
      const person = personOf(ctx, p);
      return `${person.lastName} ${person.firstName} ${person.middleName}`;
    },
  }),
  birthDate: t.field({ ...sub, type: 'Date', resolve: (p, _a, ctx) => personOf(ctx, p).birthDate }),
  gender: t.field({ ...sub, type: Gender, resolve: (p, _a, ctx) => personOf(ctx, p).sex }),
  accountLevel: t.field({
    ...sub,
    type: AccountLevel,
    resolve: (p, _a, ctx) => (personOf(ctx, p).account?.level.toUpperCase() ?? 'SIMPLIFIED') as 'SIMPLIFIED' | 'STANDARD' | 'CONFIRMED',
  }),
  childAccount: t.boolean({
    ...sub,
    description: 'A child account created by a parent (ESIA level KD)',
    resolve: (p, _a, ctx) => personOf(ctx, p).account?.createdByParent ?? false,
  }),
  contacts: t.field({ ...sub, type: Contacts, resolve: (p, _a, ctx) => personOf(ctx, p).contacts }),
  children: t.field({
    ...sub,
    type: [PersonRef],
    description: 'For a parent: the children ESIA links to them (those with accounts)',
    resolve: (p, _a, ctx) => {
      const person = personOf(ctx, p);
      const ids = person.memberships.flatMap((m) => (m.role === 'parent' ? m.childIds : []));
      return ids
        .map((id) => memo(ctx, `byId:${id}`, () => ctx.services.world.personById(id)))
        .flatMap((child) => (child?.account ? [{ oid: String(child.account.oid) }] : []));
    },
  }),
  consents: t.field({ ...sub, type: [Consent], resolve: (p, _a, ctx) => ctx.services.consents.list(Number(p.oid)) }),
}));
