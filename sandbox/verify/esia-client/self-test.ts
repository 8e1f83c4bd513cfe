/**
 * `edusim verify esia-client --self-test`: edusim on port 0, one strict sandbox per scripted
 * client; each logs in once plainly and once per trap, then the kit judges it from the journal.
 * The good client must pass every check; each broken one must fail exactly its own.
 */
import type { World } from '../../../seeds/index.ts';
import { DEMO_CLIENT_ID, TRAPS } from '../../../mocks/index.ts';
import { startServer } from '../../http/server.ts';
import { judgeFixture, type FixtureOutcome, type SelfTestResult } from '../self-test.ts';
import type { EsiaClientReport } from './report.ts';
import { sandboxBase, setTraps, verifyEsiaClient } from './run-esia-client.ts';
import { scriptedLogin, type ClientFlaw } from './scripted-client.ts';

/** Every trap, once each. */
export const SELF_TEST_TRAPS = TRAPS;

interface ScriptedFixture {
  readonly name: string;
  readonly title: string;
  readonly flaw: ClientFlaw | null;
  readonly caughtBy: readonly string[];
}

export const SCRIPTED_CLIENTS: readonly ScriptedFixture[] = [
  { name: 'good', title: 'проверяет подпись, iss, aud, exp и state', flaw: null, caughtBy: [] },
  { name: 'any-signature', title: 'не проверяет подпись id_token', flaw: 'any-signature', caughtBy: ['trap.bad-signature', 'trap.unknown-key'] },
  { name: 'ignores-state', title: 'не сверяет state на возврате', flaw: 'ignores-state', caughtBy: ['trap.state-mismatch'] },
  { name: 'no-aud-check', title: 'не проверяет aud id_token', flaw: 'no-aud-check', caughtBy: ['trap.wrong-aud'] },
];

export type EsiaFixtureOutcome = FixtureOutcome<EsiaClientReport>;
export type EsiaSelfTestResult = SelfTestResult<EsiaClientReport>;

export function judgeScripted(fixture: Pick<ScriptedFixture, 'name' | 'title' | 'caughtBy'>, report: EsiaClientReport): EsiaFixtureOutcome {
  // Every trap must have been served, or a client could pass by never being tested.
  const allServed = SELF_TEST_TRAPS.every((t) => report.checks.some((c) => c.id === `trap.${t}`));
  return judgeFixture(fixture, report, allServed);
}

async function json<T>(url: string, init?: RequestInit): Promise<T> {
  const response = await fetch(url, init);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

export async function selfTestEsiaClient(world: World, onFixture?: (name: string, index: number, total: number) => void): Promise<EsiaSelfTestResult> {
  const server = await startServer(world, { port: 0, host: '127.0.0.1' });
  const outcomes: EsiaFixtureOutcome[] = [];
  try {
    for (const [index, fixture] of SCRIPTED_CLIENTS.entries()) {
      onFixture?.(fixture.name, index, SCRIPTED_CLIENTS.length);
      const { id } = await json<{ id: string }>(`${server.url}/_edusim/sandboxes`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ profile: 'strict' }),
      });
      const target = { url: server.url, sandbox: id, clientId: DEMO_CLIENT_ID };
      const login = {
        esia: `${sandboxBase(target)}/esia`,
        now: async () => new Date((await json<{ now: string }>(`${server.url}/_edusim/sandboxes/${id}/clock`)).now),
        persona: 'teacher-with-rights',
        redirectUri: 'http://localhost:8080/esia/callback',
        flaw: fixture.flaw,
      };
      await scriptedLogin(login);
      await setTraps(target, SELF_TEST_TRAPS);
      for (let i = 0; i < SELF_TEST_TRAPS.length; i++) await scriptedLogin(login);
      outcomes.push(judgeScripted(fixture, await verifyEsiaClient(target)));
    }
  } finally {
    await server.close();
  }
  return { ok: outcomes.every((o) => o.ok), outcomes };
}
