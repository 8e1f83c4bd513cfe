/** `edusim start`: the whole sandbox on one port. */
import { Command } from 'commander';
import { loadConfigFile } from '../config-file.ts';
import { resolveServerConfig } from '../config.ts';
import { startServer } from '../server.ts';
import { CliUsageError } from './errors.ts';
import { addWorldFlags, worldFrom, type WorldFlags } from './world-options.ts';

/** `68=https://vendor.example/api` → region 68 → URL; names the bad value and what is accepted. */
export function parseVendorDiaries(specs: readonly string[], regions: readonly string[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const spec of specs) {
    const m = /^(\d{2})=(.+)$/.exec(spec);
    if (!m) throw new CliUsageError(`--diary ${JSON.stringify(spec)} is not valid: expected REGION=URL, e.g. 68=https://vendor.example/api`);
    const [, region = '', url = ''] = m;
    if (!regions.includes(region))
      throw new CliUsageError(
        `--diary ${JSON.stringify(spec)}: region ${region} is not in this world; its regions: ${regions.slice(0, 10).join(', ')}${regions.length > 10 ? ', …' : ''}`,
      );
    const parsed = URL.parse(url);
    if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:'))
      throw new CliUsageError(`--diary ${JSON.stringify(spec)}: ${JSON.stringify(url)} is not an http(s) URL`);
    map.set(region, url.replace(/\/$/, ''));
  }
  return map;
}

type StartFlags = WorldFlags & { port?: string; host?: string; profile?: string; config?: string; split?: boolean; diary?: string[]; diaryTimeout?: string };

export function startCommand(): Command {
  return addWorldFlags(new Command('start'))
    .description('run the sandbox (health, ESIA at /esia, consents at /consent, world admin API) on PORT (default 4000)')
    .option('--port <port>', 'port to listen on (default: $PORT or 4000; 0 picks a free one)')
    .option('--host <host>', 'interface to bind (default: $HOST or 0.0.0.0)')
    .option('--profile <profile>', 'ESIA profile: lenient (signatures not checked, default) or strict')
    .option('--config <file>', 'JSON config file (port, world, ESIA profile and clients, vendor diaries); flags win over it')
    .option('--split', 'run each subgraph and the diaries as separate HTTP services behind @apollo/gateway')
    .option(
      '--diary <region=url>',
      "route a region's diary calls to a vendor's endpoint (repeatable), e.g. 68=https://vendor.example/api",
      (value: string, previous: string[] = []) => [...previous, value],
    )
    .option('--diary-timeout <ms>', 'how long the gateway waits for a regional diary (default 3000)')
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
      const vendorDiaries = parseVendorDiaries(
        [...Object.entries(file.diaries ?? {}).map(([region, url]) => `${region}=${url}`), ...(flags.diary ?? [])],
        world.regionCodes,
      );
      const timeoutText = flags.diaryTimeout ?? (file.diaryTimeoutMs !== undefined ? String(file.diaryTimeoutMs) : undefined);
      if (timeoutText !== undefined && (!/^\d+$/.test(timeoutText) || Number(timeoutText) < 50 || Number(timeoutText) > 60_000)) {
        throw new CliUsageError(`--diary-timeout ${JSON.stringify(timeoutText)} is not valid: expected milliseconds from 50 to 60000`);
      }
      const server = await startServer(world, config, {
        profile,
        clients: file.esia?.clients ?? [],
        ...(file.esia?.issuer ? { issuer: file.esia.issuer } : {}),
        vendorDiaries,
        ...(timeoutText !== undefined ? { diaryTimeoutMs: Number(timeoutText) } : {}),
        split: flags.split === true || file.split === true,
      });
      for (const [region, url] of vendorDiaries) process.stdout.write(`diary of region ${region} → vendor endpoint ${url}\n`);
      for (const service of server.app.splitServices) process.stdout.write(`split service ${service.name}: ${service.url}\n`);
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
