/**
 * The shapes the admin API accepts, declared once: each schema validates a request body, gives
 * its TypeScript type and documents it (`z.toJSONSchema`). Bad input is refused whole, naming
 * the first bad field and what it accepts.
 */
import { z } from 'zod';
import { ClientRegistrationSchema, CONSENT_PURPOSES, zodProblem } from '../mocks/index.ts';
import { FaultRuleInputSchema, FaultRuleSchema, legacyDiaryRule, LegacyDiaryFaultSchema, MAX_RULES } from './faults/rules.ts';
import { DEFAULT_JOURNAL_CAP, MAX_JOURNAL_CAP } from './journal/journal.ts';
import { LOGIN_PEOPLE_KEPT, LOGINS_KEPT_PER_PERSON } from './logins.ts';

export { ClientRegistrationSchema };
import { REGIONS, SCALES, type ConsentPurpose } from '../seeds/index.ts';
import { SANDBOX_ID_PATTERN } from '../gateway/index.ts';

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
  .refine((d) => {
    const parsed = /^\d{4}-\d{2}-\d{2}$/.test(d) ? new Date(`${d}T00:00:00Z`) : null;
    return parsed !== null && !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === d;
  }, 'expected a real calendar date as YYYY-MM-DD');

const instant = z.iso.datetime({ offset: true, message: 'expected an ISO-8601 instant with a zone, e.g. 2026-11-23T09:00:00+03:00' });
const duration = z
  .string()
  .regex(/^-?P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/, 'expected an ISO-8601 duration, e.g. PT30M, PT2H, P1D');

export const ClockStartSchema = z.strictObject({
  /** Where the clock starts (default: the machine's time, or the sandbox's `date` at the machine's time of day). */
  at: instant.optional(),
  /** Whether it stands still there (default: it runs). */
  frozen: z.boolean().default(false),
});

/** The client «Моя школа» presents to a region's diary (client credentials, docs/diary-contract.md). */
export const DiaryClientSchema = z.strictObject({
  clientId: z.string().regex(/^[\x21-\x7e]{1,128}$/, 'expected 1–128 printable characters without spaces'),
  clientSecret: z.string().regex(/^[\x21-\x7e]{1,256}$/, 'expected 1–256 printable characters without spaces'),
});

/** Region code → its diary's client; a region not named keeps FGIS_MYSCHOOL / myschool-secret. */
export const DiaryClientsSchema = z.record(z.string().regex(/^\d{2}$/, 'expected a two-digit region code'), DiaryClientSchema);

export const ScenarioRequestSchema = z.strictObject({
  name: z.string().max(64),
  params: z.record(z.string(), z.union([z.string().max(256), z.number(), z.boolean()])).default({}),
});

/** `POST /_edusim/sandboxes`: every field optional. */
export const SandboxSpecSchema = z.strictObject({
  id: z.string().regex(SANDBOX_ID_PATTERN, 'expected 1–63 lowercase latin letters, digits or "-", starting with a letter or digit').optional(),
  seed: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).default(42),
  scale: z.enum(SCALES).default('demo'),
  region: z
    .string()
    .refine((code) => REGIONS.some((r) => r.code === code), `expected a region code from ${REGIONS[0]?.code} to ${REGIONS[REGIONS.length - 1]?.code}`)
    .optional(),
  /** The world's date (ages and accounts are generated as of it); the clock starts on it. */
  date: isoDate.optional(),
  profile: z.enum(['lenient', 'strict']).default('lenient'),
  clients: z.array(ClientRegistrationSchema).max(50).default([]),
  /** Region code → a vendor's diary base URL for this sandbox. */
  diaries: z.record(z.string().regex(/^\d{2}$/, 'expected a two-digit region code'), z.url({ protocol: /^https?$/ })).default({}),
  /**
   * Region code → the client credentials «Моя школа» uses with that region's diary: edusim's own
   * diary of the region accepts them (instead of FGIS_MYSCHOOL / myschool-secret), and the gateway
   * presents them to a vendor's diary.
   */
  diaryClients: DiaryClientsSchema.default({}),
  scenarios: z.array(ScenarioRequestSchema).max(20).default([]),
  /** Idle time after which the sandbox is deleted (ISO-8601, default PT1H, at most P7D). */
  ttl: duration.default('PT1H'),
  clock: ClockStartSchema.optional(),
  /** Fault rules from the start (and after every reset). */
  faults: z.array(FaultRuleInputSchema).max(MAX_RULES).default([]),
  /** The request journal: how many entries it keeps (the oldest go first) and whether query values that are secrets or personal data are masked. */
  journal: z
    .strictObject({
      cap: z.number().int().min(10).max(MAX_JOURNAL_CAP).default(DEFAULT_JOURNAL_CAP),
      mask: z.boolean().default(true),
    })
    .default({ cap: DEFAULT_JOURNAL_CAP, mask: true }),
});

export type SandboxSpecInput = z.input<typeof SandboxSpecSchema>;
export type SandboxSpec = z.output<typeof SandboxSpecSchema>;

