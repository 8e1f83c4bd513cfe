import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld } from '../../../seeds/index.ts';
import { runEdusim } from '../../cli/run-edusim.ts';
import { startServer, type RunningServer } from '../../http/server.ts';
import { scriptedLogin } from './scripted-client.ts';

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

  describe('against a running edusim', () => {
    let server: RunningServer;
    beforeAll(async () => {
      server = await startServer(createWorld({ seed: 42, scale: 'demo' }), { port: 0, host: '127.0.0.1' });
    });
    afterAll(() => server.close());

    it('--traps queues a trap; a client without an aud check falls for it, and the report says so per attempt (exit 1)', async () => {
      const queued = await runEdusim(['verify', 'esia-client', '--sandbox', 'default', '--url', server.url, '--traps', 'wrong-aud']);
      expect(queued.code).toBe(0);
      expect(queued.stdout).toBe('Ловушки поставлены: wrong-aud. Выполните вход 1 раз(а), затем запустите проверку без --traps.\n');
      const now = async () => new Date(((await (await fetch(`${server.url}/_edusim/sandboxes/default/clock`)).json()) as { now: string }).now);
      const login = {
        esia: `${server.url}/sandboxes/default/esia`,
        now,
        persona: 'teacher-with-rights',
        redirectUri: 'http://localhost:8080/cb',
        flaw: 'no-aud-check' as const,
      };
      expect(await scriptedLogin(login)).toEqual({ loggedIn: true, oid: expect.any(Number) as number });
      expect(await scriptedLogin(login)).toEqual({ loggedIn: true, oid: expect.any(Number) as number });

      const junit = join(mkdtempSync(join(tmpdir(), 'edusim-verify-esia-')), 'esia.xml');
      const answer = await runEdusim([
        'verify',
        'esia-client',
        '--sandbox',
        'default',
        '--url',
        server.url,
        '--client-id',
        'EDUSIM',
        '--json',
        '--junit',
        junit,
      ]);
      expect(answer.code).toBe(1);
      const report = JSON.parse(answer.stdout) as {
        attempts: { attempt: number; trap: string | null; fell: boolean | null }[];
        checks: { id: string; status: string }[];
      };
      expect(report.attempts.map(({ attempt, trap, fell }) => ({ attempt, trap, fell }))).toEqual([
        { attempt: 1, trap: 'wrong-aud', fell: true },
        { attempt: 2, trap: null, fell: null },
      ]);
      expect(report.checks.filter((c) => c.status !== 'pass')).toEqual([expect.objectContaining({ id: 'trap.wrong-aud', status: 'failed' })]);
      expect(readFileSync(junit, 'utf8')).toContain(
        '<testcase classname="esia-client.trap" name="trap.wrong-aud — Ловушка: id_token для другой системы (aud) отвергнут" time="0"><failure',
      );
    });
  });
});
