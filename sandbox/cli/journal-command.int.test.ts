import { spawn } from 'node:child_process';
import { BIN, runEdusim } from './run-edusim.ts';
import { afterAll, describe, expect, it } from 'vitest';
import { createWorld } from '../../seeds/index.ts';
import { startServer } from '../index.ts';

const edusim = (...args: string[]) => runEdusim(args);

const server = await startServer(createWorld({ seed: 42, scale: 'demo' }), { port: 0, host: '127.0.0.1' }, { dateChosen: true });
afterAll(() => server.close());
const TEACHER_OID = 1861968956;

/** A sandbox where the teacher logged in and ran the flow query once with region 36's diary broken: 4 entries. */
async function sandboxWithTraffic(id: string): Promise<{ args: string[]; traceId: string }> {
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-edusim-sandbox': id, ...headers },
      body: JSON.stringify(body),
    });
  expect((await post('/_edusim/sandboxes', { id, date: '2026-11-23', clock: { at: '2026-11-23T09:00:00+03:00', frozen: true } })).status).toBe(201);
  const { access_token } = (await (await post('/esia/sim/login', { persona: 'teacher-with-rights', consent: true })).json()) as { access_token: string };
  const flow = await post(
    '/graphql',
    { query: 'query Flow { me { diary(from: "2026-11-16", to: "2026-11-20") { region } } }' },
    { authorization: `Bearer ${access_token}`, 'x-edusim-fault': 'diary/36/schedule:status=503' },
  );
  return { args: ['--sandbox', id, '--url', server.url], traceId: flow.headers.get('x-edusim-trace-id') ?? '' };
}

