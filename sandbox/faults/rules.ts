/**
 * Fault rules, declared once: what `PUT|POST /_edusim/sandboxes/<id>/faults` accepts, what a
 * snapshot keeps, and the TypeScript types of both. A rule says which calls it hits (system,
 * optionally region, operation, path pattern) and what happens to them (latency, a status, an
 * ESIA error on ESIA's wire, a timeout, a dropped connection, a malformed or off-contract body),
 * how often (a probability) and how many times.
 */
import { z } from 'zod';
import { ESIA_ERROR_CODES } from '../../mocks/index.ts';
import { OPERATIONS } from '../journal/operations.ts';

export const FAULT_SYSTEMS = ['esia', 'consent', 'diary', 'gateway'] as const;
export type FaultSystem = (typeof FAULT_SYSTEMS)[number];

/** The longest delay or hold a fault may cause: a test waiting longer than this is waiting on a bug. */
export const MAX_FAULT_MS = 120_000;
/** How long a `timeout` holds the call before dropping it, unless the rule says. */
export const DEFAULT_TIMEOUT_MS = 10_000;
export const MAX_RULES = 100;

const ms = z.number().int().min(0).max(MAX_FAULT_MS);
const esiaCode = z
  .string()
  .regex(/^ESIA-\d{6}$/, 'expected an ESIA error code like ESIA-007014')
  .refine((code) => (ESIA_ERROR_CODES as readonly string[]).includes(code.slice(5)), {
    message: `expected one of the ESIA codes edusim knows: ${ESIA_ERROR_CODES.map((c) => `ESIA-${c}`).join(', ')}`,
  });

export const FaultActionSchema = z.discriminatedUnion(
  'kind',
  [
    z
      .strictObject({ kind: z.literal('latency'), ms, jitterMs: ms.optional() })
      .refine((a) => a.jitterMs === undefined || a.jitterMs <= a.ms, { message: 'jitterMs must not be above ms', path: ['jitterMs'] })
      .meta({ title: 'latency', description: "Answer as usual, ms later (± jitterMs, drawn from the sandbox's seeded generator)" }),
    z
      .strictObject({ kind: z.literal('status'), status: z.number().int().min(400).max(599), body: z.string().max(16_384).optional() })
      .meta({ title: 'status', description: "Answer this HTTP status with the system's own error body (or body, as given)" }),
    z
      .strictObject({ kind: z.literal('esia-error'), code: esiaCode, status: z.number().int().min(400).max(599).optional() })
      .meta({ title: 'esia-error', description: 'ESIA\'s error on ESIA\'s wire: {error, error_description: "ESIA-0070xx: …"} (esia and consent only)' }),
    z
      .strictObject({ kind: z.literal('timeout'), ms: ms.optional() })
      .meta({ title: 'timeout', description: 'Hold the call ms (default 10 000), then drop the connection without an answer' }),
    z.strictObject({ kind: z.literal('reset') }).meta({ title: 'reset', description: 'Drop the connection at once' }),
    z.strictObject({ kind: z.literal('malformed') }).meta({ title: 'malformed', description: 'The usual answer with its body cut in half: not parseable' }),
    z
      .strictObject({ kind: z.literal('off-contract') })
      .meta({ title: 'off-contract', description: "The usual answer reshaped so it breaks the system's contract (valid JSON, wrong shape)" }),
  ],
  { message: 'expected an action {"kind": "latency" | "status" | "esia-error" | "timeout" | "reset" | "malformed" | "off-contract", …}' },
);
export type FaultAction = z.output<typeof FaultActionSchema>;