/** `PUT /_edusim/sandboxes/<id>/clock`. */
export const ClockCommandSchema = z.discriminatedUnion('action', [
  z.strictObject({ action: z.literal('freeze'), at: instant.optional() }),
  z.strictObject({ action: z.literal('resume') }),
  z.strictObject({ action: z.literal('set'), at: instant }),
  z.strictObject({ action: z.literal('advance'), by: duration }),
]);
export type ClockCommand = z.output<typeof ClockCommandSchema>;

const ConsentRecordSchema = z.strictObject({
  id: z.string().min(1).max(64),
  subjectOid: z.number().int().positive(),
  grantorOid: z.number().int().positive(),
  recipient: z.string().max(128),
  purpose: z.enum(CONSENT_PURPOSES as unknown as [ConsentPurpose, ...ConsentPurpose[]]),
  scopes: z.array(z.string().max(64)).max(100),
  grantedAt: instant,
  expiresAt: instant.nullable(),
  revokedAt: instant.nullable(),
});

const personId = z.string().regex(/^\d{2}-(pupil|mother|father|teacher|administrator|citizen)-\d+$/, 'expected a person id like 36-pupil-17');

export const StateSnapshotSchema = z.strictObject({
  consents: z.array(ConsentRecordSchema).max(1_000_000),
  links: z.record(personId, z.array(z.number().int().positive()).max(10)),
  lessonPermissions: z.record(personId, z.boolean()),
  teacherRights: z.record(personId, z.boolean()),
  timetableEdits: z
    .array(
      z.strictObject({
        key: z.string().max(128),
        cancelled: z.boolean(),
        subject: z.string().max(128).optional(),
        topic: z.string().max(512).optional(),
      }),
    )
    .max(100_000),
  teacherLessons: z.record(personId, z.number().int().min(0).max(40)).default({}),
  childAccounts: z
    .record(personId, z.strictObject({ oid: z.number().int().positive(), linkedParentOids: z.array(z.number().int().positive()).max(10), createdAt: instant }))
    .default({}),
});

export const SNAPSHOT_FORMAT = 'edusim-sandbox';
/** Version 3 keeps the sandbox's logins; version 2 had none; version 1 kept one diary fault per region (both still read). */
export const SNAPSHOT_VERSION = 3;

/** One versioned document with everything a sandbox is: how it was made, its state, clients, clock and faults. */
const snapshotFields = {
  format: z.literal(SNAPSHOT_FORMAT),
  id: z.string().regex(SANDBOX_ID_PATTERN),
  takenAt: instant,
  world: z.strictObject({ seed: z.number().int().min(0), scale: z.enum(SCALES), region: z.string().nullable(), date: isoDate }),
  spec: z.unknown(),
  clients: z.array(ClientRegistrationSchema).max(50),
  state: StateSnapshotSchema,
  clock: z.strictObject({ mode: z.enum(['running', 'frozen']), now: instant, offsetMs: z.number().int().min(-8e12).max(8e12) }),
};

const LoginRecordSchema = z.strictObject({ oid: z.number().int().positive(), at: z.array(instant).max(LOGINS_KEPT_PER_PERSON) });

const SnapshotV3Schema = z.strictObject({
  ...snapshotFields,
  version: z.literal(SNAPSHOT_VERSION, { message: `expected format version ${SNAPSHOT_VERSION} (this edusim reads versions 1 to ${SNAPSHOT_VERSION})` }),
  faults: z.array(FaultRuleSchema).max(MAX_RULES),
  /** The logins made in the sandbox: per ESIA account, its newest login instants. */
  logins: z.array(LoginRecordSchema).max(LOGIN_PEOPLE_KEPT),
});

/** A snapshot of any version, read as the current one (version 1's diary faults become rules; before 3, no logins). */
export const SnapshotSchema = z.preprocess((document) => upgradeToV3(upgradeToV2(document)), SnapshotV3Schema);
export type Snapshot = z.output<typeof SnapshotV3Schema>;

function upgradeToV3(document: unknown): unknown {
  const doc = document as { version?: unknown; logins?: unknown } | null;
  if (typeof doc !== 'object' || doc === null || doc.version !== 2) return document;
  return { ...doc, version: SNAPSHOT_VERSION, logins: doc.logins ?? [] };
}

function upgradeToV2(document: unknown): unknown {
  const doc = document as { version?: unknown; faults?: unknown } | null;
  if (typeof doc !== 'object' || doc === null || doc.version !== 1) return document;
  const faults = doc.faults;
  if (typeof faults !== 'object' || faults === null || Array.isArray(faults)) return document;
  const rules: unknown[] = [];
  for (const [region, value] of Object.entries(faults)) {
    const legacy = LegacyDiaryFaultSchema.safeParse(value);
    if (!legacy.success || !/^\d{2}$/.test(region)) return document;
    const rule = legacyDiaryRule(region, legacy.data);
    if (rule) rules.push({ id: `f${rules.length + 1}`, rule, fired: 0, remaining: null });
  }
  return { ...doc, version: 2, faults: rules };
}

/** The first problem of a failed parse, as one line naming the field (the one formatter, from mocks/). */
export const firstProblem = zodProblem;

/** Parses a body with a schema or throws a `SpecError` naming the first bad field. */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown, where: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const shape = (schema as unknown as { shape?: Record<string, unknown> }).shape;
  throw new SpecError(firstProblem(result.error, where, shape ? Object.keys(shape) : []));
}

export class SpecError extends Error {
  override readonly name = 'SpecError';
}
