/** `edusim clock get|set|advance|freeze|resume --sandbox <id>`: a sandbox's clock. */
import { Command } from 'commander';
import { defaultUrl } from './running.ts';
import { adminRequest, print, type ClientFlags } from './admin-client.ts';

type Flags = ClientFlags & { sandbox: string };
interface ClockView {
  readonly mode: string;
  readonly now: string;
  readonly today: string;
}

const withFlags = (command: Command) =>
  command
    .option('--sandbox <id>', 'the sandbox (default: the default sandbox)', 'default')
    .option('--url <url>', 'the running edusim', defaultUrl())
    .option('--json', 'print JSON');

async function put(flags: Flags, body: unknown): Promise<void> {
  const view = await adminRequest<ClockView>(flags, 'PUT', `/_edusim/sandboxes/${encodeURIComponent(flags.sandbox)}/clock`, body);
  print(flags, view, `${view.now} (${view.mode}, today ${view.today})`);
}

export function clockCommand(): Command {
  const clock = new Command('clock').description("read and move a sandbox's clock (tokens, consents, ages, the school week follow it)");
  withFlags(clock.command('get').description('show the clock')).action(async (flags: Flags) => {
    const view = await adminRequest<ClockView>(flags, 'GET', `/_edusim/sandboxes/${encodeURIComponent(flags.sandbox)}/clock`);
    print(flags, view, `${view.now} (${view.mode}, today ${view.today})`);
  });
  withFlags(
    clock.command('set').argument('<instant>', 'ISO-8601 instant with a zone, e.g. 2026-11-23T09:00:00+03:00').description('put the clock at an instant'),
  ).action((at: string, flags: Flags) => put(flags, { action: 'set', at }));
  withFlags(clock.command('advance').argument('<duration>', 'ISO-8601 duration, e.g. PT2H, P1D, -PT30M').description('move the clock by a duration')).action(
    (by: string, flags: Flags) => put(flags, { action: 'advance', by }),
  );
  withFlags(clock.command('freeze').description('stop the clock where it is')).action((flags: Flags) => put(flags, { action: 'freeze' }));
  withFlags(clock.command('resume').description('run the clock on from where it stands')).action((flags: Flags) => put(flags, { action: 'resume' }));
  return clock;
}
