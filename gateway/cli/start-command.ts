/** `edusim start`: the whole sandbox on one port. */
import { Command } from 'commander';
import { resolveServerConfig } from '../config.ts';
import { startServer } from '../server.ts';
import { CliUsageError } from './errors.ts';
import { addWorldFlags, worldFrom, type WorldFlags } from './world-options.ts';

export function startCommand(): Command {
  return addWorldFlags(new Command('start'))
    .description('run the sandbox (health, world admin API) on PORT (default 4000)')
    .option('--port <port>', 'port to listen on (default: $PORT or 4000; 0 picks a free one)')
    .option('--host <host>', 'interface to bind (default: $HOST or 0.0.0.0)')
    .option('--profile <profile>', 'ESIA profile: lenient (signatures not checked) or strict', 'lenient')
    .action(async (flags: WorldFlags & { port?: string; host?: string; profile: string }) => {
      if (flags.profile !== 'lenient' && flags.profile !== 'strict')
        throw new CliUsageError(`--profile ${JSON.stringify(flags.profile)} is not valid: expected lenient or strict`);
      const config = resolveServerConfig(flags);
      const world = worldFrom(flags);
      const server = await startServer(world, config, { profile: flags.profile });
      process.stdout.write(
        `edusim listening on ${server.url} (health: ${server.url}/health; ESIA: ${server.url}/esia, ${flags.profile} profile; world: seed ${world.options.seed}, ${world.options.scale})\n`,
      );
      const stop = () => {
        void server.close().then(() => process.exit(0));
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
