/**
 * `edusim verify diary --url <base> [--client-id …] [--client-secret …] [--rate 50 --duration 60s]
 * [--json] [--junit file] [--html file]` with the world flags of the export the vendor loaded; or
 * `--self-test`. Exit code 1 when a check fails or could not be set up (docs/verify.md).
 */
import { writeFileSync } from 'node:fs';
import { Command } from 'commander';
import { DEFAULT_DIARY_CLIENT } from '../../mocks/index.ts';
import { DEFAULT_REGION, type World } from '../../seeds/index.ts';
import { describeReport } from '../verify/report-text.ts';
import { htmlReport } from '../verify/report-html.ts';
import { junitReport } from '../verify/report-junit.ts';
import { DEFAULT_TIMEOUT_MS, verifyDiary } from '../verify/run-diary.ts';
import { SELF_TEST_DEFAULTS, selfTestDiary, type SelfTestResult } from '../verify/self-test.ts';
import { reportFailed, type VerifyReport } from '../verify/verdict.ts';
import { CliUsageError } from './errors.ts';
import { progressBar } from './progress.ts';
import { verifyEsiaClientCommand } from './verify-esia-client-command.ts';
import { addWorldFlags, worldFrom, type WorldFlags } from './world-options.ts';

interface VerifyFlags extends WorldFlags {
  readonly url?: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly rate: string;
  readonly duration: string;
  readonly p95Budget: string;
  readonly timeout: string;
  readonly json?: boolean;
  readonly junit?: string;
  readonly html?: string;
  readonly selfTest?: boolean;
}

/** `60s`, `1500ms`, `2m` → milliseconds (100 ms … 1 h). */
export function parseLoadDuration(text: string): number {
  const m = /^(\d+)(ms|s|m)$/.exec(text);
  const ms = m ? Number(m[1]) * { ms: 1, s: 1000, m: 60_000 }[m[2] as 'ms' | 's' | 'm'] : NaN;
  if (!(ms >= 100 && ms <= 3_600_000)) throw new CliUsageError(`--duration ${JSON.stringify(text)} is not valid: expected 100ms … 60m, e.g. 60s, 1500ms, 2m`);
  return ms;
}

function parseNumber(flag: string, text: string, min: number, max: number, example: string): number {
  const value = /^\d+(\.\d+)?$/.test(text) ? Number(text) : NaN;
  if (!(value >= min && value <= max))
    throw new CliUsageError(`${flag} ${JSON.stringify(text)} is not valid: expected a number from ${min} to ${max}, e.g. ${example}`);
  return value;
}

function parseUrl(text: string | undefined): string {
  if (text === undefined) throw new CliUsageError('--url is required: the diary base URL, e.g. --url https://vendor.example/api (or --self-test)');
  const url = URL.parse(text);
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:'))
    throw new CliUsageError(`--url ${JSON.stringify(text)} is not valid: expected an http(s) URL, e.g. https://vendor.example/api`);
  return text.replace(/\/$/, '');
}

function writeOutputs(flags: VerifyFlags, report: VerifyReport): void {
  if (flags.junit !== undefined) writeFileSync(flags.junit, junitReport(report));
  if (flags.html !== undefined) writeFileSync(flags.html, htmlReport(report));
}

function describeSelfTest(result: SelfTestResult): string {
  const lines = result.outcomes.map((o) => {
    const expected = o.expected.length === 0 ? 'все проверки пройдены' : `ловит ${o.expected.join(', ')}`;
    const got = o.failed.length === 0 ? 'ничего не провалено' : `провалены ${o.failed.join(', ')}`;
    return `  ${o.ok ? '✓' : '✗'} ${o.name.padEnd(24)} ${o.title}: ${o.ok ? expected : `ожидалось «${expected}», а ${got}`}`;
  });
  return [
    'edusim verify diary --self-test',
    ...lines,
    result.ok ? 'Самопроверка пройдена: дневник edusim проходит все проверки, каждый сломанный пойман своей.' : 'Самопроверка НЕ пройдена.',
  ].join('\n');
}

async function selfTest(flags: VerifyFlags, world: World, region: string): Promise<void> {
  const result = await selfTestDiary({
    world,
    region,
    ...SELF_TEST_DEFAULTS,
    onFixture: (fixture, index, total) => process.stderr.write(`self-test ${index + 1}/${total}: ${fixture.name}\n`),
  });
  const builtin = result.outcomes[0]?.report;
  if (builtin) writeOutputs(flags, builtin);
  const summary = result.outcomes.map(({ report, ...outcome }) => ({ ...outcome, counts: report.counts }));
  process.stdout.write(flags.json ? `${JSON.stringify({ ok: result.ok, outcomes: summary }, null, 2)}\n` : `${describeSelfTest(result)}\n`);
  if (!result.ok) process.exitCode = 1;
}

export function verifyCommand(): Command {
  const verify = new Command('verify').description(
    "the verification kit: a vendor's diary against the contract and the world, an ESIA client from what it did in a sandbox",
  );
  verify.addCommand(
    // The same defaults as `edusim world export`: the world the vendor loaded.
    addWorldFlags(new Command('diary'), 'region')
      .description('plays «Моя школа» against a regional diary over the federal contract and judges every answer against the contract and the world')
      .option('--url <base>', 'the diary base URL: {base}/token, {base}/Schedule/{oid}')
      .option('--client-id <id>', 'client_credentials client id', DEFAULT_DIARY_CLIENT.clientId)
      .option('--client-secret <secret>', 'client_credentials secret', DEFAULT_DIARY_CLIENT.clientSecret)
      .option('--rate <n>', 'load phase: requests per second', '5')
      .option('--duration <time>', 'load phase: how long, e.g. 60s, 1500ms, 2m', '5s')
      .option('--p95-budget <ms>', 'load phase: the p95 latency that passes', '1000')
      .option('--timeout <ms>', 'how long one request may take', String(DEFAULT_TIMEOUT_MS))
      .option('--json', 'print the report as JSON')
      .option('--junit <file>', 'write the report as JUnit XML')
      .option('--html <file>', 'write the report as one self-contained HTML page')
      .option('--self-test', "the kit against edusim's own diary and deliberately broken ones; exit 0 only when each is judged right")
      .addHelpText(
        'after',
        '\nExample: edusim verify diary --region 68 --url https://vendor.example/api --client-id FGIS_MYSCHOOL --client-secret … --rate 50 --duration 60s --html report.html',
      )
      .action(async (flags: VerifyFlags) => {
        const world = worldFrom(flags);
        const region = world.options.region ?? DEFAULT_REGION;
        if (flags.selfTest) return selfTest(flags, world, region);
        const options = {
          baseUrl: parseUrl(flags.url),
          load: { rate: parseNumber('--rate', flags.rate, 0.1, 1000, '50'), durationMs: parseLoadDuration(flags.duration) },
          p95BudgetMs: parseNumber('--p95-budget', flags.p95Budget, 1, 60_000, '1000'),
          timeoutMs: parseNumber('--timeout', flags.timeout, 50, 60_000, '3000'),
        };
        const report = await verifyDiary({
          ...options,
          clientId: flags.clientId,
          clientSecret: flags.clientSecret,
          world,
          region,
          progress: progressBar('verify diary'),
        });
        writeOutputs(flags, report);
        process.stdout.write(flags.json ? `${JSON.stringify(report, null, 2)}\n` : `${describeReport(report)}\n`);
        if (reportFailed(report)) process.exitCode = 1;
      }),
  );
  verify.addCommand(verifyEsiaClientCommand());
  return verify;
}
