/**
 * Mercurius serialises its answers through a response schema that types every error `path`
 * entry as a string, so list indexes leave as "0". The GraphQL spec (§7.1.2 Errors, "path") wants
 * list indexes as integers, and a federation gateway maps a subgraph's errors back by them. A
 * Fastify scope that serves GraphQL writes its answers with JSON.stringify instead, as graphql-js
 * gives them.
 */
import type { FastifyInstance } from 'fastify';

export function serializeAsGraphqlJs(scope: FastifyInstance): void {
  scope.setSerializerCompiler(() => (data) => JSON.stringify(data));
}
