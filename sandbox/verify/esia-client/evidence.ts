/** A journal entry as a report's evidence: the request as it was filed (already masked by the journal) and the answer's status and error. */
import type { JournalEntry } from '../../journal/journal.ts';
import { maskQuery } from '../../journal/journal.ts';
import type { Evidence } from '../verdict.ts';

export function journalEvidence(label: string, entry: JournalEntry): Evidence {
  const line = `${entry.method} /${entry.system}${entry.path}${entry.query ? `?${maskQuery(entry.query)}` : ''}`;
  return {
    label: `${label} (журнал №${entry.seq}, ${entry.sandboxAt})`,
    request: entry.form !== undefined ? `${line}\n${maskQuery(entry.form)}` : line,
    status: entry.status,
    response:
      entry.error !== undefined
        ? `error: ${entry.error}${entry.esiaCode !== undefined ? ` (${entry.esiaCode})` : ''}`
        : entry.status < 400
          ? 'без ошибки'
          : 'ошибка без кода',
    latencyMs: entry.latencyMs,
  };
}
