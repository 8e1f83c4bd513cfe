/**
 * Composition of the four subgraphs into the Federation 2 supergraph (@apollo/composition).
 * `schema/supergraph.graphql` is the committed result (`npm run compose`); a test fails when it
 * drifts from the code. Not loaded when serving: the engines read the committed file.
 */
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { subgraphSdl } from './index.ts';
import { SUBGRAPH_NAMES } from './builder.ts';

/** Subgraph URLs in the supergraph are placeholders; engines route by subgraph name. */
export function composeSupergraph(): string {
  const result = composeServices(SUBGRAPH_NAMES.map((name) => ({ name, url: `http://${name}.edusim.internal/graphql`, typeDefs: parse(subgraphSdl(name)) })));
  if (result.errors || !result.supergraphSdl)
    throw new Error(`[edusim] supergraph composition failed: ${(result.errors ?? []).map((e) => e.message).join('; ')}`);
  return result.supergraphSdl;
}
