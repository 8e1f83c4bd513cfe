/** How the admin API answers what went wrong: a status and one line naming the field and what is accepted. */
import type { FastifyReply } from 'fastify';
import { ConsentError } from '../../mocks/index.ts';
import { ClockError } from '../clock.ts';
import { RegistryError } from '../registry.ts';
import { ScenarioError } from '../scenarios.ts';
import { SpecError } from '../spec.ts';

const CODES: Record<number, string> = {
  400: 'bad_request',
  404: 'not_found',
  409: 'conflict',
  412: 'precondition_failed',
  413: 'too_large',
  415: 'unsupported_media_type',
  429: 'too_many',
};

/** A PUT whose `If-Match` names a version that is no longer current. */
export class StaleWriteError extends Error {
  override readonly name = 'StaleWriteError';
}

export function adminError(status: number, message: string): { status: number; body: { error: string; message: string } } {
  return { status, body: { error: CODES[status] ?? 'bad_request', message } };
}

/** Sends a known error as its 4xx; anything else is re-thrown (the server's error handler answers 500 without details). */
export function sendAdminError(reply: FastifyReply, error: unknown): FastifyReply {
  const status =
    error instanceof SpecError || error instanceof ClockError
      ? 400
      : error instanceof StaleWriteError
        ? 412
        : error instanceof RegistryError || error instanceof ScenarioError || error instanceof ConsentError
          ? error.status
          : null;
  if (status === null) throw error;
  const { body } = adminError(status, (error as Error).message);
  return reply.code(status).send(body);
}

/** Admin bodies are JSON only: a web page cannot send them by a plain form or `no-cors` fetch. */
export function jsonBodyProblem(contentType: string | undefined, body: unknown): string | null {
  if (body === undefined || body === null) return null;
  if (!(contentType ?? '').toLowerCase().startsWith('application/json'))
    return `Content-Type must be application/json, got ${JSON.stringify(contentType ?? 'none')}`;
  return null;
}
