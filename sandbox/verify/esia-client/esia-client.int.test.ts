import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runEdusim } from '../../cli/run-edusim.ts';

// `edusim verify esia-client --self-test` as a vendor runs it: a child process; edusim inside it on port 0.
describe('edusim verify esia-client', () => {
  it('--self-test: the good client passes everything and refuses every trap; each broken client is caught by its own check only; exit 0', async () => {
    const html = join(mkdtempSync(join(tmpdir(), 'edusim-verify-esia-')), 'sample-esia-report.html');
    const answer = await runEdusim(['verify', 'esia-client', '--self-test', '--json', '--html', html]);
    expect(answer.stderr).not.toMatch(/edusim: /);
    expect(answer.code).toBe(0);
    const result = JSON.parse(answer.stdout) as { ok: boolean; outcomes: { name: string; failed: string[]; ok: boolean; counts: Record<string, number> }[] };
    expect(result.ok).toBe(true);
    expect(result.outcomes.map(({ name, failed, ok, counts }) => ({ name, failed, ok, counts }))).toEqual([
      { name: 'good', failed: [], ok: true, counts: { pass: 15, warning: 0, failed: 0, skipped: 0 } },
      { name: 'any-signature', failed: ['trap.bad-signature', 'trap.unknown-key'], ok: true, counts: { pass: 13, warning: 0, failed: 2, skipped: 0 } },
      { name: 'ignores-state', failed: ['trap.state-mismatch'], ok: true, counts: { pass: 14, warning: 0, failed: 1, skipped: 0 } },
      { name: 'no-aud-check', failed: ['trap.wrong-aud'], ok: true, counts: { pass: 14, warning: 0, failed: 1, skipped: 0 } },
    ]);
    const page = readFileSync(html, 'utf8');
    expect(page).toMatch(/^<!doctype html>/);
    expect(page).toContain('пройдено 15, предупреждений 0, не пройдено 0, пропущено 0');
    expect(page).toContain('ловушка state-mismatch: система отказалась от входа');
  });

  it('refuses an unknown trap with the list of known ones (exit 2)', async () => {
    const answer = await runEdusim(['verify', 'esia-client', '--sandbox', 'default', '--traps', 'wrong-iss,forged']);
    expect(answer.code).toBe(2);
    expect(answer.stderr).toContain(
      '--traps "wrong-iss,forged" is not valid: unknown "forged"; expected a comma-separated list of wrong-iss, wrong-aud, expired, bad-signature, unknown-key, state-mismatch',
    );
  });
});
