/**
 * `edusim verify diary --self-test`: the kit against edusim's own diary (every check must pass)
 * and against each broken diary (exactly its own check must fail), each served on a real socket
 * (port 0) for the run. Passes only when every fixture is judged as it should be.
 */
import Fastify from 'fastify';
import { DEFAULT_DIARY_CLIENT, mountSimulator } from '../../mocks/index.ts';
import type { World } from '../../seeds/index.ts';
import { badBody, diaryFixtures, type DiaryFixture } from './broken-diaries.ts';
import type { LoadOptions } from './load.ts';
import { verifyDiary } from './run-diary.ts';
import type { VerifyReport } from './verdict.ts';

export interface SelfTestOptions {
  readonly world: World;
  readonly region: string;
  readonly load: LoadOptions;
  readonly p95BudgetMs: number;
  /** How slow the slow diary is: well over the budget. */
  readonly slowMs: number;
  /** Told when each fixture starts. */
  readonly onFixture?: (fixture: DiaryFixture, index: number, total: number) => void;
}

/** A short load phase and a budget the slow diary clearly misses: the self-test takes seconds, not minutes. */
export const SELF_TEST_DEFAULTS = { load: { rate: 20, durationMs: 1000 }, p95BudgetMs: 500, slowMs: 800 } as const;

/** What a self-test reads of a report: each check's id, status and whether its own set-up failed. */
interface JudgedReport {
  readonly checks: readonly { readonly id: string; readonly status: string; readonly setupFailed?: unknown }[];
}

/** One fixture of a self-test (a diary or an ESIA client, built in or broken on purpose) and how the kit judged it. */
export interface FixtureOutcome<R extends JudgedReport = VerifyReport> {
  readonly name: string;
  readonly title: string;
  readonly expected: readonly string[];
  /** The checks that failed or could not be set up. */
  readonly failed: readonly string[];
  readonly ok: boolean;
  readonly report: R;
}

export interface SelfTestResult<R extends JudgedReport = VerifyReport> {
  readonly ok: boolean;
  readonly outcomes: readonly FixtureOutcome<R>[];
}

/**
 * A fixture passes when exactly the checks it is built to trip failed — and the sound one (none
 * expected) passed every check, not merely failed none. `alsoRequired`: what else the profile needs.
 */
export function judgeFixture<R extends JudgedReport>(
  fixture: { readonly name: string; readonly title: string; readonly caughtBy: readonly string[] },
  report: R,
  alsoRequired = true,
): FixtureOutcome<R> {
  const failed = report.checks.filter((c) => c.status === 'failed' || c.setupFailed !== undefined).map((c) => c.id);
  const expected = [...fixture.caughtBy].sort();
  const sameSet = failed.length === expected.length && [...failed].sort().every((id, i) => id === expected[i]);
  const ok = sameSet && alsoRequired && (expected.length > 0 || report.checks.every((c) => c.status === 'pass'));
  return { name: fixture.name, title: fixture.title, expected, failed, ok, report };
}

async function serve(fixture: DiaryFixture): Promise<{ url: string; close: () => Promise<void> }> {
  const app = Fastify();
  await mountSimulator(app, { prefix: '/api', handler: fixture.handler, onBadBody: badBody });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}/api`, close: () => app.close() };
}

export async function selfTestDiary(options: SelfTestOptions): Promise<SelfTestResult> {
  const now = () => new Date(`${options.world.options.asOf}T12:00:00+03:00`);
  const fixtures = diaryFixtures({ world: options.world, region: options.region, now, slowMs: options.slowMs });
  const outcomes: FixtureOutcome[] = [];
  for (const [index, fixture] of fixtures.entries()) {
    options.onFixture?.(fixture, index, fixtures.length);
    const server = await serve(fixture);
    try {
      const report = await verifyDiary({
        baseUrl: server.url,
        clientId: DEFAULT_DIARY_CLIENT.clientId,
        clientSecret: DEFAULT_DIARY_CLIENT.clientSecret,
        world: options.world,
        region: options.region,
        load: options.load,
        p95BudgetMs: options.p95BudgetMs,
      });
      outcomes.push(judgeFixture(fixture, report));
    } finally {
      await server.close();
    }
  }
  return { ok: outcomes.every((o) => o.ok), outcomes };
}
