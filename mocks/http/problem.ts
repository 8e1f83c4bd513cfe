/**
 * The first problem of a failed zod check, as one line naming the field and what it accepts —
 * the one formatter for every schema edusim checks input with (request bodies, snapshots, the
 * config file, client registrations, diary faults). `where` prefixes the line; `accepted` lists the
 * top-level fields when an unknown one is sent.
 */
import type { z } from 'zod';

export function zodProblem(error: z.ZodError, where?: string, accepted: readonly string[] = []): string {
  const prefix = where === undefined ? '' : `${where}: `;
  const issue = error.issues[0];
  if (!issue) return `${prefix}not valid`;
  const path = issue.path.reduce<string>((text, key) => (typeof key === 'number' ? `${text}[${key}]` : text ? `${text}.${String(key)}` : String(key)), '');
  if (issue.code === 'unrecognized_keys') {
    const field = path ? `${path}.` : '';
    const list = path === '' && accepted.length > 0 ? `; accepted: ${accepted.join(', ')}` : '';
    return `${prefix}unknown field ${issue.keys.map((k) => `"${field}${k}"`).join(', ')}${list}`;
  }
  // A record's key: the key schema's own message says what is accepted.
  if (issue.code === 'invalid_key') return `${prefix}${path}: ${issue.issues[0]?.message ?? issue.message}`;
  return `${prefix}${path || 'the body'}: ${issue.message}`;
}
