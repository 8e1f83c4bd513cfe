/**
 * The «Моя школа» cabinet at `/` of every sandbox: the front page before a login, the cabinet
 * after it (see login-routes.ts for the login itself, library-routes.ts for the ЦОК library).
 */
import type { FastifyInstance } from 'fastify';
import { moscowDateOf } from '../../seeds/index.ts';
import { addressOf, baseUrlOf, sandboxOf } from '../http/routing.ts';
import { cabinetPage } from './cabinet-page.ts';
import { askGateway } from './data.ts';
import { landingPage } from './landing.ts';
import { registerLargeType } from './large-type.ts';
import { registerLibrary } from './library-routes.ts';
import { cabinetLink, type View } from './links.ts';
import { cookiePath, registerLoginRoutes } from './login-routes.ts';
import { pageContextOf } from './page-context.ts';
import { closeSession, cookie, cookieName } from './sessions.ts';
import { flowSteps } from './timeline.ts';
import { viewerOf } from './viewer.ts';
import { weekOf } from './week.ts';

export function registerCabinet(app: FastifyInstance): void {
  registerLoginRoutes(app);
  registerLargeType(app, (request) => addressOf(request).prefix);
  registerLibrary(app);
  app.get<{ Querystring: Record<string, string | undefined> }>('/', async (request, reply) => {
    const sandbox = sandboxOf(request);
    const context = pageContextOf(request);
    const prefix = context.prefix;
    void reply.type('text/html; charset=utf-8').header('cache-control', 'no-store');
    const viewer = viewerOf(request, request.query['role']);
    if (!viewer) return reply.send(landingPage(context));
    const { session, roles, role } = viewer;
    const week = weekOf(request.query['week'], moscowDateOf(sandbox.clock.now()));
    const answer = await askGateway(app, request, session.accessToken, role, week);
    if (answer.errors.some((e) => e.extensions?.code === 'UNAUTHENTICATED')) {
      closeSession(sandbox, request.headers.cookie);
      return reply
        .header('set-cookie', cookie(cookieName(sandbox), '', cookiePath(request), 0))
        .send(landingPage(context, 'Сеанс входа закончился (маркер доступа ЕСИА истёк или отозван). Войдите через Госуслуги ещё раз.'));
    }
    const children = answer.me?.children ?? [];
    const askedChild = request.query['child'];
    const child = role === 'PARENT' ? (children.find((c) => c.oid === askedChild)?.oid ?? children[0]?.oid ?? null) : null;
    const view: View = { role, child, week: week.from };
    return reply.send(
      cabinetPage({
        context,
        view,
        today: moscowDateOf(sandbox.clock.now()),
        week,
        answer,
        roles,
        steps: flowSteps(answer, session.loginMs, session.oid),
        consent: { sandbox, viewerOid: session.oid, prefix, baseUrl: baseUrlOf(request), back: cabinetLink(prefix, view) },
      }),
    );
  });
}
