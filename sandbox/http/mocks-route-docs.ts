/**
 * The route declarations of mocks/ that the host needs: the declaration type and helpers
 * (`mocks/http/route-doc.ts`). TEMPORARY deep import, until `mocks/index.ts` exports them (one line
 * there: `export * from './http/route-doc.ts';`), after which this file re-exports from
 * `../../mocks/index.ts` instead and the eslint exception goes.
 */
// eslint-disable-next-line no-restricted-imports
export * from '../../mocks/http/route-doc.ts';
