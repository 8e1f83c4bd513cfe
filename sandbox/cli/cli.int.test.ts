import { spawn } from 'node:child_process';
import { BIN, runEdusim } from './run-edusim.ts';
import { describe, expect, it } from 'vitest';
import { PERSONA_HANDLES } from '../../seeds/index.ts';

const edusim = (...args: string[]) => runEdusim(args);

/** `edusim start` on a free port, and the URL it prints once it listens. */
function startEdusim(): { child: ReturnType<typeof spawn>; url: Promise<string> } {
  const child = spawn(process.execPath, [BIN, 'start', '--port', '0', '--host', '127.0.0.1'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const url = new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      const m = /listening on (http:\/\/[^\s]+)/.exec(String(chunk));
      if (m?.[1]) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code}`)));
  });
  return { child, url };
}

describe('the edusim CLI', () => {
  it('prints region counts as JSON', async () => {
    const { code, stdout } = await edusim('world', 'stats', '--scale', 'region', '--seed', '42', '--json');
    expect(code).toBe(0);
    const stats = JSON.parse(stdout);
    expect({ pupils: stats.pupils, schools: stats.schools, teachers: stats.teachers, classes: stats.classes, regions: stats.regions }).toEqual({
      pupils: 305_600,
      schools: 1_015,
      teachers: 21_987,
      classes: 16_072,
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
    [
      ['sandbox', 'create', '--url', 'localhost:4000'],
      'edusim: --url "localhost:4000" is not valid: expected an absolute http(s) URL like http://localhost:4000\n',
    ],
    [['sandbox', 'create', '--seed', '-1'], 'edusim: --seed "-1" is not valid: expected a non-negative integer\n'],
    [
      ['sandbox', 'restore', 'x', '--file', '/nonexistent.json'],
      "edusim: --file /nonexistent.json: not a readable JSON file (ENOENT: no such file or directory, open '/nonexistent.json')\n",
    ],
    [['start', '--max-sandboxes', 'lots'], 'edusim: --max-sandboxes "lots" is not valid: expected a whole number from 1 to 100000\n'],
  ])('refuses %j with exit code 2 and one line', async (args, message) => {
    const { code, stderr, stdout } = await edusim(...args);
    expect(code).toBe(2);
    expect(stderr).toBe(message);
    expect(stdout).toBe('');
  });

  it('answers --help on every command', async () => {
    for (const args of [
      [],
      ['world'],
      ['world', 'stats'],
      ['world', 'get'],
      ['world', 'export'],
      ['world', 'regions'],
      ['personas'],
      ['start'],
      ['login'],
      ['sandbox'],
      ['sandbox', 'create'],
      ['sandbox', 'restore'],
      ['clock'],
      ['clock', 'advance'],
      ['scenario'],
      ['scenario', 'apply'],
    ]) {
      const { code, stdout } = await edusim(...args, '--help');
      expect(code).toBe(0);
      expect(stdout).toMatch(/^Usage: edusim/);
    }
  });

  it('starts the server, prints where it listens and answers /health', async () => {
    const { child, url: listening } = startEdusim();
    try {
      const url = await listening;
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

  it('prints the configuration it resolved from the file, the environment and the flags', async () => {
    const { code, stdout } = await edusim('start', '--print-config', '--scale', 'region', '--port', '4100', '--diary', '68=http://vendor.test/api/');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      port: 4100,
      host: '127.0.0.1',
      world: { seed: 42, scale: 'region', region: '36', date: '2026-11-23', dateChosen: false },
      esia: { profile: 'lenient', issuer: null, clients: [] },
      diaries: { '68': 'http://vendor.test/api' },
      diaryClients: {},
      diaryTimeoutMs: null,
      split: false,
      state: null,
      maxSandboxes: 1000,
      adminToken: null,
      forwardSecret: null,
    });
  });

  it('creates a sandbox, logs in to it, resets it and moves its clock past the token: the README’s five minutes for QA', async () => {
    const { child, url: listening } = startEdusim();
    try {
      const url = await listening;
      const created = await edusim('sandbox', 'create', '--scale', 'demo', '--seed', '7', '--json', '--url', url);
      expect(created.code).toBe(0);
      const sandbox = JSON.parse(created.stdout) as { id: string; world: unknown };
      expect(sandbox.world).toEqual({ seed: 7, scale: 'demo', region: '36', date: '2026-11-23' });
      const login = await edusim('login', '--persona', 'teacher-with-rights', '--sandbox', sandbox.id, '--consent', '--json', '--url', url);
      expect(login.code).toBe(0);
      const token = (JSON.parse(login.stdout) as { access_token: string }).access_token;
      const me = (headers: Record<string, string>) =>
        fetch(`${url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
          body: JSON.stringify({ query: '{ me { oid registry { region { code } } } }' }),
        }).then((r) => r.json() as Promise<{ data?: { me?: { registry?: unknown } }; errors?: { extensions: { code: string } }[] }>);
      expect((await me({ 'x-edusim-sandbox': sandbox.id })).errors).toBeUndefined();
      expect((await me({})).errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');
      const other = JSON.parse((await edusim('sandbox', 'create', '--json', '--url', url)).stdout) as { id: string };
      expect((await me({ 'x-edusim-sandbox': other.id })).errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');

      expect(await edusim('sandbox', 'reset', sandbox.id, '--url', url)).toEqual({ code: 0, stdout: `${sandbox.id} reset\n`, stderr: '' });
      expect((await me({ 'x-edusim-sandbox': sandbox.id })).errors?.[0]?.extensions.code).toBe('CONSENT_REQUIRED');
      const advanced = await edusim('clock', 'advance', 'PT2H', '--sandbox', sandbox.id, '--json', '--url', url);
      expect(advanced.code).toBe(0);
      expect(Math.round((JSON.parse(advanced.stdout) as { offsetMs: number }).offsetMs / 60_000)).toBe(120);
      expect((await me({ 'x-edusim-sandbox': sandbox.id })).errors?.[0]?.extensions.code).toBe('UNAUTHENTICATED');

      const scenarios = await edusim('scenario', 'list', '--url', url);
      expect(scenarios.stdout.split('\n')[0]).toBe('consent-granted\tpersona | oid | personId\tДано согласие на передачу данных в «Моя школа»');
      const applied = await edusim('scenario', 'apply', 'diary-down', '--sandbox', sandbox.id, '--region', '36', '--url', url);
      expect(applied).toEqual({ code: 0, stdout: 'Дневник региона 36 недоступен: «Моя школа» получит DIARY_UNAVAILABLE.\n', stderr: '' });
      const missing = await edusim('sandbox', 'get', 'ghost', '--url', url);
      expect(missing).toEqual({
        code: 2,
        stdout: '',
        stderr: 'edusim: no sandbox "ghost"; create one with POST /_edusim/sandboxes (or `edusim sandbox create`); list them with GET /_edusim/sandboxes\n',
      });
      expect((await edusim('sandbox', 'delete', other.id, '--url', url)).stdout).toBe(`${other.id} deleted\n`);
    } finally {
      child.kill('SIGTERM');
    }
  }, 60_000);
});
