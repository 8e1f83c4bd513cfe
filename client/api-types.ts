/**
 * The shapes edusim's APIs take and answer, as TypeScript types taken from their declarations
 * (the zod schemas that validate and document each route). Type-only: none of these imports
 * survives compilation, so `edusim/client` loads no zod and no server code at run time.
 *
 * TEMPORARY deep type imports (hence the lint exception), until `sandbox/index.ts` re-exports
 * these declarations as types (type-only exports: nothing more loads with it); then this file
 * imports them from `../sandbox/index.ts` alone. The lines to add there:
 *
 *   export type { ClockCommandSchema, ScenarioRequestSchema } from './spec.ts';
 *   export type { FaultListSchema, FaultRuleInputSchema, FaultRuleSchema } from './faults/rules.ts';
 *   export type { JournalFilterSchema, JournalListSchema, JournalVerifySchema } from './journal/filter.ts';
 *   export type { JournalEntry } from './journal/journal.ts';
 *   export type { AdminErrorSchema, ClockViewSchema, CreatedSandboxSchema, PersonaSummarySchema, PersonSchema, ScenarioListSchema,
 *     ScenarioOutcomeSchema, SandboxViewSchema, StateDocumentSchema, WorldStatsSchema } from './http/admin-schemas.ts';
 *   export type { ConsentErrorSchema, ConsentSchema, GrantConsentBody, EsiaErrorSchema, EsiaTokenSchema } from '../mocks/index.ts'; // once mocks/ exports them
 *   export type { EdusimErrorCode, Role, TraceStep } from '../schema/index.ts';
 */
/* eslint-disable @typescript-eslint/no-restricted-imports */
import type { z } from 'zod';
import type { ClockCommandSchema, SandboxSpecSchema, ScenarioRequestSchema, SnapshotSchema } from '../sandbox/spec.ts';
import type { FaultListSchema, FaultRuleInputSchema, FaultRuleSchema } from '../sandbox/faults/rules.ts';
import type { JournalFilterSchema, JournalListSchema, JournalVerifySchema } from '../sandbox/journal/filter.ts';
import type { JournalEntry as JournalEntryDeclared } from '../sandbox/journal/journal.ts';
import type {
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
} from '../sandbox/http/admin-schemas.ts';
import type { ConsentErrorSchema, ConsentSchema, GrantConsentBody } from '../mocks/consent/routes-doc.ts';
import type { EsiaErrorSchema, EsiaTokenSchema } from '../mocks/esia/routes-doc.ts';
import type { EdusimErrorCode, Role, TraceStep } from '../schema/index.ts';
/* eslint-enable @typescript-eslint/no-restricted-imports */

/**
 * A query-string schema's input as a caller writes it: each field optional, numbers for the
 * fields the schema turns into numbers (`limit`, `count`), booleans for its `'true' | 'false'` ones.
 */
export type QueryInput<S extends z.ZodType> = {
  [K in keyof z.input<S>]?: z.input<S>[K] | (z.output<S>[K & keyof z.output<S>] extends number | undefined ? number : never) | BooleanOf<z.input<S>[K]>;
};
type BooleanOf<T> = T extends 'true' | 'false' ? boolean : never;

// ── requests ───────────────────────────────────────────────────────────────────────────────
/** `POST /_edusim/sandboxes`: every field optional. */
export type SandboxSpec = z.input<typeof SandboxSpecSchema>;
/** `PUT /_edusim/sandboxes/<id>/clock`. */
export type ClockCommand = z.input<typeof ClockCommandSchema>;
/** A scenario's `params` (`persona` or `oid`; `region`). */
export type ScenarioParams = NonNullable<z.input<typeof ScenarioRequestSchema>['params']>;
/** One fault rule as `POST …/faults` takes it. */
export type FaultRuleInput = z.input<typeof FaultRuleInputSchema>;
/** `PUT …/faults`: the whole list. */
export type FaultList = z.input<typeof FaultListSchema>;
/** Which journal entries a question is about (`…/journal`, `…/journal/count`, `…/journal/verify`). */
export type JournalFilter = QueryInput<typeof JournalFilterSchema>;
/** The filter plus `limit` (the newest N). */
export type JournalQuery = Omit<QueryInput<typeof JournalListSchema>, 'format'>;
/** What the number of matching entries must be: `count` (exactly), `atLeast`, `atMost`. */
export type JournalExpectation = Pick<QueryInput<typeof JournalVerifySchema>, 'count' | 'atLeast' | 'atMost'>;
/** `POST /consent/consents`. */
export type ConsentGrant = z.input<typeof GrantConsentBody>;
/** `X-Edusim-Role`: the role a person with several acts in. */
export type EdusimRole = Role;

// ── answers ────────────────────────────────────────────────────────────────────────────────
export type AdminErrorBody = z.output<typeof AdminErrorSchema>;
export type EsiaErrorBody = z.output<typeof EsiaErrorSchema>;
export type ConsentErrorBody = z.output<typeof ConsentErrorSchema>;
export type ClockView = z.output<typeof ClockViewSchema>;
export type SandboxUrls = z.output<typeof SandboxViewSchema>['urls'];
/** A sandbox as the admin API answers it: world, clock, TTL, clients, fault rules, journal counters, URLs. */
export type SandboxView = z.output<typeof SandboxViewSchema>;
/** `POST /_edusim/sandboxes` answers the sandbox with its secret (given only then). */
export type CreatedSandbox = z.output<typeof CreatedSandboxSchema>;
export type ScenarioInfo = z.output<typeof ScenarioListSchema>['scenarios'][number];
export type ScenarioOutcome = z.output<typeof ScenarioOutcomeSchema>;
export type SnapshotDocument = z.output<typeof SnapshotSchema>;
export type StateDocument = z.output<typeof StateDocumentSchema>;
export type PersonaSummary = z.output<typeof PersonaSummarySchema>;
export type Person = z.output<typeof PersonSchema>;
export type WorldStats = z.output<typeof WorldStatsSchema>;
/** A fault rule as the sandbox keeps it: its id, the rule, how often it fired and will fire. */
export type FaultRule = z.output<typeof FaultRuleSchema>;
export type JournalEntry = JournalEntryDeclared;
/** ESIA's token response. */
export type EsiaTokens = z.output<typeof EsiaTokenSchema>;
/** A consent as the consent platform answers it (its status computed from the sandbox clock). */
export type Consent = z.output<typeof ConsentSchema>;
export type GraphQLTraceStep = TraceStep;
/** The codes edusim's gateway answers in `extensions.code`. */
export type GraphQLErrorCode = EdusimErrorCode;

/**
 * `GET …/journal` (JSON). TEMPORARY hand-written: `toolkit-routes.ts` declares this answer
 * (`JournalPage`) but does not export it; once it does, this becomes `z.output<typeof …>`.
 */
export interface JournalPage {
  readonly entries: JournalEntry[];
  /** Entries kept now. */
  readonly size: number;
  /** Entries recorded since the sandbox was made, reset or its journal cleared. */
  readonly total: number;
  /** How many the cap pushed out. */
  readonly dropped: number;
  readonly cap: number;
  readonly masked: boolean;
}

/** `GET …/journal/verify`. TEMPORARY hand-written, as `JournalPage` (`VerifyAnswer` in toolkit-routes.ts). */
export interface JournalVerification {
  readonly ok: boolean;
  readonly count: number;
  /** What the count had to be, in words: `exactly 1`, `at least 2 and at most 3`. */
  readonly expected: string;
  /** Up to 20 matching entries (the newest). */
  readonly entries: JournalEntry[];
}
