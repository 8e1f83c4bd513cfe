/**
 * The committed supergraph (`schema/supergraph.graphql`), what the reference engine runs: read
 * from the file rather than composed at start, so serving needs no @apollo/composition. A test
 * composes the subgraphs again and fails when the file drifts from the code (`npm run compose`).
 */
import { readFileSync } from 'node:fs';

export const SUPERGRAPH_FILE = new URL('./supergraph.graphql', import.meta.url);

let cached: string | undefined;

export function supergraphSdl(): string {
  cached ??= readFileSync(SUPERGRAPH_FILE, 'utf8');
  return cached;
}
