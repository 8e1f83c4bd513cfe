/**
 * The control surface — the admin API, the simulators' `/sim` controls, diary faults, the world's
 * people and state — is the operator's. With an admin token configured (`--admin-token`, or
 * EDUSIM_ADMIN_TOKEN), a control request needs `X-Edusim-Admin-Token`, or, for one sandbox's own
 * controls, that sandbox's `X-Edusim-Secret` (returned when it was created). Without a token the
 * surface is open (the server binds 127.0.0.1 unless told otherwise, and warns when it does not).
 */
import { timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { decodeOrKeep } from '../../gateway/index.ts';
import { addressOf, sandboxOf } from './routing.ts';

export const ADMIN_TOKEN_HEADER = 'x-edusim-admin-token';
export const SECRET_HEADER = 'x-edusim-secret';

type Control = { readonly scope: 'host' } | { readonly scope: 'sandbox'; readonly id: string | null } | null;

/** Which control a path is: the host's, a named sandbox's, the request's sandbox's, or none. */
export function controlOf(path: string): Control {
  const pathname = path.split('?')[0] ?? '';
  if (pathname === '/_edusim/sandboxes') return { scope: 'host' };
  const own = /^\/_edusim\/sandboxes\/([^/]+)(\/|$)/.exec(pathname);
  if (own) return { scope: 'sandbox', id: decodeOrKeep(own[1] ?? '') };
  if (/^\/(_edusim|admin)\/(state|world|personas|people)(\/|$)/.test(pathname)) return { scope: 'sandbox', id: null };
  if (/^\/esia\/sim\/(?!session$)/.test(pathname)) return { scope: 'sandbox', id: null };
  if (/^\/diary\/\d{2}\/sim\//.test(pathname)) return { scope: 'sandbox', id: null };
  return null;
}

function same(given: string | string[] | undefined, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The `onRequest` check (after the sandbox is resolved); `secretOf` finds a named sandbox's secret. */
export function controlGuard(adminToken: string | null, secretOf: (id: string) => Promise<string | undefined>) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    if (adminToken === null) return;
    const control = controlOf(request.url);
    if (control === null || same(request.headers[ADMIN_TOKEN_HEADER], adminToken)) return;
    if (control.scope === 'sandbox') {
      const secret = control.id === null ? sandboxOf(request).secret : await secretOf(control.id);
      if (secret !== undefined && same(request.headers[SECRET_HEADER], secret)) return;
    }
    const what = control.scope === 'host' ? 'this control' : `the controls of sandbox "${control.id ?? addressOf(request).id}"`;
    await reply.code(401).send({
      error: 'unauthorized',
      message: `${request.method} ${request.url}: ${what} need the operator's ${ADMIN_TOKEN_HEADER}${control.scope === 'sandbox' ? ` or the sandbox's ${SECRET_HEADER} (returned when it was created)` : ''}`,
    });
  };
}
