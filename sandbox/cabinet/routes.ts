/**
 * The «Моя школа» cabinet at `/` of every sandbox: the front page before a login, the cabinet
 * after it (see login-routes.ts for the login itself).
 */
import type { FastifyInstance } from 'fastify';
import { moscowDateOf } from '../../seeds/index.ts';
import { addressOf, baseUrlOf, sandboxOf } from '../http/routing.ts';
import { cabinetPage } from './cabinet-page.ts';
import { askGateway } from './data.ts';
import { landingPage } from './landing.ts';
import { cabinetLink, type View } from './links.ts';
import { cookiePath, registerLoginRoutes } from './login-routes.ts';
import { closeSession, cookie, cookieName, sessionOf } from './sessions.ts';
import { flowSteps } from './timeline.ts';
import { weekOf } from './week.ts';

const ROLE_OF: Record<string, string> = { pupil: 'PUPIL', parent: 'PARENT', teacher: 'TEACHER', administrator: 'ADMINISTRATOR' };

export function registerCabinet(app: FastifyInstance): void {
  registerLoginRoutes(app);
  app.get<{ Querystring: Record<string, string | undefined> }>('/', async (request, reply) => {
    const sandbox = sandboxOf(request);
    const prefix = addressOf(request).prefix;
    void reply.type('text/html; charset=utf-8').header('cache-control', 'no-store');
    const session = sessionOf(sandbox, request.headers.cookie);
    if (!session) return reply.send(landingPage(prefix));
    const person = sandbox.world.personByOid(session.oid);
    const roles = [...new Set((person?.memberships ?? []).map((m) => ROLE_OF[m.role]).filter((r): r is string => r !== undefined))];
    const askedRole = request.query['role'];
    const role = askedRole && roles.includes(askedRole) ? askedRole : roles.length === 1 ? (roles[0] ?? null) : null;
    const week = weekOf(request.query['week'], moscowDateOf(sandbox.clock.now()));
    const answer = await askGateway(app, request, session.accessToken, role, week);
    if (answer.errors.some((e) => e.extensions?.code === 'UNAUTHENTICATED')) {
      closeSession(sandbox, request.headers.cookie);
      return reply
        .header('set-cookie', cookie(cookieName(sandbox), '', cookiePath(request), 0))
        .send(landingPage(prefix, 'Сеанс входа закончился (маркер доступа ЕСИА истёк или отозван). Войдите через Госуслуги ещё раз.'));
    }
    const children = answer.me?.children ?? [];
    const askedChild = request.query['child'];
    const child = role === 'PARENT' ? (children.find((c) => c.oid === askedChild)?.oid ?? children[0]?.oid ?? null) : null;
    const view: View = { role, child, week: week.from };
    return reply.send(
      cabinetPage({
        prefix,
        view,
        week,
        answer,
        roles,
        steps: flowSteps(answer, session.loginMs, session.oid),
        consent: { sandbox, viewerOid: session.oid, prefix, baseUrl: baseUrlOf(request), back: cabinetLink(prefix, view) },
      }),
    );
  });
}
