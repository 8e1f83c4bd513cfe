/**
 * Which sandbox a request is for. The `/sandboxes/<id>` path prefix is taken off before routing
 * (Fastify's `rewriteUrl`), so every route serves every sandbox; the header names one too. The
 * resolved sandbox and the base URL in the form the request came in with ride on the request.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sandboxAddress, SANDBOX_HEADER, type SandboxAddress } from '../../gateway/index.ts';
import { prefersHtml } from '../../mocks/index.ts';
import type { SandboxRegistry } from '../registry.ts';
import { HOW_TO_CREATE } from '../registry.ts';
import type { Sandbox } from '../sandbox.ts';
import { unknownSandboxPage } from '../pages/unknown-sandbox.ts';

const ADDRESS = Symbol('edusim.sandboxAddress');
const RESOLVED = Symbol('edusim.sandbox');

type Tagged = { [ADDRESS]?: SandboxAddress; [RESOLVED]?: Sandbox };

/** For Fastify's `rewriteUrl`: notes the sandbox the raw request names and returns the URL to route. */
export function rewriteSandboxUrl(raw: { url?: string; headers: Record<string, string | string[] | undefined> }): string {
  const address = sandboxAddress(raw.url ?? '/', raw.headers[SANDBOX_HEADER]);
  (raw as Tagged)[ADDRESS] = address;
  return address.url;
}

export function addressOf(request: FastifyRequest): SandboxAddress {
  return (request.raw as Tagged)[ADDRESS] ?? sandboxAddress(request.url, request.headers[SANDBOX_HEADER]);
}

/** The sandbox's base URL as the request came in: origin plus `/sandboxes/<id>` if it came with the prefix. */
export function baseUrlOf(request: FastifyRequest): string {
  return `${request.protocol}://${request.headers.host ?? 'localhost'}${addressOf(request).prefix}`;
}

/** The sandbox resolved for this request (by the `onRequest` hook). */
export function sandboxOf(request: FastifyRequest): Sandbox {
  const sandbox = (request.raw as Tagged)[RESOLVED];
  if (!sandbox) throw new Error('[edusim] no sandbox was resolved for this request');
  return sandbox;
}

/** Paths that belong to the host, not to a sandbox. */
const HOST_PATHS = /^\/(health|_edusim\/sandboxes|_edusim\/scenarios)(\/|\?|$)/;

/** The `onRequest` hook: resolves the sandbox, refusing an unknown one with 404 and how to create it. */
export function sandboxResolver(registry: SandboxRegistry) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const address = addressOf(request);
    if (address.prefix === '' && HOST_PATHS.test(request.url)) return;
    const sandbox = await registry.resolve(address.id);
    if (!sandbox) {
      // A person in a browser gets a page saying how to create it; API clients keep the JSON.
      if (request.method === 'GET' && prefersHtml(request.headers.accept))
        await reply.code(404).type('text/html; charset=utf-8').send(unknownSandboxPage(address.id));
      else await reply.code(404).send({ error: 'unknown_sandbox', message: `no sandbox "${address.id}"; ${HOW_TO_CREATE}` });
      return;
    }
    registry.touch(sandbox);
    (request.raw as Tagged)[RESOLVED] = sandbox;
  };
}
