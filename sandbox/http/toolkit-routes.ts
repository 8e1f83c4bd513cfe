/**
 * The QA toolkit's admin routes: a sandbox's fault rules (`/_edusim/sandboxes/<id>/faults`) and
 * its request journal (`/_edusim/sandboxes/<id>/journal`: list, JSON lines, count, verify, clear).
 * Declared once (api-routes.ts): the same schemas validate and document them.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { preferredType } from '../../mocks/index.ts';
import { FaultListSchema, FaultRuleInputSchema, FaultRuleSchema } from '../faults/rules.ts';
import { JournalFilterSchema, JournalListSchema, JournalVerifySchema, type JournalFilter } from '../journal/filter.ts';
import type { SandboxRegistry } from '../registry.ts';
import { AdminErrorSchema, SandboxIdParams } from './admin-schemas.ts';
import { adminHandler, defineRoute, registerRoutes } from './api-routes.ts';

const ERRORS = {
  400: { description: 'A field is wrong: the message names it and what is accepted', schema: AdminErrorSchema },
  404: { description: 'No such sandbox (or rule)', schema: AdminErrorSchema },
} as const;
const BODY_ERRORS = { ...ERRORS, 415: { description: 'The body is not JSON (Content-Type must be application/json)', schema: AdminErrorSchema } } as const;
const CONTROL = ['adminToken', 'sandboxSecret'] as const;

export const FaultRuleView = FaultRuleSchema.meta({
  id: 'FaultRule',
  description: 'A fault rule with its id, how often it fired and how many times it still will',
});
export const FaultRulesView = z.object({ rules: z.array(FaultRuleView) }).meta({ id: 'FaultRules' });
const FaultRuleInput = FaultRuleInputSchema.meta({ id: 'FaultRuleInput' });

export const JournalEntrySchema = z
  .object({
    seq: z.number().int(),
    at: z.string().describe('Wall-clock time the call started'),
    sandboxAt: z.string().describe("The sandbox clock's time when the call started"),
    system: z.enum(['esia', 'consent', 'diary', 'gateway']),
    region: z.string().optional(),
    operation: z.string(),
    method: z.string(),
    path: z.string().describe("Below the system's mount (below the region for a diary)"),
    query: z.string().optional().describe('Masked unless the sandbox was made with journal.mask false'),
    form: z.string().optional().describe("An ESIA token call's form body, masked as the query is"),
    status: z.number().int().describe('0: the connection was dropped'),
    latencyMs: z.number().int(),
    caller: z.enum(['client', 'gateway']),
    traceId: z.string().describe('Shared by a gateway request and the calls it made (also the X-Edusim-Trace-Id answer header)'),
    fault: z.string().optional(),
    error: z.string().optional().describe('GraphQL extensions.code, OAuth/ESIA error, or OperationOutcome code'),
    esiaCode: z.string().optional().describe('ESIA: its own code from error_description, e.g. ESIA-007023'),
    change: z.string().optional().describe("What it changed in the sandbox's state"),
  })
  .meta({ id: 'JournalEntry' });

export const JournalPageSchema = z
  .object({
    entries: z.array(JournalEntrySchema),
    size: z.number().int().describe('Entries kept now'),
    total: z.number().int().describe('Entries recorded since the sandbox was made, reset or its journal cleared'),
    dropped: z.number().int().describe('How many the cap pushed out'),
    cap: z.number().int(),
    masked: z.boolean(),
  })
  .meta({ id: 'JournalPage' });

export const JournalVerificationSchema = z
  .object({
    ok: z.boolean(),
    count: z.number().int(),
    expected: z.string().describe('What the count had to be, in words'),
    dropped: z.number().int().describe("Entries the journal's cap pushed out: when above 0, the count may be short of what happened"),
    entries: z.array(JournalEntrySchema).describe('Up to 20 matching entries, for the failure message'),
  })
  .meta({ id: 'JournalVerification' });

const ListQuery = JournalListSchema.meta({ description: 'Filters (all optional); limit (default 1000, newest kept); format json | jsonl' });

export function registerToolkitRoutes(app: FastifyInstance, registry: SandboxRegistry): void {
  const base = '/_edusim/sandboxes/:id';
  registerRoutes(app, [
    defineRoute(
      {
        method: 'GET',
        path: `${base}/faults`,
        system: 'admin',
        operationId: 'listFaults',
        summary: "The sandbox's fault rules",
        params: SandboxIdParams,
        responses: { 200: { description: 'The rules, in the order they are tried', schema: FaultRulesView }, 404: ERRORS[404] },
        security: [...CONTROL],
      },
      adminHandler(async (_request, _reply, input) => ({ rules: (await registry.get(input.params().id)).faults.list() })),
    ),
    defineRoute(
      {
        method: 'PUT',
        path: `${base}/faults`,
        system: 'admin',
        operationId: 'replaceFaults',
        summary: "Replace the sandbox's fault rules (all or nothing)",
        params: SandboxIdParams,
        body: FaultListSchema.meta({ id: 'FaultList' }),
        responses: { 200: { description: 'The rules now', schema: FaultRulesView }, ...BODY_ERRORS },
        security: [...CONTROL],
      },
      adminHandler(async (_request, _reply, input) => {
        const sandbox = await registry.get(input.params().id);
        const { rules } = input.body();
        return { rules: sandbox.faults.replace(rules) };
      }),
    ),
    defineRoute(
      {
        method: 'POST',
        path: `${base}/faults`,
        system: 'admin',
        operationId: 'addFault',
        summary: 'Add one fault rule (tried after the ones already there)',
        params: SandboxIdParams,
        body: FaultRuleInput,
        responses: { 201: { description: 'The rule, with its id', schema: FaultRuleView }, ...BODY_ERRORS },
        security: [...CONTROL],
      },
      adminHandler(async (_request, reply, input) => {
        const sandbox = await registry.get(input.params().id);
        const rule = sandbox.faults.add(input.body());
        return reply.code(201).header('location', `/_edusim/sandboxes/${sandbox.id}/faults/${rule.id}`).send(rule);
      }),
    ),
    defineRoute(
      {
        method: 'DELETE',
        path: `${base}/faults`,
        system: 'admin',
        operationId: 'clearFaults',
        summary: 'Remove every fault rule',
        params: SandboxIdParams,
        responses: { 200: { description: 'No rules now', schema: FaultRulesView }, 404: ERRORS[404] },
        security: [...CONTROL],
      },
      adminHandler(async (_request, _reply, input) => {
        const sandbox = await registry.get(input.params().id);
        sandbox.faults.replace([]);
        return { rules: [] };
      }),
    ),
    defineRoute(
      {
        method: 'DELETE',
        path: `${base}/faults/:rule`,
        system: 'admin',
        operationId: 'deleteFault',
        summary: 'Remove one fault rule',
        params: SandboxIdParams.extend({ rule: z.string().regex(/^f\d{1,9}$/, 'expected a rule id like f1') }),
        responses: { 204: { description: 'Removed' }, ...ERRORS },
        security: [...CONTROL],
      },
      adminHandler(async (_request, reply, input) => {
        const { id, rule } = input.params();
        const sandbox = await registry.get(id);
        if (!sandbox.faults.remove(rule))
          return reply
            .code(404)
            .send({ error: 'not_found', message: `sandbox ${id} has no fault rule ${rule}; GET ${base.replace(':id', id)}/faults lists them` });
        return reply.code(204).send();
      }),
    ),
    defineRoute(
      {
        method: 'GET',
        path: `${base}/journal`,
        system: 'admin',
        operationId: 'readJournal',
        summary: "The sandbox's request journal, oldest first (JSON, or JSON lines with format=jsonl or Accept: application/x-ndjson)",
        params: SandboxIdParams,
        query: ListQuery,
        responses: {
          200: {
            description: 'The matching entries',
            schema: JournalPageSchema,
            alsoAs: { ndjson: 'The entries alone, one JournalEntry object per line (with format=jsonl, or Accept: application/x-ndjson)' },
          },
          ...ERRORS,
        },
        security: [...CONTROL],
      },
      adminHandler(async (request, reply, input) => {
        const sandbox = await registry.get(input.params().id);
        const { limit = 1000, format, ...filter } = input.query();
        const all = sandbox.journal.find(filter as JournalFilter);
        const entries = all.slice(Math.max(0, all.length - limit));
        const jsonl =
          format === 'jsonl' ||
          (format === undefined && preferredType(request.headers.accept, ['application/json', 'application/x-ndjson']) === 'application/x-ndjson');
        if (jsonl)
          return reply.type('application/x-ndjson; charset=utf-8').send(entries.map((e) => JSON.stringify(e)).join('\n') + (entries.length > 0 ? '\n' : ''));
        const { journal } = sandbox;
        return { entries, size: journal.size, total: journal.total, dropped: journal.dropped, cap: journal.cap, masked: journal.mask };
      }),
    ),
    defineRoute(
      {
        method: 'GET',
        path: `${base}/journal/count`,
        system: 'admin',
        operationId: 'countJournal',
        summary: 'How many journal entries match',
        params: SandboxIdParams,
        query: JournalFilterSchema,
        responses: { 200: { description: 'The count', schema: z.object({ count: z.number().int() }) }, ...ERRORS },
        security: [...CONTROL],
      },
      adminHandler(async (_request, _reply, input) => {
        const sandbox = await registry.get(input.params().id);
        return { count: sandbox.journal.count(input.query()) };
      }),
    ),
    defineRoute(
      {
        method: 'GET',
        path: `${base}/journal/verify`,
        system: 'admin',
        operationId: 'verifyJournal',
        summary: 'Whether the number of matching entries is as expected ("the diary of region 68 was called exactly once")',
        params: SandboxIdParams,
        query: JournalVerifySchema,
        responses: {
          200: { description: 'The verdict (ok true or false) with the count and the matching entries', schema: JournalVerificationSchema },
          ...ERRORS,
        },
        security: [...CONTROL],
      },
      adminHandler(async (_request, _reply, input) => {
        const sandbox = await registry.get(input.params().id);
        const { count: exactly, atLeast, atMost, ...filter } = input.query();
        const entries = sandbox.journal.find(filter);
        const count = entries.length;
        const ok = (exactly === undefined || count === exactly) && (atLeast === undefined || count >= atLeast) && (atMost === undefined || count <= atMost);
        const expected = [
          exactly !== undefined ? `exactly ${exactly}` : null,
          atLeast !== undefined ? `at least ${atLeast}` : null,
          atMost !== undefined ? `at most ${atMost}` : null,
        ]
          .filter((x) => x !== null)
          .join(' and ');
        return { ok, count, expected, dropped: sandbox.journal.dropped, entries: entries.slice(-20) };
      }),
    ),
    defineRoute(
      {
        method: 'DELETE',
        path: `${base}/journal`,
        system: 'admin',
        operationId: 'clearJournal',
        summary: "Empty the sandbox's journal (its counters start again)",
        params: SandboxIdParams,
        responses: { 200: { description: 'How many entries were removed', schema: z.object({ cleared: z.number().int() }) }, 404: ERRORS[404] },
        security: [...CONTROL],
      },
      adminHandler(async (_request, _reply, input) => {
        const sandbox = await registry.get(input.params().id);
        const cleared = sandbox.journal.size;
        sandbox.journal.clear();
        return { cleared };
      }),
    ),
  ]);
}