export const FaultRuleInputSchema = z
  .strictObject({
    system: z.enum(FAULT_SYSTEMS),
    /** Diary only: the region whose diary (two digits); none = every region. */
    region: z
      .string()
      .regex(/^\d{2}$/, 'expected a two-digit region code')
      .optional(),
    /** The operation (see docs/faults-and-journal.md): e.g. `token`, `schedule`, `authorize`, a GraphQL operation name. */
    operation: z.string().min(1).max(100).optional(),
    /** A path pattern below the system's mount, `*` matching anything: `/rs/prns/*`, `/Schedule/*`. */
    path: z.string().min(1).max(300).regex(/^\//, 'expected a path pattern starting with "/", e.g. /Schedule/*').optional(),
    action: FaultActionSchema,
    /** The chance it fires on a matching call (default 1), drawn from the sandbox's seeded generator. */
    probability: z.number().min(0).max(1).optional().describe("The chance it fires on a matching call (default 1), drawn from the sandbox's seeded generator"),
    /** Fire only on the next N matching calls (default: every one). */
    times: z.number().int().min(1).max(1_000_000).optional().describe('Fire only on the next N matching calls (default: every one)'),
    note: z.string().max(200).optional().describe('Free text (at most 200 characters)'),
  })
  .refine((rule) => rule.region === undefined || rule.system === 'diary', { message: 'region is only for the diary system', path: ['region'] })
  .superRefine((rule, context) => {
    if (rule.operation === undefined || rule.system === 'gateway') return;
    const known = OPERATIONS[rule.system];
    if (!known.includes(rule.operation))
      context.addIssue({
        code: 'custom',
        path: ['operation'],
        message: `${rule.system} has no operation ${JSON.stringify(rule.operation)}: expected one of ${known.join(', ')}`,
      });
  })
  .refine((rule) => rule.action.kind !== 'esia-error' || rule.system === 'esia' || rule.system === 'consent', {
    message: 'an esia-error action is only for the esia and consent systems',
    path: ['action', 'kind'],
  });
export type FaultRuleInput = z.input<typeof FaultRuleInputSchema>;
export type FaultRuleSpec = z.output<typeof FaultRuleInputSchema>;

/** `PUT /_edusim/sandboxes/<id>/faults`: the whole list, replacing what was there. */
export const FaultListSchema = z.strictObject({ rules: z.array(FaultRuleInputSchema).max(MAX_RULES) });

/** A rule as the sandbox keeps it (and a snapshot carries it): with its id and how it has fired. */
export const FaultRuleSchema = z.strictObject({
  id: z.string().regex(/^f\d{1,9}$/),
  rule: FaultRuleInputSchema,
  fired: z.number().int().min(0),
  /** How many more times it fires (null: no limit). */
  remaining: z.number().int().min(0).nullable(),
});
export type FaultRule = z.output<typeof FaultRuleSchema>;

/** The first release's diary fault (`PUT /diary/{region}/sim/fault`): one case of a fault rule now. */
export const LegacyDiaryFaultSchema = z.discriminatedUnion(
  'mode',
  [
    z.strictObject({ mode: z.literal('ok') }),
    z.strictObject({ mode: z.literal('down') }),
    z.strictObject({ mode: z.literal('slow'), delayMs: z.number().int().min(0).max(MAX_FAULT_MS) }),
    z.strictObject({ mode: z.literal('off-contract') }),
  ],
  { message: 'expected {"mode": "ok" | "down" | "off-contract"} or {"mode": "slow", "delayMs": 0–120000}' },
);
export type LegacyDiaryFault = z.output<typeof LegacyDiaryFaultSchema>;

/** The rule a legacy diary fault stands for (null for `ok`: no rule). */
export function legacyDiaryRule(region: string, fault: LegacyDiaryFault): FaultRuleSpec | null {
  const base = { system: 'diary' as const, region, note: LEGACY_NOTE };
  if (fault.mode === 'down') return { ...base, action: { kind: 'status', status: 503 } };
  if (fault.mode === 'slow') return { ...base, action: { kind: 'latency', ms: fault.delayMs } };
  if (fault.mode === 'off-contract') return { ...base, operation: 'schedule', action: { kind: 'off-contract' } };
  return null;
}

/** Marks rules made through the legacy diary endpoint (it replaces its own region's rule). */
export const LEGACY_NOTE = 'PUT /diary/{region}/sim/fault';

/** The legacy view of a region's diary fault, read back from the rules. */
export function legacyDiaryFault(rules: readonly FaultRule[], region: string): LegacyDiaryFault {
  const rule = rules.find((r) => r.rule.note === LEGACY_NOTE && r.rule.region === region)?.rule;
  if (!rule) return { mode: 'ok' };
  if (rule.action.kind === 'status') return { mode: 'down' };
  if (rule.action.kind === 'latency') return { mode: 'slow', delayMs: rule.action.ms };
  return { mode: 'off-contract' };
}
