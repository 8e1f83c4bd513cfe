/**
 * What a person sees when a cabinet page cannot be shown: what happened and what to do, in
 * Russian, never a stack trace. `pageRoute` wraps a page handler so that anything it throws ends
 * here (and in the server log), not in the JSON error handler.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { markup } from '../pages/html.ts';
import { layout } from './layout.ts';
import { pageContextOf, type PageContext } from './page-context.ts';

export function errorPage(context: PageContext, title: string, todo: string): string {
  return layout(
    context,
    title,
    markup`<section class="card"><h1>${title}</h1><div class="error" role="alert">${todo}</div>
<p><a class="button secondary" href="${context.prefix}/">На главную «Моей школы»</a></p></section>`,
  );
}

export function sendPage(reply: FastifyReply, status: number, html: string): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
}

type Handler<R extends FastifyRequest> = (request: R, reply: FastifyReply) => Promise<unknown>;

export function pageRoute<R extends FastifyRequest>(handler: Handler<R>): Handler<R> {
  return async (request, reply) => {
    try {
      return await handler(request, reply);
    } catch (error) {
      request.log.error({ err: error }, 'cabinet page failed');
      return sendPage(
        reply,
        500,
        errorPage(
          pageContextOf(request),
          'Страница не открылась',
          'На стенде произошла ошибка. Обновите страницу; если не помогло, вернитесь на главную и войдите заново.',
        ),
      );
    }
  };
}
