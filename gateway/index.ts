/** gateway/ — the «Моя школа» gateway: HTTP server, CLI, configuration. */
export { createApp } from './app.ts';
export type { AppOptions, App } from './app.ts';
export { startServer } from './server.ts';
export type { RunningServer } from './server.ts';
export { resolveServerConfig, DEFAULT_PORT } from './config.ts';
export type { ServerConfig } from './config.ts';
export { main, buildProgram } from './cli/main.ts';
