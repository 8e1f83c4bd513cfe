/** `npm run compose`: writes schema/supergraph.graphql from the subgraphs' code. */
import { writeFileSync } from 'node:fs';
import { composeSupergraph, SUPERGRAPH_FILE } from './supergraph.ts';

writeFileSync(SUPERGRAPH_FILE, composeSupergraph());
process.stdout.write(`wrote ${SUPERGRAPH_FILE.pathname}\n`);
