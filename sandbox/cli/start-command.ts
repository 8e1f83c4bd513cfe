/** `edusim start`: the host with the default sandbox on one port; more sandboxes through /_edusim/sandboxes. */
import { Command } from 'commander';
import { loadConfigFile } from '../config-file.ts';
import { isLoopback, resolveServerConfig, type ServerConfig, type StartFlags } from '../config.ts';
import { startServer } from '../http/server.ts';
import { FileStore, StoreFileError } from '../store.ts';
import { CliUsageError } from './errors.ts';
import { addWorldFlags, worldFrom } from './world-options.ts';

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
        process.stdout.write(`${JSON.stringify({ ...config, adminToken: config.adminToken === null ? null : '(set)' }, null, 2)}\n`);
        return;
      }
      await run(config);
    });
}

async function run(config: ServerConfig): Promise<void> {
  const world = worldFrom({
    scale: config.world.scale,
    seed: String(config.world.seed),
    date: config.world.date,
    ...(config.world.region ? { region: config.world.region } : {}),
  });
  for (const region of Object.keys(config.diaries)) {
    if (!world.hasRegion(region))
      throw new CliUsageError(
        `--diary ${region}=…: region ${region} is not in this world; its regions: ${world.regionCodes.slice(0, 10).join(', ')}${world.regionCodes.length > 10 ? ', …' : ''}`,
      );
  }
  let store;
  try {
    store = config.state ? await FileStore.open(config.state) : undefined;
  } catch (error) {
    if (error instanceof StoreFileError) throw new CliUsageError(error.message);
    throw error;
  }
  const vendorDiaries = new Map(Object.entries(config.diaries));
  const server = await startServer(world, config, {
    profile: config.esia.profile,
    clients: config.esia.clients,
    ...(config.esia.issuer ? { issuer: config.esia.issuer } : {}),
    vendorDiaries,
    ...(config.diaryTimeoutMs !== null ? { diaryTimeoutMs: config.diaryTimeoutMs } : {}),
    split: config.split,
    dateChosen: config.world.dateChosen,
    maxSandboxes: config.maxSandboxes,
    adminToken: config.adminToken,
    ...(store ? { store } : {}),
  });
  if (!isLoopback(config.host) && config.adminToken === null)
    process.stderr.write(
      `\nedusim: WARNING — listening on ${config.host} with no admin token: anyone who can reach this port can create, reset and delete sandboxes, read their state and mint tokens. Set --admin-token (or EDUSIM_ADMIN_TOKEN).\n\n`,
    );
  for (const [region, url] of vendorDiaries) process.stdout.write(`diary of region ${region} → vendor endpoint ${url}\n`);
  for (const service of server.app.splitServices) process.stdout.write(`split service ${service.name}: ${service.url}\n`);
  if (config.state) process.stdout.write(`sandboxes kept in ${config.state} (${server.app.registry.size} loaded)\n`);
  process.stdout.write(
    `edusim listening on ${server.url} (health: ${server.url}/health; ESIA: ${server.url}/esia, ${config.esia.profile} profile; world: seed ${world.options.seed}, ${world.options.scale}; sandboxes: ${server.url}/_edusim/sandboxes)\n`,
  );
  const stop = () => {
    void server.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
