/** `edusim start` once its flags are read: the configuration resolved, the server started (loaded on demand by start-command). */
import { loadConfigFile } from '../config-file.ts';
import { isLoopback, resolveServerConfig, type ServerConfig } from '../config.ts';
import { startServer } from '../http/server.ts';
import { FileStore, StoreFileError } from '../store.ts';
import { CliUsageError } from './errors.ts';
import { worldFrom } from './world-options.ts';

export { loadConfigFile, resolveServerConfig };

export async function run(config: ServerConfig): Promise<void> {
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
    diaryClients: config.diaryClients,
    ...(config.diaryTimeoutMs !== null ? { diaryTimeoutMs: config.diaryTimeoutMs } : {}),
    split: config.split,
    dateChosen: config.world.dateChosen,
    maxSandboxes: config.maxSandboxes,
    adminToken: config.adminToken,
    ...(config.forwardSecret !== null ? { forwardSecret: config.forwardSecret } : {}),
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
