/** `edusim sandbox create|list|get|reset|snapshot|restore|delete`: sandboxes of a running edusim. */
import { readFileSync, writeFileSync } from 'node:fs';
import { Command } from 'commander';
import { defaultUrl } from './running.ts';
import { adminRequest, print, type ClientFlags } from './admin-client.ts';
import { CliUsageError } from './errors.ts';

interface Info {
  readonly id: string;
  readonly world: { seed: number; scale: string; region: string | null; date: string };
  readonly clock: { mode: string; now: string; today: string };
  readonly expiresAt: string | null;
  readonly urls?: { base: string };
}

const line = (s: Info) =>
  `${s.id}\tseed ${s.world.seed} ${s.world.scale} region ${s.world.region ?? 'all'} ${s.world.date}\tclock ${s.clock.now} (${s.clock.mode})\t${s.expiresAt ? `expires ${s.expiresAt}` : 'never expires'}`;

const withClientFlags = (command: Command) => command.option('--url <url>', 'the running edusim', defaultUrl()).option('--json', 'print JSON');

/** `consent-granted:teacher-with-rights` or `diary-down:68` → a scenario request. */
function parseScenario(spec: string): { name: string; params: Record<string, string> } {
  const [name = '', arg] = spec.split(':', 2);
  if (!/^[a-z-]+$/.test(name)) throw new CliUsageError(`--scenario ${JSON.stringify(spec)} is not valid: expected NAME or NAME:PERSONA or NAME:REGION`);
  if (arg === undefined) return { name, params: {} };
  return { name, params: /^\d{2}$/.test(arg) ? { region: arg } : /^\d+$/.test(arg) ? { oid: arg } : { persona: arg } };
}

export function sandboxCommand(): Command {
  const sandbox = new Command('sandbox').description('create, inspect, reset, save, restore and delete sandboxes of a running edusim');
  withClientFlags(
    sandbox
      .command('create')
      .description('create a sandbox and print it (with its id)')
      .option('--id <id>', 'the id to give it (default: a random sb-…)')
      .option('--scale <scale>', 'world size: demo | region | country (default demo)')
      .option('--seed <n>', 'the world seed (default 42)')
      .option('--region <code>', 'region code (default 36)')
      .option('--date <yyyy-mm-dd>', "the world's date; the clock starts on it")
      .option('--profile <profile>', 'ESIA profile: lenient or strict')
      .option('--ttl <duration>', 'idle time before it is deleted, ISO-8601 (default PT1H, at most P7D)')
      .option('--at <instant>', 'start the clock at this ISO-8601 instant')
      .option('--frozen', 'the clock stands still until moved')
      .option('--scenario <name[:persona|:region]>', 'apply a scenario at creation (repeatable)', (v: string, prev: string[] = []) => [...prev, v]),
  ).action(
    async (
      flags: ClientFlags & {
        id?: string;
        scale?: string;
        seed?: string;
        region?: string;
        date?: string;
        profile?: string;
        ttl?: string;
        at?: string;
        frozen?: boolean;
        scenario?: string[];
      },
    ) => {
      if (flags.seed !== undefined && !/^\d+$/.test(flags.seed))
        throw new CliUsageError(`--seed ${JSON.stringify(flags.seed)} is not valid: expected a non-negative integer`);
      const body = {
        ...(flags.id ? { id: flags.id } : {}),
        ...(flags.scale ? { scale: flags.scale } : {}),
        ...(flags.seed !== undefined ? { seed: Number(flags.seed) } : {}),
        ...(flags.region ? { region: flags.region } : {}),
        ...(flags.date ? { date: flags.date } : {}),
        ...(flags.profile ? { profile: flags.profile } : {}),
        ...(flags.ttl ? { ttl: flags.ttl } : {}),
        ...(flags.at || flags.frozen ? { clock: { ...(flags.at ? { at: flags.at } : {}), frozen: flags.frozen === true } } : {}),
        ...(flags.scenario ? { scenarios: flags.scenario.map(parseScenario) } : {}),
      };
      const created = await adminRequest<Info>(flags, 'POST', '/_edusim/sandboxes', body);
      print(flags, created, created.id);
    },
  );
  withClientFlags(sandbox.command('list').description('list the live sandboxes')).action(async (flags: ClientFlags) => {
    const { sandboxes } = await adminRequest<{ sandboxes: Info[] }>(flags, 'GET', '/_edusim/sandboxes');
    print(flags, sandboxes, sandboxes.map(line).join('\n'));
  });
  withClientFlags(sandbox.command('get').argument('<id>').description('show a sandbox')).action(async (id: string, flags: ClientFlags) => {
    const info = await adminRequest<Info>(flags, 'GET', `/_edusim/sandboxes/${encodeURIComponent(id)}`);
    print(flags, info, line(info));
  });
  withClientFlags(sandbox.command('reset').argument('<id>').description('back to its creation state (state, clients, keys, clock)')).action(
    async (id: string, flags: ClientFlags) => {
      const info = await adminRequest<Info>(flags, 'POST', `/_edusim/sandboxes/${encodeURIComponent(id)}/reset`);
      print(flags, info, `${id} reset`);
    },
  );
  withClientFlags(
    sandbox
      .command('snapshot')
      .argument('<id>')
      .description('print (or write) one versioned document: state, clients, clock, faults')
      .option('--out <file>', 'write it to a file'),
  ).action(async (id: string, flags: ClientFlags & { out?: string }) => {
    const snapshot = await adminRequest<unknown>(flags, 'GET', `/_edusim/sandboxes/${encodeURIComponent(id)}/snapshot`);
    if (flags.out) {
      writeFileSync(flags.out, `${JSON.stringify(snapshot, null, 2)}\n`);
      process.stdout.write(`${flags.out}\n`);
    } else process.stdout.write(`${JSON.stringify(snapshot, null, 2)}\n`);
  });
  withClientFlags(
    sandbox
      .command('restore')
      .argument('<id>')
      .requiredOption('--file <file>', 'a snapshot document (- for standard input)')
      .description('put a snapshot into a sandbox (all or nothing)'),
  ).action(async (id: string, flags: ClientFlags & { file: string }) => {
    let document: unknown;
    try {
      document = JSON.parse(readFileSync(flags.file === '-' ? 0 : flags.file, 'utf8'));
    } catch (error) {
      throw new CliUsageError(`--file ${flags.file}: not a readable JSON file (${(error as Error).message})`);
    }
    const info = await adminRequest<Info>(flags, 'PUT', `/_edusim/sandboxes/${encodeURIComponent(id)}/snapshot`, document);
    print(flags, info, `${id} restored`);
  });
  withClientFlags(sandbox.command('delete').argument('<id>').description('delete a sandbox')).action(async (id: string, flags: ClientFlags) => {
    await adminRequest<null>(flags, 'DELETE', `/_edusim/sandboxes/${encodeURIComponent(id)}`);
    print(flags, { deleted: id }, `${id} deleted`);
  });
  return sandbox;
}
