/**
 * Large type for projectors: a toggle link (`GET /large-type?on=1&back=…`) sets a cookie for the
 * whole host (Path=/), so the cabinet, the library, the indicators and ESIA's login page (which
 * reads it in the browser) all keep the choice until it is switched off.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { readCookie } from './sessions.ts';

export const LARGE_TYPE_COOKIE = 'edusim_large_type';
const YEAR_S = 365 * 86_400;

export function largeTypeOf(request: FastifyRequest): boolean {
  return readCookie(request.headers.cookie, LARGE_TYPE_COOKIE) === '1';
}

/** Where to go back to: a path on this host only (never another origin). */
export function safeBack(back: string | undefined, fallback: string): string {
  return back && back.startsWith('/') && !back.startsWith('//') && !back.includes('\\') ? back : fallback;
}

export function registerLargeType(app: FastifyInstance, prefixOf: (request: FastifyRequest) => string): void {
  app.get<{ Querystring: Record<string, string | undefined> }>('/large-type', async (request, reply) => {
    const on = request.query['on'] === '1';
    return reply
      .header('set-cookie', `${LARGE_TYPE_COOKIE}=${on ? '1' : '0'}; Path=/; SameSite=Lax; Max-Age=${on ? YEAR_S : 0}`)
      .header('cache-control', 'no-store')
      .redirect(safeBack(request.query['back'], `${prefixOf(request)}/`), 303);
  });
}
