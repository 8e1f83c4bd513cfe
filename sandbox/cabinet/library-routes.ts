/**
 * The ЦОК library pages of the cabinet: `GET /library` (browse and search, from the library
 * subgraph through the gateway), `GET /library/<id>` (the item and its access check),
 * `POST /library/<id>/open` (`openLibraryItem`, then back to the item with the outcome).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ageOn, Catalogue, moscowDateOf } from '../../seeds/index.ts';
import { sandboxOf } from '../http/routing.ts';
import { askGraphQL, type LessonAccess, type Me } from './data.ts';
import { errorPage, pageRoute, sendPage } from './error-page.ts';
import { landingPage } from './landing.ts';
import { safeBack } from './large-type.ts';
import { ITEM_ACCESS_QUERY, LIBRARY_QUERY, OPEN_ITEM_MUTATION, PAGE_SIZE, type LibraryAnswer } from './library-data.ts';
import { libraryItemPage, type OpenOutcome } from './library-item-page.ts';
import { libraryItemLink, libraryLink, type LibraryView } from './library-links.ts';
import { libraryPage } from './library-page.ts';
import { pageContextOf } from './page-context.ts';
import { viewerOf } from './viewer.ts';

type Query = { Querystring: Record<string, string | undefined> };
type ItemRequest = FastifyRequest<Query & { Params: { id: string } }>;

const catalogue = new Catalogue();
const CURSOR = /^[\w-]{1,24}$/;
const LOGIN_FIRST = 'Библиотека ЦОК открывается после входа: войдите через Госуслуги.';

/** The browse choices from the query; what cannot be used is named in Russian and left out. */
function libraryViewOf(query: Record<string, string | undefined>, role: string | null): { view: LibraryView; problem: string | null } {
  const problems: string[] = [];
  const gradeText = query['grade'] ?? '';
  const grade = /^\d{1,2}$/.test(gradeText) && Number(gradeText) >= 1 && Number(gradeText) <= 11 ? Number(gradeText) : null;
  if (gradeText && grade === null) problems.push(`Класс «${gradeText}» не подходит: выберите класс от 1 до 11. Показаны все классы.`);
  const trail = (query['pages'] ?? '').split('.').filter(Boolean);
  const trailOk = trail.every((c) => CURSOR.test(c));
  if (!trailOk) problems.push('Ссылка на страницу списка повреждена: показана первая страница.');
  return {
    view: { role, subject: query['subject'] || null, grade, search: (query['q'] ?? '').trim(), trail: trailOk ? trail : [] },
    problem: problems.length ? problems.join(' ') : null,
  };
}

export function registerLibrary(app: FastifyInstance): void {
  app.get<Query>(
    '/library',
    pageRoute(async (request: FastifyRequest<Query>, reply) => {
      const context = pageContextOf(request);
      const viewer = viewerOf(request, request.query['role']);
      if (!viewer) return sendPage(reply, 200, landingPage(context, LOGIN_FIRST));
      const { view, problem } = libraryViewOf(request.query, viewer.role);
      const answer = await askGraphQL<LibraryAnswer>(app, request, viewer.session.accessToken, viewer.role, LIBRARY_QUERY, {
        subject: view.subject,
        grade: view.grade,
        search: view.search || null,
        after: view.trail.at(-1) ?? null,
        first: PAGE_SIZE,
      });
      return sendPage(reply, 200, libraryPage({ context, view, answer: answer.data, errors: answer.errors, inputProblem: problem }));
    }),
  );

  app.get<Query & { Params: { id: string } }>(
    '/library/:id',
    pageRoute(async (request: ItemRequest, reply) => {
      const context = pageContextOf(request);
      const viewer = viewerOf(request, request.query['role']);
      if (!viewer) return sendPage(reply, 200, landingPage(context, LOGIN_FIRST));
      const item = catalogue.itemById(request.params.id);
      const back = safeBack(request.query['back'], libraryLink(context.prefix, { role: viewer.role }));
      if (!item)
        return sendPage(
          reply,
          404,
          errorPage(
            context,
            'Материал не найден',
            `В библиотеке ЦОК нет материала с кодом «${request.params.id}». Коды выглядят как MAT-05-0042; найдите материал через поиск библиотеки.`,
          ),
        );
      const answer = await askGraphQL<{ me?: Me | null }>(app, request, viewer.session.accessToken, viewer.role, ITEM_ACCESS_QUERY, {});
      const me = answer.data?.me;
      const today = moscowDateOf(sandboxOf(request).clock.now());
      const done = request.query['done'];
      const outcome: OpenOutcome = done === 'opened' || done === 'refused' ? done : null;
      const access: LessonAccess | null = me?.lessonAccess ?? null;
      return sendPage(
        reply,
        200,
        libraryItemPage({
          context,
          item,
          role: viewer.role,
          access,
          age: me?.birthDate ? ageOn(me.birthDate, today) : null,
          errors: answer.errors,
          back,
          outcome,
        }),
      );
    }),
  );

  app.post<{ Params: { id: string } }>(
    '/library/:id/open',
    pageRoute(async (request: FastifyRequest<{ Params: { id: string } }>, reply) => {
      const context = pageContextOf(request);
      const form = new URLSearchParams(typeof request.body === 'string' ? request.body : '');
      const viewer = viewerOf(request, form.get('role') || undefined);
      if (!viewer) return sendPage(reply, 200, landingPage(context, LOGIN_FIRST));
      const answer = await askGraphQL<{ openLibraryItem?: unknown }>(app, request, viewer.session.accessToken, viewer.role, OPEN_ITEM_MUTATION, {
        id: request.params.id,
      });
      const outcome = answer.data?.openLibraryItem ? 'opened' : 'refused';
      const itemPage = libraryItemLink(context.prefix, request.params.id, viewer.role, form.get('back') ?? undefined);
      return reply.header('cache-control', 'no-store').redirect(`${itemPage}${itemPage.includes('?') ? '&' : '?'}done=${outcome}`, 303);
    }),
  );
}
