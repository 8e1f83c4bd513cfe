/** `npm run compose`: writes schema/supergraph.graphql from the subgraphs' code. */
import { writeFileSync } from 'node:fs';
import { SUPERGRAPH_FILE } from './supergraph-file.ts';
import { composeSupergraph } from './supergraph.ts';

writeFileSync(SUPERGRAPH_FILE, composeSupergraph());
process.stdout.write(`wrote ${SUPERGRAPH_FILE.pathname}\n`);
