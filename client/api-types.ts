/**
 * The shapes edusim's APIs take and answer, as TypeScript types taken from their declarations
 * (the zod schemas that validate and document each route). Type-only: none of these imports
 * survives compilation, so `edusim/client` loads no zod and no server code at run time.
 */
import type { z } from 'zod';
import type {
  AdminErrorSchema,
  ClockCommandSchema,
  ClockViewSchema,
  CreatedSandboxSchema,
  FaultListSchema,
  FaultRuleInputSchema,
  FaultRuleSchema,
  JournalEntry as JournalEntryDeclared,
  JournalFilterSchema,
  JournalListSchema,
  JournalPageSchema,
  JournalVerificationSchema,
  JournalVerifySchema,
  PersonaSummarySchema,
  PersonSchema,
  SandboxSpecSchema,
  SandboxViewSchema,
  ScenarioListSchema,
  ScenarioOutcomeSchema,
  ScenarioRequestSchema,
  SnapshotSchema,
  StateDocumentSchema,
  WorldStatsSchema,
  ConsentErrorSchema,
  ConsentSchema,
  ClientRegistrationSchema,
  ClientViewSchema,
  EsiaErrorSchema,
  EsiaTokenSchema,
  GrantConsentBody,
  IndicatorsQuerySchema,
  IndicatorsReportSchema,
  EdusimErrorCode,
  Role,
  TraceStep,
} from '../sandbox/index.ts';

/**
 * A query-string schema's input as a caller writes it: each field optional, numbers for the
 * fields the schema turns into numbers (`limit`, `count`), booleans for its `'true' | 'false'` ones.
 */
export type QueryInput<S extends z.ZodType> = {
  [K in keyof z.input<S>]?:
    | z.input<S>[K]
    | (z.output<S>[K & keyof z.output<S>] extends number | undefined ? number : never)
    | BooleanOf<z.input<S>[K]>
    | (K extends NumberLike ? number : never);
};
/** Query fields that may be written as numbers: `since` (a seq), `status` (503). */
type NumberLike = 'since' | 'status';
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
/** `POST|PUT /esia/sim/clients…`: a client system's registration. */
export type EsiaClientRegistration = z.input<typeof ClientRegistrationSchema>;
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
/** `GET …/indicators`: level (region | municipality | school) and region, both optional. */
export type IndicatorsQuery = QueryInput<typeof IndicatorsQuerySchema>;
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
/** A registered client system, with the revision a replacement or deletion names. */
export type EsiaClient = z.output<typeof ClientViewSchema>;
/** A consent as the consent platform answers it (its status computed from the sandbox clock). */
export type Consent = z.output<typeof ConsentSchema>;
export type GraphQLTraceStep = TraceStep;
/** The codes edusim's gateway answers in `extensions.code`. */
export type GraphQLErrorCode = EdusimErrorCode;

/** `GET …/journal` (JSON): the matching entries and the journal's counters. */
export type JournalPage = z.output<typeof JournalPageSchema>;
/** `GET …/journal/verify`: the verdict, the count, what it had to be, up to 20 matching entries. */
export type JournalVerification = z.output<typeof JournalVerificationSchema>;

/** `GET …/indicators`: the region's indicators as of the sandbox clock, one row per region, municipality or school. */
export type IndicatorsReport = z.output<typeof IndicatorsReportSchema>;
export type IndicatorRow = IndicatorsReport['rows'][number];
