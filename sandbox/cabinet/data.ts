/**
 * What the cabinet shows, asked from the «Моя школа» gateway exactly as a client would: GraphQL
 * through `app.inject` to the sandbox's `/graphql`, with the session's ESIA token, the chosen role
 * (`X-Edusim-Role`) and the flow trace (`X-Edusim-Trace: 1`).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { SANDBOX_HEADER } from '../../gateway/index.ts';
import type { TraceStep } from '../../schema/index.ts';
import { addressOf, sandboxOf } from '../http/routing.ts';

export const CABINET_QUERY = `query Cabinet($from: Date, $to: Date) {
  me {
    oid fullName birthDate childAccount
    children { oid fullName }
    registry { region { code name } memberships { role school { name address } class { name grade } } }
    diary(from: $from, to: $to) {
      region platform
      entries { school className student studentOid lessons { date start subject topic homework classroom attendance marks { value weight kind } } }
    }
    lessonAccess { allowed checks { code passed message fix } }
  }
}`;

export interface Mark {
  readonly value: string;
  readonly weight: number | null;
  readonly kind: string | null;
}
export interface Lesson {
  readonly date: string;
  readonly start: string;
  readonly subject: string;
  readonly topic: string | null;
  readonly homework: string | null;
  readonly classroom: string | null;
  readonly attendance: string | null;
  readonly marks: readonly Mark[] | null;
}
export interface DiaryEntry {
  readonly school: string;
  readonly className: string;
  readonly student: string | null;
  readonly studentOid: string | null;
  readonly lessons: readonly Lesson[];
}
export interface Membership {
  readonly role: string;
  readonly school: { readonly name: string; readonly address: string } | null;
  readonly class: { readonly name: string; readonly grade: number } | null;
}
export interface LessonAccess {
  readonly allowed: boolean | null;
  readonly checks:
    readonly { readonly code: string | null; readonly passed: boolean | null; readonly message: string | null; readonly fix: string | null }[] | null;
}
export interface Me {
  readonly oid: string;
  readonly fullName: string;
  readonly birthDate: string | null;
  readonly childAccount: boolean | null;
  readonly children: readonly { readonly oid: string; readonly fullName: string }[] | null;
  readonly registry: { readonly region: { readonly code: string; readonly name: string }; readonly memberships: readonly Membership[] } | null;
  readonly diary: { readonly region: string; readonly platform: string; readonly entries: readonly DiaryEntry[] } | null;
  readonly lessonAccess?: LessonAccess | null;
}
export interface GraphQLProblem {
  readonly message: string;
  readonly path?: readonly (string | number)[];
  readonly extensions?: { readonly code?: string; readonly [key: string]: unknown };
}
export type { TraceStep };
export interface CabinetAnswer {
  readonly status: number;
  readonly me: Me | null;
  readonly errors: readonly GraphQLProblem[];
  readonly trace: readonly TraceStep[];
  /** The whole gateway call, ms. */
  readonly ms: number;
}

/** A GraphQL answer as the cabinet reads it: the data (or null), errors, the flow trace and the call's time. */
export interface GatewayAnswer<T> {
  readonly status: number;
  readonly data: T | null;
  readonly errors: readonly GraphQLProblem[];
  readonly trace: readonly TraceStep[];
  /** The whole gateway call, ms. */
  readonly ms: number;
}

/** One GraphQL operation against the request's sandbox gateway, as the session's person in `role`. */
export async function askGraphQL<T>(
  app: FastifyInstance,
  request: FastifyRequest,
  token: string,
  role: string | null,
  query: string,
  variables: Record<string, unknown>,
): Promise<GatewayAnswer<T>> {
  const prefix = addressOf(request).prefix;
  const started = performance.now();
  const answer = await app.inject({
    method: 'POST',
    url: `${prefix}/graphql`,
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${token}`,
      'x-edusim-trace': '1',
      host: request.headers.host ?? 'localhost',
      ...(role ? { 'x-edusim-role': role } : {}),
      ...(prefix ? {} : { [SANDBOX_HEADER]: sandboxOf(request).id }),
    },
    payload: JSON.stringify({ query, variables }),
  });
  const ms = Math.round(performance.now() - started);
  let body: { data?: T | null; errors?: GraphQLProblem[]; extensions?: { trace?: TraceStep[] } };
  try {
    body = answer.json();
  } catch {
    body = { errors: [{ message: `«Моя школа» ответила не JSON (HTTP ${answer.statusCode})` }] };
  }
  return { status: answer.statusCode, data: body.data ?? null, errors: body.errors ?? [], trace: body.extensions?.trace ?? [], ms };
}

export async function askGateway(
  app: FastifyInstance,
  request: FastifyRequest,
  token: string,
  role: string | null,
  week: { from: string; to: string },
): Promise<CabinetAnswer> {
  const answer = await askGraphQL<{ me?: Me | null }>(app, request, token, role, CABINET_QUERY, week);
  return { status: answer.status, me: answer.data?.me ?? null, errors: answer.errors, trace: answer.trace, ms: answer.ms };
}
