import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mountSimulator } from '../../mocks/index.ts';
import { createWorld } from '../../seeds/index.ts';
import { runEdusim } from '../cli/run-edusim.ts';
import { badBody, diaryFixtures } from './broken-diaries.ts';

// `edusim verify diary` as a vendor runs it: a child process, real sockets (port 0), the world
// built from the same options on both sides.
describe('edusim verify diary', () => {
  const out = mkdtempSync(join(tmpdir(), 'edusim-verify-'));

  it('--self-test: edusim’s own diary passes every check, each broken diary fails exactly its own, exit 0', async () => {
    const html = join(out, 'sample-report.html');
    const answer = await runEdusim(['verify', 'diary', '--self-test', '--region', '68', '--json', '--html', html]);
    expect(answer.stderr).not.toMatch(/edusim: /);
    expect(answer.code).toBe(0);
    const result = JSON.parse(answer.stdout) as { ok: boolean; outcomes: { name: string; expected: string[]; failed: string[]; ok: boolean }[] };
    expect(result.ok).toBe(true);
    expect(result.outcomes.map(({ name, failed, ok }) => ({ name, failed, ok }))).toEqual([
      { name: 'builtin', failed: [], ok: true },
      { name: 'wrong-field-name', failed: ['contract.shape'], ok: true },
      { name: 'naive-dates', failed: ['contract.dates'], ok: true },
      { name: 'marks-of-another-pupil', failed: ['world.marks'], ok: true },
      { name: 'error-on-unknown-oid', failed: ['errors.unknown-oid'], ok: true },
      { name: 'any-secret', failed: ['token.wrong-secret'], ok: true },
      { name: 'slow', failed: ['load.latency'], ok: true },
    ]);
    const page = readFileSync(html, 'utf8');
    expect(page).toMatch(/^<!doctype html>/);
    expect(page).toContain('пройдено 23, предупреждений 0, не пройдено 0, пропущено 0');
  });

  describe('against a vendor’s address', () => {
    const world = createWorld({ seed: 42, scale: 'demo', region: '68' });
    const anySecret = diaryFixtures({ world, region: '68', now: () => new Date('2026-11-23T12:00:00+03:00'), slowMs: 0 }).find((f) => f.name === 'any-secret');
    const app = Fastify();
    let url = '';
    beforeAll(async () => {
      await mountSimulator(app, { prefix: '/api', handler: anySecret!.handler, onBadBody: badBody });
      await app.listen({ port: 0, host: '127.0.0.1' });
      const address = app.server.address();
      url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/api`;
    });
    afterAll(() => app.close());

    it('exits 1 naming the failed check, how to fix it and the requirement, and writes JUnit for CI', async () => {
      const junit = join(out, 'report.xml');
      const answer = await runEdusim([
        'verify',
        'diary',
        '--region',
        '68',
        '--scale',
        'demo',
        '--url',
        url,
        '--rate',
        '20',
        '--duration',
        '500ms',
        '--junit',
        junit,
      ]);
      expect(answer.code).toBe(1);
      const lines = answer.stdout.split('\n');
      expect(lines[0]).toBe(`edusim verify diary — ${url}, регион 68 (мир: seed 42, demo, 2026-11-23)`);
      expect(lines).toContain('  ✗ token.wrong-secret    Неверный секрет отклоняется: Маркер выдан, хотя запрос должен быть отклонён');
      expect(lines).toContain('      Требование: docs/diary-contract.md#post-basetoken');
      expect(lines.at(-2)).toMatch(/^Итого: пройдено 22, предупреждений 0, не пройдено 1, пропущено 0 — за \d+,\d с$/);
      expect(readFileSync(junit, 'utf8')).toContain('failures="1" errors="0" skipped="0"');
    });

    it('refuses bad options with exit 2, naming the option and what it accepts', async () => {
      expect(await runEdusim(['verify', 'diary', '--url', 'ftp://vendor.example/api'])).toMatchObject({
        code: 2,
        stderr: 'edusim: --url "ftp://vendor.example/api" is not valid: expected an http(s) URL, e.g. https://vendor.example/api\n',
      });
      expect(await runEdusim(['verify', 'diary', '--url', url, '--duration', 'a minute'])).toMatchObject({
        code: 2,
        stderr: 'edusim: --duration "a minute" is not valid: expected 100ms … 60m, e.g. 60s, 1500ms, 2m\n',
      });
      expect((await runEdusim(['verify', 'diary'])).stderr).toBe(
        'edusim: --url is required: the diary base URL, e.g. --url https://vendor.example/api (or --self-test)\n',
      );
    });
  });
});
