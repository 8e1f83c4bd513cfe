import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { PERSONA_HANDLES } from '../../seeds/index.ts';

const run = promisify(execFile);
const BIN = new URL('../../bin/edusim.mjs', import.meta.url).pathname;

async function edusim(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { maxBuffer: 1 << 26 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('the edusim CLI', () => {
  it('prints region counts as JSON', async () => {
    const { code, stdout } = await edusim('world', 'stats', '--scale', 'region', '--seed', '42', '--json');
    expect(code).toBe(0);
    const stats = JSON.parse(stdout);
    expect({ pupils: stats.pupils, schools: stats.schools, teachers: stats.teachers, classes: stats.classes, regions: stats.regions }).toEqual({
      pupils: 245_000,
      schools: 672,
      teachers: 16_225,
      classes: 11_926,
      regions: 1,
    });
  });

  it('lists personas with oids that `world get` finds again in a country world', async () => {
    const personas = JSON.parse((await edusim('personas', '--scale', 'country', '--seed', '42', '--json')).stdout);
    expect(personas.personas).toHaveLength(13);
    const teacher = personas.personas.find((p: { handle: string }) => p.handle === 'teacher-with-rights');
    const { code, stdout } = await edusim('world', 'get', '--scale', 'country', '--seed', '42', '--oid', String(teacher.oid), '--json');
    expect(code).toBe(0);
    const person = JSON.parse(stdout);
    expect(person.id).toBe(teacher.personId);
    expect(person.snils).toBe(teacher.snils);
  });

  it.each([
    [['world', 'stats', '--scale', 'galaxy'], 'edusim: --scale "galaxy" is not valid: expected one of demo, region, country\n'],
    [['world', 'stats', '--seed', '1.5'], 'edusim: --seed "1.5" is not valid: expected a non-negative integer (0 … 9007199254740991)\n'],
    [
      ['world', 'stats', '--scale', 'region', '--region', '99'],
      'edusim: region "99" is not valid: expected a region code from 01 to 95 (see `edusim world regions`)\n',
    ],
    [
      ['world', 'export', '--out', '/proc/edusim-nope', '--scale', 'demo'],
      'edusim: --out "/proc/edusim-nope" is not valid: expected a folder whose parent exists and is writable\n',
    ],
    [['world', 'export', '--out', '/tmp/x', '--format', 'xml'], 'edusim: --format "xml" is not valid: expected jsonl or csv\n'],
    [['world', 'get', '--oid', '12ab'], 'edusim: --oid "12ab" is not valid: expected digits, e.g. 1000299681\n'],
    [['start', '--port', 'http'], 'edusim: --port "http" is not valid: expected a port number 0–65535 (0 picks a free port)\n'],
    [['start', '--profile', 'loose'], 'edusim: --profile "loose" is not valid: expected lenient or strict\n'],
    [
      ['start', '--config', '/nonexistent/edusim.json'],
      "edusim: --config /nonexistent/edusim.json: not a readable JSON file (ENOENT: no such file or directory, open '/nonexistent/edusim.json')\n",
    ],
    [['login', '--persona', 'wizard'], `edusim: --persona "wizard" is not valid: expected one of ${PERSONA_HANDLES.join(', ')}\n`],
    [['login'], 'edusim: give exactly one of --persona or --oid\n'],
  ])('refuses %j with exit code 2 and one line', async (args, message) => {
    const { code, stderr, stdout } = await edusim(...args);
    expect(code).toBe(2);
    expect(stderr).toBe(message);
    expect(stdout).toBe('');
  });

  it('answers --help on every command', async () => {
    for (const args of [[], ['world'], ['world', 'stats'], ['world', 'get'], ['world', 'export'], ['world', 'regions'], ['personas'], ['start'], ['login']]) {
      const { code, stdout } = await edusim(...args, '--help');
      expect(code).toBe(0);
      expect(stdout).toMatch(/^Usage: edusim/);
    }
  });

  it('starts the server, prints where it listens and answers /health', async () => {
    const child = spawn(process.execPath, [BIN, 'start', '--port', '0', '--host', '127.0.0.1'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          const m = /listening on (http:\/\/[^\s]+)/.exec(String(chunk));
          if (m?.[1]) resolve(m[1]);
        });
        child.once('exit', (code) => reject(new Error(`exited with ${code}`)));
      });
      const health = await (await fetch(`${url}/health`)).json();
      expect(health).toMatchObject({ status: 'ok', world: { seed: 42, scale: 'demo', region: '36', asOf: '2026-11-23' } });
      const { code, stdout } = await edusim('login', '--persona', 'teacher-with-rights', '--json', '--url', url);
      expect(code).toBe(0);
      const tokens = JSON.parse(stdout) as Record<string, unknown>;
      expect(Object.keys(tokens).sort()).toEqual(['access_token', 'expires_in', 'id_token', 'state', 'token_type']);
      expect(tokens['token_type']).toBe('Bearer');
    } finally {
      child.kill('SIGTERM');
    }
  });
});
