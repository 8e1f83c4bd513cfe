/** `edusim start`: the host with the default sandbox on one port; more sandboxes through /_edusim/sandboxes. */
import { Command } from 'commander';
import type { StartFlags } from '../config.ts';
import { addWorldFlags } from './world-options.ts';

type Flags = StartFlags & { config?: string; printConfig?: boolean };

export function startCommand(): Command {
  return addWorldFlags(new Command('start'))
    .description('run the sandbox host (health, ESIA at /esia, consents at /consent, diaries, GraphQL, admin API at /_edusim) on PORT (default 4000)')
    .option('--port <port>', 'port to listen on (default: $PORT or 4000; 0 picks a free one)')
    .option('--host <host>', 'interface to bind (default: $HOST or 127.0.0.1; 0.0.0.0 for containers, then set --admin-token)')
    .option('--admin-token <token>', 'require this token (X-Edusim-Admin-Token) for the control surface (default: $EDUSIM_ADMIN_TOKEN; none: open)')
    .option('--profile <profile>', "the default sandbox's ESIA profile: lenient (signatures not checked, default) or strict")
    .option('--config <file>', 'JSON config file (port, world, ESIA profile and clients, vendor diaries, state); flags win over it')
    .option('--state <file>', 'keep every sandbox (state, clients, clock, faults) in this file across restarts')
    .option('--max-sandboxes <n>', 'how many sandboxes may live at once (default 1000)')
    .option('--split', 'run each subgraph and the diaries as separate HTTP services behind @apollo/gateway')
    .option(
      '--diary <region=url>',
      "route a region's diary calls to a vendor's endpoint (repeatable), e.g. 68=https://vendor.example/api",
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .option('--diary-timeout <ms>', 'how long the gateway waits for a regional diary (default 3000)')
    .option('--print-config', 'print the resolved configuration as JSON and exit')
    .action(async (flags: Flags & { scale: string; seed: string; date: string }, command: Command) => {
      // The server and its configuration load only here: other commands start without them.
      const { loadConfigFile, resolveServerConfig, run } = await import('./start-run.ts');
      const given = (name: string) => command.getOptionValueSource(name) === 'cli';
      const file = flags.config ? loadConfigFile(flags.config) : {};
      const config = resolveServerConfig(
        {
          ...flags,
          scale: given('scale') ? flags.scale : undefined,
          seed: given('seed') ? flags.seed : undefined,
          date: given('date') ? flags.date : undefined,
        },
        file,
      );
      if (flags.printConfig) {
        const diaryClients = Object.fromEntries(
          Object.entries(config.diaryClients).map(([region, c]) => [region, { clientId: c.clientId, clientSecret: '(set)' }]),
        );
        process.stdout.write(
          `${JSON.stringify({ ...config, diaryClients, adminToken: config.adminToken === null ? null : '(set)', forwardSecret: config.forwardSecret === null ? null : '(set)' }, null, 2)}\n`,
        );
        return;
      }
      await run(config);
    });
}
