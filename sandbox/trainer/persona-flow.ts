/**
 * The six-step «Моя школа» flow for a persona, as the cabinet would live it now: a token from the
 * sandbox's ESIA (as after a login through the demo client), then the cabinet's own GraphQL
 * question to the gateway, read into the cabinet's timeline. A person without an ESIA account
 * stops at the first step.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DEMO_CLIENT_ID } from '../../mocks/index.ts';
import { moscowDateOf, type Person } from '../../seeds/index.ts';
import { askGateway } from '../cabinet/data.ts';
import { flowSteps, type FlowStep } from '../cabinet/timeline.ts';
import { weekOf } from '../cabinet/week.ts';
import type { Sandbox } from '../sandbox.ts';

export interface PersonaFlow {
  readonly steps: readonly FlowStep[];
  /** The gateway call, ms (0 when there was none). */
  /** Null when nobody logged in, so no question reached the gateway. */
  readonly gatewayMs: number | null;
}

const NOT_RUN = 'не выполнялся: входа не было';

function noLogin(reason: string): PersonaFlow {
  const skipped = (title: string): FlowStep => ({ title, status: 'skipped', detail: NOT_RUN, latencyMs: null });
  return {
    steps: [
      { title: 'Вход через Госуслуги (ЕСИА)', status: 'failed', detail: reason, latencyMs: null },
      skipped('Согласие на передачу данных'),
      skipped('Запрос в ГИС РУО'),
      skipped('Регион, школа, класс, роль'),
      skipped('Дневник региона по oid из ЕСИА'),
      skipped('Оценки, домашние задания, расписание'),
    ],
    gatewayMs: null,
  };
}

/** The gateway's role header for a persona's role (none for a person without a membership). */
export function gatewayRole(accessRole: string | null, person: Person): string | null {
  if (accessRole !== null) return accessRole.toUpperCase();
  return person.memberships.some((m) => m.role === 'parent') ? 'PARENT' : null;
}

export async function personaFlow(app: FastifyInstance, request: FastifyRequest, sandbox: Sandbox, person: Person, role: string | null): Promise<PersonaFlow> {
  const oid = person.account?.oid;
  if (oid === undefined) return noLogin('У человека нет учётной записи на Госуслугах — войти нельзя.');
  const started = performance.now();
  const token = await sandbox.esia.mint(oid, DEMO_CLIENT_ID, 'openid fullname birthdate');
  const loginMs = Math.round(performance.now() - started);
  const answer = await askGateway(app, request, token.access_token, role, weekOf(undefined, moscowDateOf(sandbox.clock.now())));
  return { steps: flowSteps(answer, loginMs, oid), gatewayMs: answer.ms };
}
