/** What every page of the cabinet needs from its request: the sandbox prefix, this page's address, large type. */
import type { FastifyRequest } from 'fastify';
import { addressOf } from '../http/routing.ts';
import { largeTypeOf } from './large-type.ts';

export interface PageContext {
  /** `/sandboxes/<id>` or '' for the default sandbox. */
  readonly prefix: string;
  /** This page's path and query, prefix included (where the large-type toggle comes back to). */
  readonly here: string;
  readonly largeType: boolean;
}

export function pageContextOf(request: FastifyRequest): PageContext {
  const prefix = addressOf(request).prefix;
  return { prefix, here: `${prefix}${request.url}`, largeType: largeTypeOf(request) };
}
