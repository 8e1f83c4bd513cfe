/**
 * `edusim` — the package's root entry: the sandbox host as a library.
 */
export { createApp, startServer, resolveServerConfig, childAccountShare, IndicatorInputError } from './sandbox/index.ts';
export type { ChildAccountCounts, ChildAccountShare, IndicatorGrade } from './sandbox/index.ts';
export { createWorld } from './seeds/index.ts';
