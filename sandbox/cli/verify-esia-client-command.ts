/**
 * `edusim verify esia-client --sandbox <id> --client-id … [--url …] [--traps a,b] [--json]
 * [--junit file] [--html file]`, or `--self-test` (docs/verify.md «ESIA client»). Exit code 1
 * when a check fails.
 */
import { writeFileSync } from 'node:fs';
import { Command } from 'commander';
import { DEMO_CLIENT_ID, TRAPS } from '../../mocks/index.ts';
import { createWorld } from '../../seeds/index.ts';
import { describeEsiaClientReport, esiaClientHtml, esiaClientJunit, type EsiaClientReport } from '../verify/esia-client/report.ts';
import { SandboxReadError, setTraps, verifyEsiaClient } from '../verify/esia-client/run-esia-client.ts';
import { selfTestEsiaClient, type EsiaSelfTestResult } from '../verify/esia-client/self-test.ts';
import { reportFailed } from '../verify/verdict.ts';
import { checkUrl, credentialHeaders } from './admin-client.ts';
import { CliUsageError } from './errors.ts';
import { defaultUrl } from './running.ts';

interface Flags {
  readonly sandbox?: string;
  readonly clientId: string;
  readonly url: string;
  readonly traps?: string;
  readonly json?: boolean;
  readonly junit?: string;
  readonly html?: string;
  readonly selfTest?: boolean;
}

/** `wrong-iss,expired` → the trap list, each one known. */
export function parseTraps(text: string): string[] {
  const traps = text.split(',').map((t) => t.trim());
  const unknown = traps.filter((t) => !(TRAPS as readonly string[]).includes(t));
  if (unknown.length > 0 || traps.length === 0)
    throw new CliUsageError(
      `--traps ${JSON.stringify(text)} is not valid: unknown ${unknown.map((t) => JSON.stringify(t)).join(', ')}; expected a comma-separated list of ${TRAPS.join(', ')}`,
    );
  return traps;
}

function writeOutputs(flags: Flags, report: EsiaClientReport): void {
  if (flags.junit !== undefined) writeFileSync(flags.junit, esiaClientJunit(report));
  if (flags.html !== undefined) writeFileSync(flags.html, esiaClientHtml(report));
}

function describeSelfTest(result: EsiaSelfTestResult): string {
  const lines = result.outcomes.map((o) => {
    const expected = o.expected.length === 0 ? 'все проверки пройдены, все ловушки отвергнуты' : `ловится ${o.expected.join(', ')}`;
    const got = o.failed.length === 0 ? 'ничего не провалено' : `провалены ${o.failed.join(', ')}`;
    return `  ${o.ok ? '✓' : '✗'} ${o.name.padEnd(14)} ${o.title}: ${o.ok ? expected : `ожидалось «${expected}», а ${got}`}`;
  });
  return [
    'edusim verify esia-client --self-test',
    ...lines,
    result.ok ? 'Самопроверка пройдена: хороший клиент проходит всё, каждый сломанный пойман своей проверкой.' : 'Самопроверка НЕ пройдена.',
  ].join('\n');
}

async function selfTest(flags: Flags): Promise<void> {
  const result = await selfTestEsiaClient(createWorld({ seed: 42, scale: 'demo' }), (name, index, total) =>
    process.stderr.write(`self-test ${index + 1}/${total}: ${name}\n`),
  );
  const good = result.outcomes[0]?.report;
  if (good) writeOutputs(flags, good);
  const summary = result.outcomes.map(({ report, ...outcome }) => ({ ...outcome, counts: report.counts }));
  process.stdout.write(flags.json ? `${JSON.stringify({ ok: result.ok, outcomes: summary }, null, 2)}\n` : `${describeSelfTest(result)}\n`);
  if (!result.ok) process.exitCode = 1;
}

export function verifyEsiaClientCommand(): Command {
  return new Command('esia-client')
    .description(
      'judges what an ESIA client did in a sandbox (from its journal): parameters, signature, state, PKCE, the code exchange, and the traps it was served',
    )
    .option('--sandbox <id>', 'the sandbox the client logged in through (strict profile recommended)')
    .option('--client-id <id>', "the client's client_id", DEMO_CLIENT_ID)
    .option('--url <url>', 'the running edusim', defaultUrl())
    .option('--traps <list>', `queue traps for the next login attempts, one each, and exit: ${TRAPS.join(',')}`)
    .option('--json', 'print the report as JSON')
    .option('--junit <file>', 'write the report as JUnit XML')
    .option('--html <file>', 'write the report as one self-contained HTML page')
    .option('--self-test', 'scripted clients (a good one and broken ones) against an in-process edusim; exit 0 only when each is judged right')
    .addHelpText(
      'after',
      '\nExample: edusim verify esia-client --sandbox vendor-a --client-id MYSYS --traps wrong-iss,wrong-aud,expired  (then log in three times)\n         edusim verify esia-client --sandbox vendor-a --client-id MYSYS --html report.html',
    )
    .action(async (flags: Flags) => {
      if (flags.selfTest) return selfTest(flags);
      if (flags.sandbox === undefined)
        throw new CliUsageError('--sandbox is required: the sandbox your client logged in through, e.g. --sandbox vendor-a (or --self-test)');
      const target = { url: checkUrl(flags.url).toString().replace(/\/$/, ''), sandbox: flags.sandbox, clientId: flags.clientId, headers: credentialHeaders() };
      try {
        if (flags.traps !== undefined) {
          const traps = parseTraps(flags.traps);
          await setTraps(target, traps);
          process.stdout.write(`Ловушки поставлены: ${traps.join(', ')}. Выполните вход ${traps.length} раз(а), затем запустите проверку без --traps.\n`);
          return;
        }
        const report = await verifyEsiaClient(target);
        writeOutputs(flags, report);
        process.stdout.write(flags.json ? `${JSON.stringify(report, null, 2)}\n` : `${describeEsiaClientReport(report)}\n`);
        if (reportFailed(report)) process.exitCode = 1;
      } catch (error) {
        if (error instanceof SandboxReadError) throw new CliUsageError(error.message);
        throw error;
      }
    });
}
