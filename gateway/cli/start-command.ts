/** `edusim start`: the whole sandbox on one port. */
import { Command } from 'commander';
import { loadConfigFile } from '../config-file.ts';
import { resolveServerConfig } from '../config.ts';
import { startServer } from '../server.ts';
import { CliUsageError } from './errors.ts';
import { addWorldFlags, worldFrom, type WorldFlags } from './world-options.ts';

type StartFlags = WorldFlags & { port?: string; host?: string; profile?: string; config?: string };

export function startCommand(): Command {
  return addWorldFlags(new Command('start'))
    .description('run the sandbox (health, ESIA at /esia, consents at /consent, world admin API) on PORT (default 4000)')
    .option('--port <port>', 'port to listen on (default: $PORT or 4000; 0 picks a free one)')
    .option('--host <host>', 'interface to bind (default: $HOST or 0.0.0.0)')
    .option('--profile <profile>', 'ESIA profile: lenient (signatures not checked, default) or strict')
    .option('--config <file>', 'JSON config file (port, world, ESIA profile and clients); flags win over it')
    .action(async (flags: StartFlags, command: Command) => {
      const file = flags.config ? loadConfigFile(flags.config) : {};
      const fromCli = (name: string) => command.getOptionValueSource(name) === 'cli';
      const profile = flags.profile ?? file.esia?.profile ?? 'lenient';
      if (profile !== 'lenient' && profile !== 'strict')
        throw new CliUsageError(`--profile ${JSON.stringify(profile)} is not valid: expected lenient or strict`);
      const config = resolveServerConfig({
        ...(file.port !== undefined ? { port: String(file.port) } : {}),
        ...(file.host ? { host: file.host } : {}),
        ...(flags.port ? { port: flags.port } : {}),
        ...(flags.host ? { host: flags.host } : {}),
      });
      const region = flags.region ?? file.world?.region;
      const world = worldFrom({
        scale: fromCli('scale') ? flags.scale : (file.world?.scale ?? flags.scale),
        seed: fromCli('seed') ? flags.seed : String(file.world?.seed ?? flags.seed),
        date: fromCli('date') ? flags.date : (file.world?.date ?? flags.date),
        ...(region ? { region } : {}),
      });
      const server = await startServer(world, config, {
        profile,
        clients: file.esia?.clients ?? [],
        ...(file.esia?.issuer ? { issuer: file.esia.issuer } : {}),
      });
      process.stdout.write(
        `edusim listening on ${server.url} (health: ${server.url}/health; ESIA: ${server.url}/esia, ${profile} profile; world: seed ${world.options.seed}, ${world.options.scale})\n`,
      );
      const stop = () => {
        void server.close().then(() => process.exit(0));
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
