/** schema/ — GraphQL subgraphs (identity, registry, diary, library). None has landed yet (issue 4). */
export const SUBGRAPHS: readonly string[] = [];
