/** Who is looking at a cabinet page: the session's person, their roles in ГИС РУО, and the role chosen (`?role=`). */
import type { FastifyRequest } from 'fastify';
import type { Person } from '../../seeds/index.ts';
import { sandboxOf } from '../http/routing.ts';
import { sessionOf, type CabinetSession } from './sessions.ts';

const ROLE_OF: Record<string, string> = { pupil: 'PUPIL', parent: 'PARENT', teacher: 'TEACHER', administrator: 'ADMINISTRATOR' };

export interface Viewer {
  readonly session: CabinetSession;
  readonly person: Person | undefined;
  /** The person's roles as the gateway names them (PUPIL, PARENT, TEACHER, ADMINISTRATOR). */
  readonly roles: readonly string[];
  /** The role asked for if it is theirs; their only role; else null (they have to choose). */
  readonly role: string | null;
}

export function viewerOf(request: FastifyRequest, askedRole: string | undefined): Viewer | null {
  const sandbox = sandboxOf(request);
  const session = sessionOf(sandbox, request.headers.cookie);
  if (!session) return null;
  const person = sandbox.world.personByOid(session.oid);
  const roles = [...new Set((person?.memberships ?? []).map((m) => ROLE_OF[m.role]).filter((r): r is string => r !== undefined))];
  const role = askedRole && roles.includes(askedRole) ? askedRole : roles.length === 1 ? (roles[0] ?? null) : null;
  return { session, person, roles, role };
}
