/**
 * library (ЦОК): the catalogue (subjects, grades, items, search with paging), the LibraryItem
 * entity, the ЦОК access check (docs/consent-and-access.md) as data, and usage events when an
 * item is opened.
 */
import { evaluateLessonAccess, type AccessCheck, type AccessRole, type LessonAccess } from '../../mocks/index.ts';
import { Catalogue, LIBRARY_SUBJECTS, moscowDateOf, type LibraryItem } from '../../seeds/index.ts';
import { builder, PersonRef } from '../builder.ts';
import { addTrace, type Role } from '../context.ts';
import { edusimError } from '../errors.ts';
import { effectiveRole, personOf, requireViewer, rolesOf } from '../person.ts';

/** How many ЦОК usage events a sandbox keeps (the newest). */
export const USAGE_KEPT = 10_000;

const sub = { subGraphs: ['library' as const] };
const catalogue = new Catalogue();
/** A search is a few words (the longest title is 81 characters, 10 words): a longer one is refused, not searched. */
const MAX_SEARCH_LENGTH = 200;
const MAX_SEARCH_WORDS = 10;

const ItemType = builder.enumType('LibraryItemType', { ...sub, values: ['LESSON', 'LAB_WORK', 'VIDEO', 'THEATRE'] as const });

const ItemRef = builder.objectRef<{ id: string }>('LibraryItem').implement({
  ...sub,
  description: 'A verified digital lesson, lab work, video or theatre piece of the ЦОК library',
  fields: (t) => {
    const item = (ref: { id: string }): LibraryItem => {
      const found = catalogue.itemById(ref.id);
      if (!found) throw edusimError('BAD_USER_INPUT', `материал ${ref.id} не найден в библиотеке ЦОК`);
      return found;
    };
    return {
      id: t.exposeID('id'),
      title: t.string({ resolve: (r) => item(r).title }),
      subject: t.string({ resolve: (r) => item(r).subject }),
      grade: t.int({ resolve: (r) => item(r).grade }),
      section: t.string({ resolve: (r) => item(r).section }),
      topic: t.string({ resolve: (r) => item(r).topic }),
      type: t.field({ type: ItemType, resolve: (r) => item(r).type }),
      durationMinutes: t.int({ resolve: (r) => item(r).durationMinutes }),
      provider: t.string({ resolve: (r) => item(r).provider }),
    };
  },
});
builder.asEntity(ItemRef, { key: builder.selection<{ id: string }>('id'), resolveReference: (ref) => ({ id: ref.id }) });

const SubjectRef = builder.objectRef<(typeof LIBRARY_SUBJECTS)[number]>('LibrarySubject').implement({
  ...sub,
  fields: (t) => ({
    code: t.exposeString('code'),
    name: t.exposeString('name'),
    grades: t.intList({ resolve: (s) => s.hours.flatMap((h, g) => (h > 0 ? [g + 1] : [])) }),
  }),
});

const Page = builder.objectRef<{ total: number; items: { id: string }[]; endCursor: string | null; hasNextPage: boolean }>('LibraryPage').implement({
  ...sub,
  fields: (t) => ({
    totalCount: t.exposeInt('total'),
    items: t.field({ type: [ItemRef], resolve: (p) => p.items }),
    endCursor: t.exposeString('endCursor', { nullable: true }),
    hasNextPage: t.exposeBoolean('hasNextPage'),
  }),
});

builder.queryFields((t) => ({
  librarySubjects: t.field({ ...sub, type: [SubjectRef], resolve: () => [...LIBRARY_SUBJECTS] }),
  libraryItems: t.field({
    ...sub,
    type: Page,
    description: 'Search the catalogue; page with first/after (after is the endCursor of the previous page)',
    args: {
      subject: t.arg.string({ description: 'Subject code (e.g. MAT) or name' }),
      grade: t.arg.int(),
      type: t.arg({ type: ItemType }),
      search: t.arg.string({ description: 'Words of the title or topic, case-insensitive' }),
      first: t.arg.int({ defaultValue: 20 }),
      after: t.arg.string(),
    },
    resolve: (_root, args) => {
      const first = args.first ?? 20;
      if (first < 1 || first > 100) throw edusimError('BAD_USER_INPUT', `first=${first}: ожидается от 1 до 100`);
      if (args.grade != null && (args.grade < 1 || args.grade > 11)) throw edusimError('BAD_USER_INPUT', `grade=${args.grade}: ожидается от 1 до 11`);
      const search = args.search ?? '';
      if (search.length > MAX_SEARCH_LENGTH) {
        throw edusimError('BAD_USER_INPUT', `search: длина ${search.length}, ожидается не больше ${MAX_SEARCH_LENGTH} символов`, {
          argument: 'search',
          limit: 'length',
          max: MAX_SEARCH_LENGTH,
          actual: search.length,
        });
      }
      const words = search.split(/\s+/).filter(Boolean).length;
      if (words > MAX_SEARCH_WORDS) {
        throw edusimError('BAD_USER_INPUT', `search: слов ${words}, ожидается не больше ${MAX_SEARCH_WORDS}`, {
          argument: 'search',
          limit: 'words',
          max: MAX_SEARCH_WORDS,
          actual: words,
        });
      }
      const start = args.after ? Number(Buffer.from(args.after, 'base64url').toString()) + 1 : 0;
      if (!Number.isInteger(start) || start < 0) throw edusimError('BAD_USER_INPUT', `after=${args.after}: не курсор этого поиска`);
      const matches = catalogue.search({ subject: args.subject, grade: args.grade, type: args.type, search });
      const page = matches.filter((i) => i >= start).slice(0, first);
      const last = page[page.length - 1];
      return {
        total: matches.length,
        items: page.map((i) => ({ id: catalogue.item(i)?.id ?? '' })),
        endCursor: last === undefined ? null : Buffer.from(String(last)).toString('base64url'),
        hasNextPage: last !== undefined && matches[matches.length - 1] !== last,
      };
    },
  }),
}));

