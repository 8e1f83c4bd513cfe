/** `edusim start`: the whole sandbox on one port. */
import { Command } from 'commander';
import { resolveServerConfig } from '../config.ts';
import { startServer } from '../server.ts';
import { addWorldFlags, worldFrom, type WorldFlags } from './world-options.ts';

export function startCommand(): Command {
  return addWorldFlags(new Command('start'))
    .description('run the sandbox (health, world admin API) on PORT (default 4000)')
    .option('--port <port>', 'port to listen on (default: $PORT or 4000; 0 picks a free one)')
    .option('--host <host>', 'interface to bind (default: $HOST or 0.0.0.0)')
    .action(async (flags: WorldFlags & { port?: string; host?: string }) => {
      const config = resolveServerConfig(flags);
      const world = worldFrom(flags);
      const server = await startServer(world, config);
      process.stdout.write(`edusim listening on ${server.url} (health: ${server.url}/health; world: seed ${world.options.seed}, ${world.options.scale})\n`);
      const stop = () => {
        void server.close().then(() => process.exit(0));
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
