/**
 * schema/ — the GraphQL subgraphs (identity, registry, diary, library), built with Pothos on one
 * builder: `subgraphSchema(name)` is a Federation 2 subgraph; `wholeSchema()` is every subgraph's
 * fields in one executable schema, for the in-process engine.
 */
import { printSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLSchema } from 'graphql';
import { builder, SUBGRAPH_NAMES, type SubgraphName } from './builder.ts';
import './person.ts';
import './identity/schema.ts';
import './registry/schema.ts';
import './diary/schema.ts';
import './library/schema.ts';

export { SUBGRAPH_NAMES } from './builder.ts';
export type { SubgraphName } from './builder.ts';
export type { RequestContext, Services, Viewer, Role, TraceStep } from './context.ts';
export { ROLES } from './context.ts';
export { edusimError } from './errors.ts';
export type { EdusimErrorCode } from './errors.ts';
export { createDiaryClient, DEFAULT_TIMEOUT_MS, networkExchange } from './diary/diary-client.ts';
export type { DiaryClient, DiaryEndpoint, DiaryResult, HttpExchange } from './diary/diary-client.ts';
export { TRACE_ID_HEADER } from './diary/diary-client.ts';

const subgraphs = new Map<SubgraphName, GraphQLSchema>();
let whole: GraphQLSchema | undefined;

export function subgraphSchema(name: SubgraphName): GraphQLSchema {
  let schema = subgraphs.get(name);
  if (!schema) {
    schema = builder.toSubGraphSchema({ subGraph: name, linkUrl: 'https://specs.apollo.dev/federation/v2.6', federationDirectives: ['@key'] });
    subgraphs.set(name, schema);
  }
  return schema;
}

export function subgraphSdl(name: SubgraphName): string {
  return printSubgraphSchema(subgraphSchema(name));
}

export function wholeSchema(): GraphQLSchema {
  whole ??= builder.toSchema();
  return whole;
}

export const SUBGRAPHS: readonly SubgraphName[] = SUBGRAPH_NAMES;
export { SUPERGRAPH_FILE, supergraphSdl } from './supergraph-file.ts';
