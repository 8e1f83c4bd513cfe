/**
 * A form posted to the request's own sandbox's ESIA token endpoint, in-process: what the cabinet's
 * `/callback` and the workbench's callback page do with a code, so the exchange is served, checked
 * and journaled as any client's would be.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { SANDBOX_HEADER } from '../../gateway/index.ts';
import type { Sandbox } from '../sandbox.ts';
import { addressOf } from './routing.ts';

export interface TokenAnswer {
  readonly status: number;
  /** The JSON answer, or `{error: 'not_json', error_description}` when the endpoint answered otherwise. */
  readonly body: Record<string, unknown>;
}

export async function postToOwnTokenEndpoint(
  app: FastifyInstance,
  request: FastifyRequest,
  sandbox: Sandbox,
  form: Record<string, string>,
): Promise<TokenAnswer> {
  const prefix = addressOf(request).prefix;
  const answer = await app.inject({
    method: 'POST',
    url: `${prefix}/esia/aas/oauth2/v3/te`,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      host: request.headers.host ?? 'localhost',
      ...(prefix ? {} : { [SANDBOX_HEADER]: sandbox.id }),
    },
    payload: new URLSearchParams(form).toString(),
  });
  try {
    const parsed: unknown = answer.json();
    if (typeof parsed === 'object' && parsed !== null) return { status: answer.statusCode, body: parsed as Record<string, unknown> };
  } catch {
    // not JSON: said below
  }
  return { status: answer.statusCode, body: { error: 'not_json', error_description: answer.body.slice(0, 200) } };
}
