/**
 * A regional diary's injected fault, declared once: it checks `PUT {base}/sim/fault`, and the
 * faults in a sandbox snapshot. `slow` needs its delay (0–120 000 ms); nothing else is accepted.
 */
import { z } from 'zod';
import { zodProblem } from '../http/problem.ts';

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
  return zodProblem(error, undefined, ['mode', 'delayMs (with "slow")']);
}