const Check = builder.objectRef<AccessCheck>('AccessCheck').implement({
  ...sub,
  fields: (t) => ({
    code: t.exposeString('code'),
    passed: t.exposeBoolean('passed'),
    message: t.exposeString('message', { description: 'What holds or fails, in Russian' }),
    fix: t.exposeString('fix', { nullable: true, description: 'What to do, in Russian' }),
  }),
});

const Access = builder.objectRef<LessonAccess>('LessonAccess').implement({
  ...sub,
  fields: (t) => ({
    allowed: t.exposeBoolean('allowed'),
    role: t.string({ nullable: true, resolve: (a) => a.role?.toUpperCase() ?? null }),
    checks: t.field({ type: [Check], resolve: (a) => [...a.checks] }),
  }),
});

const RoleArg = builder.enumType('AccessRole', { ...sub, values: ['PUPIL', 'PARENT', 'TEACHER', 'ADMINISTRATOR'] as const });

/**
 * The check under the role asked for (argument or X-Edusim-Role), or the person's only role; a
 * person with several and none chosen gets ROLE_CHOICE_REQUIRED, as the diary does. A person
 * with no role is checked all the same (REGISTRY_MEMBERSHIP fails).
 */
function accessFor(ctx: Parameters<typeof personOf>[0], oid: string, role: Role | null | undefined): LessonAccess {
  const person = personOf(ctx, { oid });
  const chosen = rolesOf(person).length === 0 ? null : effectiveRole(ctx, person, role);
  return evaluateLessonAccess(
    ctx.services.world,
    person,
    chosen ? (chosen.toLowerCase() as AccessRole) : undefined,
    ctx.services.state,
    moscowDateOf(ctx.services.now()),
  );
}

builder.objectFields(PersonRef, (t) => ({
  lessonAccess: t.field({
    ...sub,
    type: Access,
    description: 'Why this person can or cannot open a digital lesson (docs/consent-and-access.md), check by check',
    args: { role: t.arg({ type: RoleArg, description: 'Check under this role (default: the role chosen with X-Edusim-Role, or the only one)' }) },
    resolve: (p, args, ctx) => {
      const access = accessFor(ctx, p.oid, args.role);
      addTrace(ctx, {
        step: 'library',
        ok: access.allowed,
        detail:
          access.checks
            .filter((c) => !c.passed)
            .map((c) => c.code)
            .join(', ') || 'доступ есть',
      });
      return access;
    },
  }),
}));

const Opening = builder.objectRef<{ itemId: string; at: string }>('LibraryOpening').implement({
  ...sub,
  fields: (t) => ({ item: t.field({ type: ItemRef, resolve: (o) => ({ id: o.itemId }) }), openedAt: t.exposeString('at') }),
});

builder.mutationType({ subGraphs: ['library'], defaultSubGraphsForFields: [] });
builder.mutationField('openLibraryItem', (t) =>
  t.field({
    ...sub,
    type: Opening,
    description: 'Open an item: checks access, then records a usage event',
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => {
      const oid = requireViewer(ctx);
      const id = String(args.id);
      if (!catalogue.itemById(id)) throw edusimError('BAD_USER_INPUT', `материал ${id} не найден в библиотеке ЦОК`);
      const access = accessFor(ctx, String(oid), null);
      if (!access.allowed) {
        throw edusimError(
          'FORBIDDEN',
          `Нет доступа к урокам ЦОК: ${access.checks
            .filter((c) => !c.passed)
            .map((c) => c.message)
            .join(' ')}`,
          { failedChecks: access.checks.filter((c) => !c.passed).map((c) => c.code) },
        );
      }
      const event = { oid, itemId: id, at: ctx.services.now().toISOString() };
      const usage = ctx.services.libraryUsage;
      usage.push(event);
      // The log keeps the newest USAGE_KEPT events (trimmed in batches, so a push stays O(1) on average).
      if (usage.length > 2 * USAGE_KEPT) usage.splice(0, usage.length - USAGE_KEPT);
      return { itemId: id, at: event.at };
    },
  }),
);