describe('edusim journal', () => {
  it('lists the entries (the default), filtered, as lines, JSON or JSON lines', async () => {
    const { args, traceId } = await sandboxWithTraffic('journal-1');
    const listed = await edusim('journal', ...args);
    expect(listed.code).toBe(0);
    const lines = listed.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^#1 \S+ esia sim-login POST \/sim\/login → 200 in \d+ ms \(client; trace [0-9a-f]{32}; consents 0 → 1\)$/);
    expect(lines[2]?.replace(/^(#3) \S+ /, '$1 ').replace(/in \d+ ms/, 'in N ms')).toBe(
      `#3 diary/36 schedule GET /Schedule/${TEACHER_OID}?start=2026-11-16&end=2026-11-20 → 503 in N ms (gateway; trace ${traceId}; X-Edusim-Fault: HTTP 503; error transient)`,
    );

    const jsonl = await edusim('journal', '--system', 'diary', '--jsonl', ...args);
    expect(
      jsonl.stdout
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line) as { seq: number; operation: string; status: number; traceId: string }),
    ).toEqual([
      expect.objectContaining({ seq: 2, operation: 'token', status: 200, traceId }),
      expect.objectContaining({ seq: 3, operation: 'schedule', status: 503, traceId }),
    ]);
    const page = JSON.parse((await edusim('journal', 'list', '--trace', traceId, '--limit', '1', '--json', ...args)).stdout) as Record<string, unknown>;
    expect(page).toMatchObject({
      size: 4,
      total: 4,
      dropped: 0,
      cap: 5000,
      masked: true,
      entries: [{ seq: 4, system: 'gateway', operation: 'Flow', error: 'DIARY_UNAVAILABLE' }],
    });
    expect((await edusim('journal', '--status', '5xx', '--caller', 'gateway', '--faulted', 'true', '--since', '2', ...args)).stdout).toMatch(/^#3 [^\n]+\n$/);
  });

  it('counts, verifies (exit 1 with the count, the expectation and the entries) and clears', async () => {
    const { args } = await sandboxWithTraffic('journal-2');
    expect(await edusim('journal', 'count', '--system', 'diary', '--region', '36', ...args)).toEqual({ code: 0, stdout: '2\n', stderr: '' });
    expect(JSON.parse((await edusim('journal', 'count', '--method', 'post', '--json', ...args)).stdout)).toEqual({ count: 3 });
    expect(await edusim('journal', 'verify', '--system', 'diary', '--operation', 'schedule', '--count', '1', ...args)).toEqual({
      code: 0,
      stdout: 'ok: 1 matching entry (expected exactly 1)\n',
      stderr: '',
    });
    expect((await edusim('journal', 'verify', '--system', 'gateway', '--at-least', '1', '--at-most', '2', ...args)).stdout).toBe(
      'ok: 1 matching entry (expected at least 1 and at most 2)\n',
    );

    const failed = await edusim('journal', 'verify', '--system', 'diary', '--count', '1', ...args);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toBe('');
    const lines = failed.stderr.trimEnd().split('\n');
    expect(lines[0]).toBe('edusim: journal: expected exactly 1 entry matching system=diary, found 2:');
    expect(lines.slice(1).map((line) => line.replace(/^ {2}(#\d) \S+ (\S+ \S+) .*$/, '$1 $2'))).toEqual(['#2 diary/36 token', '#3 diary/36 schedule']);

    const failedJson = await edusim('journal', 'verify', '--system', 'diary', '--at-most', '1', '--json', ...args);
    expect(failedJson.code).toBe(1);
    expect(JSON.parse(failedJson.stdout)).toMatchObject({ ok: false, count: 2, expected: 'at most 1', entries: [{ seq: 2 }, { seq: 3 }] });

    expect(await edusim('journal', 'clear', ...args)).toEqual({ code: 0, stdout: '4 entries cleared\n', stderr: '' });
    expect((await edusim('journal', 'count', ...args)).stdout).toBe('0\n');
  });

  it('follows the journal: the matching entries, then each new one', async () => {
    const { args } = await sandboxWithTraffic('journal-3');
    const child = spawn(process.execPath, [BIN, 'journal', '--follow', '--interval', '100', '--system', 'esia', '--jsonl', ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const seen: number[] = [];
    const lines = new Promise<void>((resolve, reject) => {
      let buffer = '';
      child.stdout.on('data', (chunk: Buffer) => {
        buffer += String(chunk);
        for (let end = buffer.indexOf('\n'); end >= 0; end = buffer.indexOf('\n')) {
          seen.push((JSON.parse(buffer.slice(0, end)) as { seq: number }).seq);
          buffer = buffer.slice(end + 1);
          if (seen.length === 1)
            void fetch(`${server.url}/esia/sim/login`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', 'x-edusim-sandbox': 'journal-3' },
              body: JSON.stringify({ persona: 'pupil-child-account' }),
            });
          if (seen.length === 2) resolve();
        }
      });
      child.once('exit', (code) => reject(new Error(`exited with ${code}`)));
    });
    await lines;
    child.kill('SIGINT');
    expect(seen).toEqual([1, 5]);
  });

  it.each([
    [['journal', '--status', '5x'], '--status "5x" is not valid: expected a status like 503 or a class like 5xx'],
    [['journal', '--system', 'ldap'], '--system "ldap" is not valid: Invalid option: expected one of "esia"|"consent"|"diary"|"gateway"'],
    [['journal', '--limit', '0'], '--limit "0" is not valid: expected a number of entries, 1–100000'],
    [['journal', 'count', '--trace', 'abc'], '--trace "abc" is not valid: expected a trace id: 32 lowercase hex digits'],
    [
      ['journal', 'count', '--since', 'yesterday'],
      '--since "yesterday" is not valid: expected an ISO-8601 instant with a zone, e.g. 2026-11-23T09:00:00+03:00 (entries started at or after it), or a journal seq number (entries after it)',
    ],
    [['journal', 'verify', '--system', 'diary'], 'give --count N, --at-least N or --at-most N: what the number of matching entries must be'],
    [['journal', 'verify', '--count', 'one'], '--count "one" is not valid: expected a whole number'],
    [['journal', '--follow', '--json'], '--follow prints entries as they come: use --jsonl for JSON, not --json'],
    [
      ['journal', 'clear', '--sandbox', 'nobody'],
      'no sandbox "nobody"; create one with POST /_edusim/sandboxes (or `edusim sandbox create`); list them with GET /_edusim/sandboxes',
    ],
  ])('refuses %j with one line and exit code 2', async (args, message) => {
    expect(await edusim(...args, '--url', server.url)).toEqual({ code: 2, stdout: '', stderr: `edusim: ${message}\n` });
  });

  it('answers --help on every subcommand', async () => {
    for (const args of [
      ['journal'],
      ['journal', 'list'],
      ['journal', 'count'],
      ['journal', 'verify'],
      ['journal', 'clear'],
      ['fault'],
      ['fault', 'add'],
      ['fault', 'set'],
    ]) {
      const { code, stdout } = await edusim(...args, '--help');
      expect(code).toBe(0);
      expect(stdout).toMatch(/^Usage: edusim/);
    }
  });
});
