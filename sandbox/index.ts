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
export { childAccountShare, IndicatorInputError, GRADES as CHILD_ACCOUNT_GRADES } from './indicators/child-account-share.ts';
export type { ChildAccountCounts, ChildAccountShare, IndicatorGrade } from './indicators/child-account-share.ts';
export type { SandboxSpecInput, Snapshot } from './spec.ts';
// The declared shapes of the admin API, as types (what edusim/client is typed with; nothing loads at run time).
export type { ClockCommandSchema, ScenarioRequestSchema } from './spec.ts';
export type { FaultListSchema, FaultRuleInputSchema, FaultRuleSchema } from './faults/rules.ts';
export type { JournalFilterSchema, JournalListSchema, JournalVerifySchema } from './journal/filter.ts';
export type { JournalEntry } from './journal/journal.ts';
export type {
  AdminErrorSchema,
  ClockViewSchema,
  CreatedSandboxSchema,
  PersonaSummarySchema,
  PersonSchema,
  ScenarioListSchema,
  ScenarioOutcomeSchema,
  SandboxViewSchema,
  StateDocumentSchema,
  WorldStatsSchema,
} from './http/admin-schemas.ts';
export type { JournalPageSchema, JournalVerificationSchema } from './http/toolkit-routes.ts';
export type { IndicatorsQuerySchema, IndicatorsReportSchema } from './indicators/schema.ts';
export type {
  ClientRegistrationSchema,
  ClientViewSchema,
  ConsentErrorSchema,
  ConsentSchema,
  EsiaErrorSchema,
  EsiaTokenSchema,
  GrantConsentBody,
} from '../mocks/index.ts';
export type { EdusimErrorCode, Role, TraceStep } from '../schema/index.ts';
