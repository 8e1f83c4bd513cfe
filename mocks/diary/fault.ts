/**
 * A regional diary's injected fault, declared once: it checks `PUT {base}/sim/fault`, and the
 * faults in a sandbox snapshot. `slow` needs its delay (0–120 000 ms); nothing else is accepted.
 */
import { z } from 'zod';

export const DiaryFaultSchema = z.discriminatedUnion(
  'mode',
  [
    z.strictObject({ mode: z.literal('ok') }),
    z.strictObject({ mode: z.literal('down') }),
    z.strictObject({ mode: z.literal('slow'), delayMs: z.number().int().min(0).max(120_000) }),
    z.strictObject({ mode: z.literal('off-contract') }),
  ],
  { message: 'expected {"mode": "ok" | "down" | "off-contract"} or {"mode": "slow", "delayMs": 0–120000}' },
);

export type DiaryFault = z.output<typeof DiaryFaultSchema>;

/** The first problem with a fault body, naming the field. */
export function faultProblem(error: z.ZodError): string {
  const issue = error.issues[0];
  const path = issue?.path.join('.') ?? '';
  if (issue?.code === 'unrecognized_keys') return `unknown field ${issue.keys.map((k) => `"${k}"`).join(', ')}; accepted: mode, delayMs (with "slow")`;
  return `${path || 'the body'}: ${issue?.message ?? 'not valid'}`;
}
