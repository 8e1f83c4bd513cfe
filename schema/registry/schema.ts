/**
 * registry (ГИС РУО): region, school, class and role of a person, found from ESIA data;
 * School and SchoolClass entities. Data flow only while the data-transfer consent is active.
 */
import { className, type Membership, type School } from '../../seeds/index.ts';
import { requireAcceptedAccount } from '../account-rule.ts';
import { builder, PersonRef } from '../builder.ts';
import { addTrace, type RequestContext } from '../context.ts';
import { edusimError } from '../errors.ts';
import { personOf, requireConsent } from '../person.ts';

const sub = { subGraphs: ['registry' as const] };

interface SchoolKey {
  readonly id: string;
}
interface ClassKey {
  readonly id: string;
}

function schoolById(ctx: RequestContext, id: string): School {
  const region = id.slice(0, 2);
  const school = ctx.services.world.hasRegion(region) ? ctx.services.world.region(region).layout.schools.find((s) => s.id === id) : undefined;
  if (!school) throw edusimError('BAD_USER_INPUT', `школа ${id} не найдена`);
  return school;
}

function classInfo(ctx: RequestContext, id: string): { name: string; grade: number; schoolId: string } {
  const m = /^(\d{2})-class-(\d+)$/.exec(id);
  const people = m && ctx.services.world.hasRegion(m[1] ?? '') ? ctx.services.world.region(m[1] ?? '') : undefined;
  const index = Number(m?.[2]);
  if (!people || !(index < people.layout.classGrade.length)) throw edusimError('BAD_USER_INPUT', `класс ${id} не найден`);
  const school = people.layout.schools[people.layout.classSchool[index] ?? 0] as School;
  return {
    name: className(people.layout, index),
    grade: people.layout.classGrade[index] ?? 0,
    schoolId: school.id,
  };
}

const SchoolRef = builder.objectRef<SchoolKey>('School').implement({
  ...sub,
  description: 'A school (or branch) as ГИС РУО holds it',
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.string({ resolve: (s, _a, ctx) => schoolById(ctx, s.id).shortName }),
    fullName: t.string({ resolve: (s, _a, ctx) => schoolById(ctx, s.id).fullName }),
    address: t.string({ resolve: (s, _a, ctx) => schoolById(ctx, s.id).address }),
    ogrn: t.string({ resolve: (s, _a, ctx) => schoolById(ctx, s.id).ogrn }),
    inn: t.string({ resolve: (s, _a, ctx) => schoolById(ctx, s.id).inn }),
    kpp: t.string({ resolve: (s, _a, ctx) => schoolById(ctx, s.id).kpp }),
    oktmo: t.string({ resolve: (s, _a, ctx) => schoolById(ctx, s.id).oktmo }),
    isBranch: t.boolean({ description: 'A branch (филиал) of a head school', resolve: (s, _a, ctx) => schoolById(ctx, s.id).headSchoolIndex !== null }),
  }),
});
builder.asEntity(SchoolRef, { key: builder.selection<{ id: string }>('id'), resolveReference: (ref) => ({ id: ref.id }) });

const ClassRef = builder.objectRef<ClassKey>('SchoolClass').implement({
  ...sub,
  description: 'A class (e.g. 8Б) of a school',
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.string({ resolve: (c, _a, ctx) => classInfo(ctx, c.id).name }),
    grade: t.int({ resolve: (c, _a, ctx) => classInfo(ctx, c.id).grade }),
    school: t.field({ type: SchoolRef, resolve: (c, _a, ctx) => ({ id: classInfo(ctx, c.id).schoolId }) }),
  }),
});
builder.asEntity(ClassRef, { key: builder.selection<{ id: string }>('id'), resolveReference: (ref) => ({ id: ref.id }) });

const RoleEnum = builder.enumType('Role', { subGraphs: ['registry', 'library'], values: ['PUPIL', 'PARENT', 'TEACHER', 'ADMINISTRATOR'] as const });

const Region = builder.objectRef<{ code: string; name: string }>('Region').implement({
  ...sub,
  fields: (t) => ({ code: t.exposeString('code'), name: t.exposeString('name') }),
});

const MembershipRef = builder.objectRef<Membership>('Membership').implement({
  ...sub,
  description: 'One role of the person in the registry',
  fields: (t) => ({
    role: t.field({ type: RoleEnum, resolve: (m) => m.role.toUpperCase() as 'PUPIL' | 'PARENT' | 'TEACHER' | 'ADMINISTRATOR' }),
    school: t.field({ type: SchoolRef, nullable: true, resolve: (m) => ('schoolId' in m ? { id: m.schoolId } : null) }),
    class: t.field({ type: ClassRef, nullable: true, resolve: (m) => (m.role === 'pupil' ? { id: m.classId } : null) }),
    subjects: t.stringList({ description: 'Subjects a teacher teaches', resolve: (m) => (m.role === 'teacher' ? [...m.subjects] : []) }),
    post: t.string({ nullable: true, description: 'Post of an administrator', resolve: (m) => (m.role === 'administrator' ? m.post : null) }),
    children: t.field({
      type: [PersonRef],
      description: 'For a parent: the children in the registry (those with ESIA accounts)',
      resolve: (m, _a, ctx) =>
        m.role === 'parent'
          ? m.childIds.flatMap((id) => {
              const child = ctx.services.world.personById(id);
              return child?.account ? [{ oid: String(child.account.oid) }] : [];
            })
          : [],
    }),
  }),
});

const RegistryRecord = builder.objectRef<{ oid: string }>('RegistryRecord').implement({
  ...sub,
  description: 'What ГИС РУО returns for the person: region, school, class, role, citizenship',
  fields: (t) => ({
    region: t.field({
      type: Region,
      resolve: (r, _a, ctx) => {
        const person = personOf(ctx, r);
        return { code: person.regionCode, name: ctx.services.world.region(person.regionCode).layout.region.name };
      },
    }),
    memberships: t.field({ type: [MembershipRef], resolve: (r, _a, ctx) => [...personOf(ctx, r).memberships] }),
    citizenship: t.string({
      nullable: true,
      description: 'Citizenship in the registry record (RUS); null where the record misses it, a data-quality failure even when ESIA has it',
      resolve: (r, _a, ctx) => personOf(ctx, r).registryCitizenship,
    }),
  }),
});

builder.objectFields(PersonRef, (t) => ({
  registry: t.field({
    ...sub,
    type: RegistryRecord,
    nullable: true,
    description: 'The registry lookup from ESIA data (needs a confirmed or child account and the data-transfer consent)',
    resolve: (p, _a, ctx) => {
      requireAcceptedAccount(ctx);
      requireConsent(ctx);
      requireConsent(ctx, Number(p.oid));
      const person = personOf(ctx, p);
      if (person.memberships.length === 0) {
        addTrace(ctx, { step: 'registry', ok: false, detail: `oid ${p.oid}: нет в реестре ГИС РУО` });
        throw edusimError('NOT_IN_REGISTRY', 'Человека нет в реестре ГИС РУО: «Моя школа» не находит ни школы, ни роли');
      }
      addTrace(ctx, { step: 'registry', ok: true, detail: `регион ${person.regionCode}, роли: ${person.memberships.map((m) => m.role).join(', ')}` });
      return { oid: p.oid };
    },
  }),
}));
