/**
 * `edusim` — the package's root entry: the sandbox host as a library.
 */
export { createApp, startServer, resolveServerConfig } from './sandbox/index.ts';
export { createWorld } from './seeds/index.ts';
