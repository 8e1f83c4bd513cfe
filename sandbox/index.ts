/**
 * sandbox/ — the host: sandboxes (world, state, clock, ESIA, consents, diaries, gateway services)
 * composed and kept in a registry, the HTTP server with its admin API and pages, the
 * configuration and the CLI.
 */
export { createApp } from './http/app.ts';
export type { AppOptions, App } from './http/app.ts';
export { startServer } from './http/server.ts';
export type { RunningServer } from './http/server.ts';
export { resolveServerConfig, DEFAULT_PORT } from './config.ts';
export type { ServerConfig } from './config.ts';
export { main, buildProgram } from './cli/main.ts';
export { Sandbox } from './sandbox.ts';
export type { SandboxInfo, HostSettings } from './sandbox.ts';
export { SandboxRegistry } from './registry.ts';
export { SandboxClock } from './clock.ts';
export type { ClockState, ClockView } from './clock.ts';
export { MemoryStore, FileStore } from './store.ts';
export type { SandboxStore, SandboxRecord } from './store.ts';
export { SCENARIOS, applyScenario } from './scenarios.ts';
export { SandboxSpecSchema, SnapshotSchema } from './spec.ts';
export type { SandboxSpecInput, Snapshot } from './spec.ts';
