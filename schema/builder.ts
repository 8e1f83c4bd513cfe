/**
 * The one Pothos builder every subgraph registers on. Each field says which subgraph owns it
 * (sub-graph plugin); `toSubGraphSchema({ subGraph })` emits one Federation 2 subgraph, and
 * `toSchema()` the whole graph for the in-process engine — the same resolvers either way.
 */
// Kept in the emitted .d.ts (the import below is not): it declares the global PothosSchemaTypes the types here use.
import '@pothos/core';
import SchemaBuilder from '@pothos/core';
import DirectivesPlugin from '@pothos/plugin-directives';
import FederationPlugin from '@pothos/plugin-federation';
import SubGraphPlugin from '@pothos/plugin-sub-graph';
import type { RequestContext } from './context.ts';

export type SubgraphName = 'identity' | 'registry' | 'diary' | 'library';
export const SUBGRAPH_NAMES: readonly SubgraphName[] = ['identity', 'registry', 'diary', 'library'];

export const builder = new SchemaBuilder<{
  Context: RequestContext;
  SubGraphs: SubgraphName;
  Scalars: { Date: { Input: string; Output: string } };
}>({
  // SubGraphPlugin last: its afterBuild (filtering) must run before the directives plugin mocks AST nodes.
  plugins: [DirectivesPlugin, FederationPlugin, SubGraphPlugin],
  // Entity types reached only through _entities must stay in their subgraph: include every type the subgraph owns.
  subGraphs: { defaultForTypes: [], fieldsInheritFromTypes: true, explicitlyIncludeType: () => true },
});

builder.scalarType('Date', {
  subGraphs: ['identity', 'registry', 'diary', 'library'],
  description: 'A calendar date, YYYY-MM-DD',
  serialize: (value) => value,
  parseValue: (value) => {
    if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
      throw new TypeError(`Date ${JSON.stringify(value)} is not valid: expected YYYY-MM-DD`);
    }
    return value;
  },
});

/** The entity every subgraph extends: a person, keyed by ESIA oid. Resolvers need only the oid. */
export interface PersonKey {
  readonly oid: string;
}

export const PersonRef = builder.objectRef<PersonKey>('Person');
