/**
 * `edusim start --state FILE` loses nothing across `kill -9`: sandboxes, their state and clock,
 * clients and signing keys come back, so tokens issued before the kill still verify after it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const BIN = new URL('../bin/edusim.mjs', import.meta.url).pathname;
const QUERY = JSON.stringify({ query: '{ me { oid registry { region { code } } } }' });

let child: ChildProcess | null = null;
afterEach(() => {
  child?.kill('SIGKILL');
  child = null;
});

async function start(state: string): Promise<string> {
  child = spawn(process.execPath, [BIN, 'start', '--port', '0', '--host', '127.0.0.1', '--state', state], { stdio: ['ignore', 'pipe', 'pipe'] });
  let errors = '';
  child.stderr?.on('data', (chunk: Buffer) => (errors += String(chunk)));
  return new Promise<string>((resolve, reject) => {
    child?.stdout?.on('data', (chunk: Buffer) => {
      const m = /listening on (http:\/\/[^\s]+)/.exec(String(chunk));
      if (m?.[1]) resolve(m[1]);
    });
    child?.once('exit', (code) => reject(new Error(`edusim exited with ${code}: ${errors}`)));
  });
}

function killHard(): Promise<void> {
  const dying = child;
  child = null;
  return new Promise((resolve) => {
    if (!dying || dying.exitCode !== null) return resolve();
    dying.once('exit', () => resolve());
    dying.kill('SIGKILL');
  });
}

const json = (body: unknown) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
const settle = () => new Promise((resolve) => setTimeout(resolve, 2_500));

describe('edusim start --state FILE under kill -9', () => {
  it('brings back sandboxes, consents, clocks, clients and keys: old tokens verify after every restart', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'edusim-kill-'));
    const state = join(folder, 'sandboxes.json');
    writeFileSync(`${state}.deadbeef0000.tmp`, 'half a file from a killed save');

    let url = await start(state);
    await fetch(`${url}/_edusim/sandboxes`, json({ id: 'kept', clock: { at: '2026-11-23T09:00:00+03:00' } }));
    await fetch(`${url}/_edusim/sandboxes/kept/scenarios`, json({ name: 'consent-granted', params: { persona: 'teacher-with-rights' } }));
    await fetch(`${url}/sandboxes/kept/esia/sim/clients`, json({ clientId: 'VENDOR01', redirectUris: ['https://vendor.example/cb'], scopes: [] }));
    const kept = ((await (await fetch(`${url}/sandboxes/kept/esia/sim/login`, json({ persona: 'teacher-with-rights' }))).json()) as { access_token: string })
      .access_token;
    const onDefault = (
      (await (await fetch(`${url}/esia/sim/login`, json({ persona: 'teacher-with-rights', consent: true }))).json()) as { access_token: string }
    ).access_token;
    await settle();
    expect(readdirSync(folder).filter((f) => f.endsWith('.tmp'))).toEqual([]);

    for (let round = 1; round <= 3; round++) {
      await killHard();
      url = await start(state);
      const me = async (sandbox: string | null, token: string) =>
        (await (
          await fetch(`${url}/graphql`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...(sandbox ? { 'x-edusim-sandbox': sandbox } : {}) },
            body: QUERY,
          })
        ).json()) as { data?: { me?: { registry?: { region: { code: string } } } }; errors?: unknown[] };
      const inKept = await me('kept', kept);
      const inDefault = await me(null, onDefault);
      const info = (await (await fetch(`${url}/_edusim/sandboxes/kept`)).json()) as { clients: string[] };
      expect({
        round,
        kept: inKept.errors ?? inKept.data?.me?.registry,
        default: inDefault.errors ?? inDefault.data?.me?.registry,
        clients: info.clients,
      }).toEqual({
        round,
        kept: { region: { code: '36' } },
        default: { region: { code: '36' } },
        clients: ['EDUSIM', 'VENDOR01'],
      });
      // A change in every round, killed soon after: it is in the file by the time the next round starts.
      await fetch(`${url}/_edusim/sandboxes`, json({ id: `round-${round}` }));
      await settle();
      const list = (await (await fetch(`${url}/_edusim/sandboxes`)).json()) as { sandboxes: { id: string }[] };
      expect(list.sandboxes.map((s) => s.id).sort()).toEqual(['default', 'kept', ...Array.from({ length: round }, (_, i) => `round-${i + 1}`)].sort());
    }
    await killHard();
    expect(readdirSync(folder).filter((f) => f.endsWith('.tmp')).length).toBeLessThanOrEqual(1);
  }, 90_000);

  it('refuses a state file that does not check out, naming the problem, and starts nothing', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'edusim-bad-'));
    const state = join(folder, 'sandboxes.json');
    writeFileSync(state, JSON.stringify({ format: 'edusim-sandboxes', version: 9, sandboxes: [] }));
    await expect(start(state)).rejects.toThrow(`edusim exited with 2: edusim: --state ${state}: version: expected version 1\n`);
  });
});
