import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SUPERGRAPH_FILE, subgraphSdl } from './index.ts';
import { composeSupergraph } from './supergraph.ts';

describe('the supergraph', () => {
  it('is committed exactly as the subgraphs compose today (run `npm run compose` after changing a subgraph)', () => {
    expect(readFileSync(SUPERGRAPH_FILE, 'utf8')).toBe(composeSupergraph());
  });

  it('keys Person by oid in every subgraph', () => {
    for (const name of ['identity', 'registry', 'diary', 'library'] as const) {
      expect(subgraphSdl(name)).toContain('type Person\n  @key(fields: "oid")');
    }
  });
});
