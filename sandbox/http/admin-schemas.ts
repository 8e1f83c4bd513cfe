/**
 * What the admin API answers, declared once for its route declarations (`admin-routes.ts`) and so
 * for `/_edusim/openapi.json`. Request bodies are the schemas of `../spec.ts`, which validate them.
 * The shapes here are checked against real answers in `admin-routes.test.ts`.
 */
import { z } from 'zod';
import { STATE_FORMAT, STATE_VERSION } from '../../seeds/index.ts';
import { SANDBOX_ID_PATTERN } from '../../gateway/index.ts';
import { FaultRuleSchema } from '../faults/rules.ts';
import { ClockCommandSchema, SandboxSpecSchema, ScenarioRequestSchema, SnapshotSchema, StateSnapshotSchema } from '../spec.ts';

/** Every admin refusal: a code and one line naming the field and what is accepted. */
export const AdminErrorSchema = z
  .object({
    error: z
      .string()
      .describe('bad_request, not_found, conflict, precondition_failed, too_large, unsupported_media_type, too_many, unauthorized, unknown_sandbox'),
    message: z.string().describe('What was wrong, naming the field and what is accepted'),
  })
  .meta({ id: 'AdminError', description: 'An admin API refusal' });

export const SandboxIdParams = z.object({
  id: z.string().regex(SANDBOX_ID_PATTERN).describe('The sandbox id (`default` is the one every request without a sandbox reaches)'),
});

export const ClockViewSchema = z
  .object({
    mode: z.enum(['running', 'frozen']),
    now: z.string().describe('ISO-8601 instant: the sandbox time (for a running clock, when this was read)'),
    offsetMs: z.number().int().describe("Milliseconds ahead of the machine's clock (negative: behind)"),
    today: z.string().describe('The sandbox date in Moscow (YYYY-MM-DD): what ages and the school week count by'),
  })
  .meta({ id: 'ClockView' });

const WorldFactsSchema = z.object({ seed: z.number().int(), scale: z.string(), region: z.string().nullable(), date: z.string() });

export const SandboxViewSchema = z
  .object({
    id: z.string(),
    world: WorldFactsSchema,
    profile: z.enum(['lenient', 'strict']),
    clock: ClockViewSchema,
    createdAt: z.string(),
    lastUsedAt: z.string(),
    expiresAt: z.string().nullable().describe('When it is deleted if nobody uses it (null: never, the default sandbox)'),
    ttl: z.string().nullable(),
    clients: z.array(z.string()).describe('Client ids registered with its ESIA'),
    faults: z.array(FaultRuleSchema).describe('Its fault rules, in the order they are tried'),
    journal: z
      .object({ cap: z.number().int(), size: z.number().int(), total: z.number().int(), dropped: z.number().int(), masked: z.boolean() })
      .describe('Its request journal: how many entries it keeps, holds, has recorded and has dropped'),
    urls: z
      .object({
        base: z.string(),
        graphql: z.string(),
        esia: z.string(),
        header: z.object({ 'X-Edusim-Sandbox': z.string() }),
      })
      .describe('Where the sandbox is reached: the path prefix form, or any path with the header'),
  })
  .meta({ id: 'Sandbox' });

export const CreatedSandboxSchema = SandboxViewSchema.extend({
  secret: z.string().describe("The sandbox's own X-Edusim-Secret, given once: it opens this sandbox's controls on a server with an admin token"),
}).meta({ id: 'CreatedSandbox' });

export const SandboxListSchema = z.object({ sandboxes: z.array(SandboxViewSchema) });

export const ScenarioListSchema = z.object({
  scenarios: z.array(
    z.object({ name: z.string(), title: z.string(), params: z.string().describe('What `params` takes: `persona | oid | personId` or `region?`') }),
  ),
});

export const ScenarioOutcomeSchema = z.object({ scenario: z.string(), done: z.string().describe('What changed, in Russian') });

export const WorldStatsSchema = z.looseObject({
  seed: z.number().int(),
  scale: z.string(),
  asOf: z.string(),
  schoolYear: z.string(),
  regions: z.number().int(),
  schools: z.number().int(),
  pupils: z.number().int(),
  teachers: z.number().int(),
  accounts: z.object({ sampledPupils: z.number(), childAccountIndicator: z.number(), pupilsWithAccount: z.number(), citizenshipMissing: z.number() }),
});

export const PersonaSummarySchema = z.object({
  handle: z.string(),
  title: z.string(),
  description: z.string(),
  personId: z.string(),
  fullName: z.string(),
  birthDate: z.string(),
  oid: z.number().int().nullable(),
  snils: z.string().nullable(),
  expected: z.looseObject({ login: z.string() }),
});

export const PersonSchema = z
  .looseObject({
    id: z.string(),
    kind: z.string(),
    regionCode: z.string(),
    lastName: z.string(),
    firstName: z.string(),
    middleName: z.string(),
    birthDate: z.string(),
    snils: z.string().nullable(),
    account: z.looseObject({ oid: z.number().int(), level: z.string() }).nullable(),
    memberships: z.array(z.looseObject({ role: z.string() })),
  })
  .meta({ id: 'Person', description: 'An ESIA account holder with registry memberships' });

export const PeopleParams = z.object({
  oid: z
    .string()
    .regex(/^\d{1,12}$/, 'expected digits, e.g. 1000299681')
    .describe("The person's ESIA oid"),
});

/** `GET|PUT /_edusim/state`: the mutable state as a versioned document of one world. */
export const StateDocumentSchema = z
  .object({
    format: z.literal(STATE_FORMAT),
    version: z.literal(STATE_VERSION),
    worldId: z.string(),
    world: z.object({ seed: z.number().int(), scale: z.string(), region: z.string().nullable(), asOf: z.string() }).describe("Must be the sandbox's own world"),
    state: StateSnapshotSchema,
  })
  .meta({ id: 'StateDocument' });

export const SnapshotDocumentSchema = SnapshotSchema.meta({ id: 'Snapshot' });

export const IF_MATCH_HEADERS = z.object({
  'if-match': z.string().optional().describe('The ETag of the version this write replaces; a stale one gets 412 and changes nothing'),
});

/** Request bodies: the schemas of `../spec.ts` (which validate them), named for the document. */
export const SandboxSpecBody = SandboxSpecSchema.meta({ id: 'SandboxSpec' });
export const ClockCommandBody = ClockCommandSchema.meta({ id: 'ClockCommand' });
export const ScenarioRequestBody = ScenarioRequestSchema.meta({ id: 'ScenarioRequest' });
