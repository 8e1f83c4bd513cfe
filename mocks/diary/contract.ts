/**
 * The federal diary contract (docs/diary-contract.md): the shapes a regional diary must answer
 * `GET {base}/Schedule/{oid}` with, declared once as zod schemas. They check an answer — every
 * violation named by path, what was expected and what came (`checkSchedule`,
 * `checkOperationOutcome`), used by edusim's own diaries in tests and by the gateway on a vendor's
 * real diary — and describe it in `/_edusim/openapi.json`.
 *
 * Objects are loose: a diary may add fields. A field marked `tolerated` is part of the contract's
 * description but not checked (a consumer reads it when it is there and well-formed; a vendor is
 * not refused over it).
 */
import { z } from 'zod';

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:\d{2}|Z)$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Described, never a violation: any value passes the check. */
function tolerated<T extends z.ZodType>(schema: T) {
  return schema.optional().catch(undefined);
}

const text = (description?: string) => (description ? z.string().describe(description) : z.string());
const date = z.string().regex(ISO_DATE, 'expected a date as YYYY-MM-DD');
const instant = z.string().regex(ISO_WITH_OFFSET, 'expected ISO-8601 with an offset, e.g. 2026-11-23T08:30:00+03:00');

export const ScheduleScoreSchema = z.looseObject({
  code: text('Kind of work: answer, homework, independent, test, …'),
  weight: z.number().optional(),
  score: text('The mark as written, e.g. "5"'),
  score2: tolerated(z.string()),
  scoreSystem: text('e.g. "five"'),
});

export const ScheduleLessonSchema = z.looseObject({
  id: z.string(),
  subject: z.string(),
  insteadOf: z.string().optional().describe('The subject this lesson replaces'),
  topic: z.string().optional(),
  homework: z.string().optional(),
  period: z.looseObject({ start: instant, end: instant }),
  classroom: z.string(),
  distant: tolerated(z.boolean()),
  note: z.string().optional(),
  attendance: z.looseObject({ code: text('н, б, у, о') }).optional(),
  score: z.array(ScheduleScoreSchema).optional(),
});

export const ScheduleClassSchema = z.looseObject({
  class: text('e.g. "8б"'),
  grade: text('e.g. "8"'),
  lesson: z.array(ScheduleLessonSchema),
  student: tolerated(
    z.looseObject({ oid: z.number().int().nullable(), name: z.string() }).describe('edusim extension: whose class this is, when a parent asks'),
  ),
  periodMarks: tolerated(
    z.array(z.looseObject({ subject: z.string(), period: z.string(), score: z.string() })).describe('edusim extension: the pupil’s period marks'),
  ),
});

export const ScheduleSchoolSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  scheduleUrl: z.string(),
  period: z.looseObject({ start: date, end: date }),
  academYear: text('e.g. "2026/27"'),
  distantUrl: tolerated(z.string()),
  class: z.array(ScheduleClassSchema),
});

/** `GET {base}/Schedule/{oid}`: what a regional diary answers on the federal contract. */
export const ScheduleSchema = z
  .looseObject({
    resourceType: z.literal('Schedule'),
    id: z.string(),
    meta: z.looseObject({ lastUpdated: z.string(), source: tolerated(z.string().describe('The diary platform')) }),
    school: z.array(ScheduleSchoolSchema),
  })
  .meta({ id: 'Schedule', description: 'The federal diary contract’s Schedule: each school, class and lesson of the range' });

export const ISSUE_SEVERITIES = ['fatal', 'error', 'warning', 'information'] as const;

/** A diary's refusal, FHIR-style, with the text in Russian. */
export const OperationOutcomeSchema = z
  .looseObject({
    resourceType: z.literal('OperationOutcome'),
    id: tolerated(z.string()),
    issue: z
      .array(
        z.looseObject({
          severity: z.enum(ISSUE_SEVERITIES),
          code: text('security, required, value, too-costly, not-found, not-supported, transient, structure'),
          details: tolerated(z.looseObject({ text: z.string() })),
        }),
      )
      .min(1, 'expected a non-empty array'),
  })
  .meta({ id: 'OperationOutcome', description: 'A diary’s refusal (FHIR OperationOutcome)' });

