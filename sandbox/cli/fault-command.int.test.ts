import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runEdusim } from './run-edusim.ts';
import { afterAll, describe, expect, it } from 'vitest';
import { createWorld } from '../../seeds/index.ts';
import { startServer } from '../index.ts';

const edusim = runEdusim;

const server = await startServer(createWorld({ seed: 42, scale: 'demo' }), { port: 0, host: '127.0.0.1' }, { dateChosen: true });
afterAll(() => server.close());
const at = ['--url', server.url];

async function newSandbox(id: string): Promise<void> {
  const created = await fetch(`${server.url}/_edusim/sandboxes`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ id }),
  });
  expect(created.status).toBe(201);
}

describe('edusim fault', () => {
  it('adds rules from flags, lists, removes and clears them', async () => {
    await newSandbox('faults-1');
    const sb = ['--sandbox', 'faults-1', ...at];
    expect(await edusim(['fault', 'add', '--system', 'diary', '--region', '68', '--operation', 'schedule', '--status', '503', '--times', '1', ...sb])).toEqual({
      code: 0,
      stdout: 'f1\n',
      stderr: '',
    });
    expect(
      (await edusim(['fault', 'add', '--system', 'esia', '--operation', 'token', '--esia-error', 'ESIA-007014', '--probability', '0.5', ...sb])).stdout,
    ).toBe('f2\n');
    expect((await edusim(['fault', 'add', '--system', 'gateway', '--latency', '200~50', ...sb])).stdout).toBe('f3\n');
    expect((await edusim(['fault', 'add', '--system', 'diary', '--path', '/Schedule/*', '--timeout', '--note', 'slow vendor', ...sb])).stdout).toBe('f4\n');
    const json = JSON.parse((await edusim(['fault', 'add', '--system', 'consent', '--timeout', '300', '--json', ...sb])).stdout) as unknown;
    expect(json).toEqual({ id: 'f5', rule: { system: 'consent', action: { kind: 'timeout', ms: 300 } }, fired: 0, remaining: null });
    for (const flag of ['--reset', '--malformed', '--off-contract']) expect((await edusim(['fault', 'add', '--system', 'esia', flag, ...sb])).code).toBe(0);

    const listed = await edusim(['fault', 'list', ...sb]);
    expect(listed.stdout.split('\n')).toEqual([
      'f1\tdiary/68 schedule\tHTTP 503\t(times 1; fired 0, 1 left)',
      'f2\tesia token\tESIA-007014\t(probability 0.5; fired 0)',
      'f3\tgateway\tlatency 200~50 ms\t(fired 0)',
      'f4\tdiary /Schedule/*\ttimeout\t(fired 0; slow vendor)',
      'f5\tconsent\ttimeout 300 ms\t(fired 0)',
      'f6\tesia\treset\t(fired 0)',
      'f7\tesia\tmalformed\t(fired 0)',
      'f8\tesia\toff-contract\t(fired 0)',
      '',
    ]);
    expect(await edusim(['fault', 'remove', 'f2', ...sb])).toEqual({ code: 0, stdout: 'f2 removed\n', stderr: '' });
    const rules = JSON.parse((await edusim(['fault', 'list', '--json', ...sb])).stdout) as { id: string }[];
    expect(rules.map((r) => r.id)).toEqual(['f1', 'f3', 'f4', 'f5', 'f6', 'f7', 'f8']);
    expect(await edusim(['fault', 'clear', ...sb])).toEqual({ code: 0, stdout: 'no fault rules\n', stderr: '' });
    expect((await edusim(['fault', 'list', ...sb])).stdout).toBe('no fault rules\n');
  });

  it('replaces every rule from a file, and the rules act', async () => {
    await newSandbox('faults-2');
    const file = join(tmpdir(), `edusim-rules-${process.pid}.json`);
    writeFileSync(file, JSON.stringify({ rules: [{ system: 'esia', operation: 'jwks', action: { kind: 'status', status: 502 }, times: 1 }] }));
    expect(await edusim(['fault', 'set', '--file', file, '--sandbox', 'faults-2', ...at])).toEqual({
      code: 0,
      stdout: 'f1\tesia jwks\tHTTP 502\t(times 1; fired 0, 1 left)\n',
      stderr: '',
    });
    expect((await fetch(`${server.url}/sandboxes/faults-2/esia/.well-known/jwks.json`)).status).toBe(502);
    expect((await fetch(`${server.url}/sandboxes/faults-2/esia/.well-known/jwks.json`)).status).toBe(200);
    expect((await edusim(['fault', 'list', '--sandbox', 'faults-2', ...at])).stdout).toBe('f1\tesia jwks\tHTTP 502\t(times 1; fired 1, 0 left)\n');
    writeFileSync(file, JSON.stringify([{ system: 'ldap', action: { kind: 'reset' } }]));
    expect(await edusim(['fault', 'set', '--file', file, '--sandbox', 'faults-2', ...at])).toEqual({
      code: 2,
      stdout: '',
      stderr: 'edusim: PUT /_edusim/sandboxes/faults-2/faults: rules[0].system: Invalid option: expected one of "esia"|"consent"|"diary"|"gateway"\n',
    });
  });

  it.each([
    [
      ['fault', 'add', '--system', 'diary'],
      'no action: give exactly one of --status CODE, --latency MS[~JITTER], --timeout [MS], --reset, --malformed, --off-contract or --esia-error ESIA-0070XX',
    ],
    [
      ['fault', 'add', '--system', 'diary', '--status', '503', '--reset'],
      '--status and --reset together: give exactly one of --status CODE, --latency MS[~JITTER], --timeout [MS], --reset, --malformed, --off-contract or --esia-error ESIA-0070XX',
    ],
    [['fault', 'add', '--system', 'ldap', '--reset'], '--system "ldap" is not valid: Invalid option: expected one of "esia"|"consent"|"diary"|"gateway"'],
    [['fault', 'add', '--system', 'esia', '--region', '68', '--reset'], '--region "68" is not valid: region is only for the diary system'],
    [['fault', 'add', '--system', 'diary', '--status', '99'], '--status "99" is not valid: Too small: expected number to be >=400'],
    [['fault', 'add', '--system', 'diary', '--status', 'down'], '--status "down" is not valid: expected a number'],
    [
      ['fault', 'add', '--system', 'diary', '--latency', 'slow'],
      '--latency "slow" is not valid: expected milliseconds, optionally with a jitter: 200 or 200~50',
    ],
    [['fault', 'add', '--system', 'diary', '--latency', '999999'], '--latency "999999" is not valid: Too big: expected number to be <=120000'],
    [
      ['fault', 'add', '--system', 'diary', '--esia-error', 'ESIA-007014'],
      '--esia-error is not valid: an esia-error action is only for the esia and consent systems',
    ],
    [['fault', 'add', '--system', 'diary', '--reset', '--probability', '2'], '--probability "2" is not valid: Too big: expected number to be <=1'],
    [['fault', 'remove', 'x'], 'rule "x" is not valid: expected a rule id like f1'],
    [['fault', 'remove', 'f9'], 'sandbox default has no fault rule f9; GET /_edusim/sandboxes/default/faults lists them'],
    [['fault', 'list', '--sandbox', 'Nobody!'], '--sandbox "Nobody!" is not valid: Invalid string: must match pattern /^[a-z0-9][a-z0-9-]{0,62}$/'],
    [
      ['fault', 'set', '--file', '/nonexistent.json'],
      "--file /nonexistent.json: not a readable JSON file (ENOENT: no such file or directory, open '/nonexistent.json')",
    ],
    [['fault', 'list', '--url', 'localhost:4000'], '--url "localhost:4000" is not valid: expected an absolute http(s) URL like http://localhost:4000'],
  ])('refuses %j with one line and exit code 2', async (args, message) => {
    const answer = await edusim(args.includes('--url') ? args : [...args, ...at]);
    expect(answer).toEqual({ code: 2, stdout: '', stderr: `edusim: ${message}\n` });
  });

  it('says so when edusim cannot be reached (exit 1)', async () => {
    const answer = await edusim(['fault', 'list', '--url', 'http://127.0.0.1:1']);
    expect(answer.code).toBe(1);
    expect(answer.stderr).toMatch(/^edusim: cannot reach http:\/\/127\.0\.0\.1:1 \(.*\): is `edusim start` running\?\n$/);
  });

  it('sends EDUSIM_ADMIN_TOKEN and EDUSIM_SECRET from the environment', async () => {
    const guarded = await startServer(createWorld({ seed: 42, scale: 'demo' }), { port: 0, host: '127.0.0.1' }, { adminToken: 'operator' });
    try {
      const created = (await (
        await fetch(`${guarded.url}/_edusim/sandboxes`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-edusim-admin-token': 'operator' },
          body: JSON.stringify({ id: 'mine' }),
        })
      ).json()) as { secret: string };
      const args = ['fault', 'add', '--system', 'gateway', '--reset', '--sandbox', 'mine', '--url', guarded.url];
      const refused = await edusim(args);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(/^edusim: POST \/_edusim\/sandboxes\/mine\/faults: the controls of sandbox "mine" need/);
      expect((await edusim(args, { EDUSIM_SECRET: created.secret })).stdout).toBe('f1\n');
      expect((await edusim(args, { EDUSIM_ADMIN_TOKEN: 'operator' })).stdout).toBe('f2\n');
    } finally {
      await guarded.close();
    }
  });
});
