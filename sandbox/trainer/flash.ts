/**
 * What the last action on the panel did, shown once the browser is back on the page (a POST
 * answers 303; the message rides on the redirect as a short id, not as text anyone could forge).
 */
import { randomBytes } from 'node:crypto';
import type { Sandbox } from '../sandbox.ts';

export interface Flash {
  readonly kind: 'done' | 'refused';
  /** Russian, for the room. */
  readonly text: string;
}

const KEPT = 20;
const messages = new WeakMap<Sandbox, Map<string, Flash>>();

export function putFlash(sandbox: Sandbox, flash: Flash): string {
  let kept = messages.get(sandbox);
  if (!kept) messages.set(sandbox, (kept = new Map()));
  const id = randomBytes(6).toString('base64url');
  kept.set(id, flash);
  while (kept.size > KEPT) kept.delete(kept.keys().next().value as string);
  return id;
}

export function flashOf(sandbox: Sandbox, id: string | undefined): Flash | undefined {
  return id === undefined ? undefined : messages.get(sandbox)?.get(id);
}