export interface ScheduleScore {
  readonly code: string;
  readonly weight?: number;
  readonly score: string;
  readonly score2?: string;
  readonly scoreSystem: string;
}

export interface ScheduleLesson {
  readonly id: string;
  readonly subject: string;
  readonly insteadOf?: string;
  readonly topic?: string;
  readonly homework?: string;
  readonly period: { readonly start: string; readonly end: string };
  readonly classroom: string;
  readonly distant?: boolean;
  readonly note?: string;
  readonly attendance?: { readonly code: string };
  readonly score?: readonly ScheduleScore[];
}

export interface ScheduleClass {
  readonly class: string;
  readonly grade: string;
  readonly lesson: readonly ScheduleLesson[];
  /** edusim extension: whose class this is, when a parent asks (the contract leaves parents open). */
  readonly student?: { readonly oid: number | null; readonly name: string };
  /** edusim extension: period marks of the pupil (the contract leaves period marks open). */
  readonly periodMarks?: readonly { readonly subject: string; readonly period: string; readonly score: string }[];
}

export interface ScheduleSchool {
  readonly id: string;
  readonly name: string;
  readonly scheduleUrl: string;
  readonly period: { readonly start: string; readonly end: string };
  readonly academYear: string;
  readonly distantUrl?: string;
  readonly class: readonly ScheduleClass[];
}

export interface Schedule {
  readonly resourceType: 'Schedule';
  readonly id: string;
  readonly meta: { readonly lastUpdated: string; readonly source?: string };
  readonly school: readonly ScheduleSchool[];
}

export type IssueSeverity = (typeof ISSUE_SEVERITIES)[number];

export interface OperationOutcome {
  readonly resourceType: 'OperationOutcome';
  readonly id: string;
  readonly issue: readonly { readonly severity: IssueSeverity; readonly code: string; readonly details: { readonly text: string } }[];
}

/** A value as a violation names it: `"Bundle"`, `42`, `null`, `an object`, `an array of 3`, `nothing`. */
function got(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'object' && value !== null) return 'an object';
  const shown = JSON.stringify(value) ?? String(value);
  return shown.length > 60 ? `${shown.slice(0, 57)}…` : shown;
}

const NAMES: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  boolean: 'a boolean',
  array: 'an array',
  object: 'an object',
  int: 'an integer',
};

function problemOf(issue: z.core.$ZodIssue, value: unknown): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.path.length === 0 && issue.expected === 'object'
        ? `expected a JSON object, got ${got(value)}`
        : `expected ${NAMES[issue.expected] ?? issue.expected}, got ${got(value)}`;
    case 'invalid_value':
      return issue.values.length === 1
        ? `expected ${JSON.stringify(issue.values[0])}, got ${got(value)}`
        : `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, got ${got(value)}`;
    default:
      return `${issue.message}, got ${got(value)}`;
  }
}

function pathOf(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '$';
  return path.reduce<string>((text, key) => (typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key)), '');
}

function valueAt(body: unknown, path: readonly PropertyKey[]): unknown {
  let value = body;
  for (const key of path) value = typeof value === 'object' && value !== null ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  return value;
}

/** Every way `body` departs from `schema`, as `path: expected …, got …`; empty when it conforms. */
export function contractViolations(schema: z.ZodType, body: unknown): string[] {
  const result = schema.safeParse(body);
  if (result.success) return [];
  return result.error.issues.map((issue) => `${pathOf(issue.path)}: ${problemOf(issue, valueAt(body, issue.path))}`);
}

/** Every way `body` departs from the contract's Schedule; empty when it conforms. */
export function checkSchedule(body: unknown): string[] {
  return contractViolations(ScheduleSchema, body);
}

/** Every way `body` departs from an OperationOutcome; empty when it is one. */
export function checkOperationOutcome(body: unknown): string[] {
  return contractViolations(OperationOutcomeSchema, body);
}
