/**
 * The configuration of `edusim start`, resolved once from the config file, the environment and
 * the flags (flags win, then the environment, then the file, then the defaults) into one frozen,
 * checked object; `edusim start --print-config` prints it. The only module that reads environment
 * variables. Defaults: PORT 4000, HOST 127.0.0.1 (loopback: the control surface is the operator's),
 * seed 42, demo scale, region 36, lenient ESIA, no admin token.
 */
import { DEFAULT_DATE, DEFAULT_REGION, SCALES, type Scale } from '../seeds/index.ts';
import type { ClientRegistration, Profile } from '../mocks/index.ts';
import { CliUsageError } from './cli/errors.ts';
import type { ConfigFile } from './config-file.ts';

import { DEFAULT_PORT } from './cli/running.ts';

export { DEFAULT_PORT, defaultUrl, clientCredentials } from './cli/running.ts';

export interface ServerConfig {
  readonly port: number;
  readonly host: string;
  readonly world: { readonly seed: number; readonly scale: Scale; readonly region: string | null; readonly date: string; readonly dateChosen: boolean };
  readonly esia: { readonly profile: Profile; readonly issuer: string | null; readonly clients: readonly ClientRegistration[] };
  /** Region code → a vendor's diary base URL. */
  readonly diaries: Readonly<Record<string, string>>;
  /** Region code → the client credentials «Моя школа» uses with that region's diary (default FGIS_MYSCHOOL / myschool-secret). */
  readonly diaryClients: Readonly<Record<string, { readonly clientId: string; readonly clientSecret: string }>>;
  readonly diaryTimeoutMs: number | null;
  readonly split: boolean;
  /** The file sandboxes are kept in across restarts (null: memory only). */
  readonly state: string | null;
  readonly maxSandboxes: number;
  /** Opens the control surface (`X-Edusim-Admin-Token`); null: the surface is open. */
  readonly adminToken: string | null;
  /**
   * Split mode: the secret the gateway signs forwarded identity headers with (EDUSIM_FORWARD_SECRET,
   * for a third-party gateway in front of the subgraphs; docs/split-mode.md); null: a new one per process.
   */
  readonly forwardSecret: string | null;
}

/** The flags of `edusim start` as commander gives them (strings), each undefined when not given. */
export interface StartFlags {
  readonly port?: string | undefined;
  readonly host?: string | undefined;
  readonly scale?: string | undefined;
  readonly seed?: string | undefined;
  readonly region?: string | undefined;
  readonly date?: string | undefined;
  readonly profile?: string | undefined;
  readonly split?: boolean | undefined;
  readonly diary?: readonly string[] | undefined;
  readonly diaryTimeout?: string | undefined;
  readonly state?: string | undefined;
  readonly maxSandboxes?: string | undefined;
  readonly adminToken?: string | undefined;
}

export function parsePort(text: string, source: string): number {
  if (!/^\d+$/.test(text) || Number(text) > 65535) {
    throw new CliUsageError(`${source} ${JSON.stringify(text)} is not valid: expected a port number 0–65535 (0 picks a free port)`);
  }
  return Number(text);
}

function parseSeed(text: string, source: string): number {
  if (!/^\d+$/.test(text) || !Number.isSafeInteger(Number(text)))
    throw new CliUsageError(`${source} ${JSON.stringify(text)} is not valid: expected a non-negative integer (0 … 9007199254740991)`);
  return Number(text);
}

/** `68=https://vendor.example/api` → region 68 → URL; names the bad value and what is accepted. */
function parseDiary(spec: string, source: string): [string, string] {
  const m = /^(\d{2})=(.+)$/.exec(spec);
  if (!m) throw new CliUsageError(`${source} ${JSON.stringify(spec)} is not valid: expected REGION=URL, e.g. 68=https://vendor.example/api`);
  const [, region = '', url = ''] = m;
  const parsed = URL.parse(url);
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:'))
    throw new CliUsageError(`${source} ${JSON.stringify(spec)}: ${JSON.stringify(url)} is not an http(s) URL`);
  return [region, url.replace(/\/$/, '')];
}

const nonEmpty = (value: string | undefined) => (value === undefined || value === '' ? undefined : value);

export function resolveServerConfig(flags: StartFlags, file: ConfigFile = {}, env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const port =
    flags.port !== undefined
      ? parsePort(flags.port, '--port')
      : nonEmpty(env['PORT']) !== undefined
        ? parsePort(env['PORT'] as string, 'PORT')
        : file.port !== undefined
          ? file.port
          : DEFAULT_PORT;
  const host = flags.host ?? nonEmpty(env['HOST']) ?? file.host ?? '127.0.0.1';
  const adminToken = flags.adminToken ?? nonEmpty(env['EDUSIM_ADMIN_TOKEN']) ?? null;
  if (adminToken !== null && !/^[\x21-\x7e]{16,256}$/.test(adminToken))
    throw new CliUsageError(
      `${flags.adminToken !== undefined ? '--admin-token' : 'EDUSIM_ADMIN_TOKEN'} is not valid: expected 16–256 printable characters without spaces`,
    );
  const forwardSecret = nonEmpty(env['EDUSIM_FORWARD_SECRET']) ?? null;
  if (forwardSecret !== null && !/^[\x21-\x7e]{32,256}$/.test(forwardSecret))
    throw new CliUsageError('EDUSIM_FORWARD_SECRET is not valid: expected 32–256 printable characters without spaces');
  const scaleText = flags.scale ?? file.world?.scale ?? 'demo';
  if (!(SCALES as readonly string[]).includes(scaleText))
    throw new CliUsageError(
      `${flags.scale !== undefined ? '--scale' : 'world.scale'} ${JSON.stringify(scaleText)} is not valid: expected one of ${SCALES.join(', ')}`,
    );
  const scale = scaleText as Scale;
  const seed = flags.seed !== undefined ? parseSeed(flags.seed, '--seed') : (file.world?.seed ?? 42);
  const region = flags.region ?? file.world?.region ?? (scale === 'country' ? null : DEFAULT_REGION);
  const chosenDate = flags.date ?? file.world?.date;
  const profile = flags.profile ?? file.esia?.profile ?? 'lenient';
  if (profile !== 'lenient' && profile !== 'strict')
    throw new CliUsageError(
      `${flags.profile !== undefined ? '--profile' : 'esia.profile'} ${JSON.stringify(profile)} is not valid: expected lenient or strict`,
    );
  const diaries = Object.fromEntries([
    ...Object.entries(file.diaries ?? {}).map(([r, url]) => parseDiary(`${r}=${url}`, 'diaries')),
    ...(flags.diary ?? []).map((spec) => parseDiary(spec, '--diary')),
  ]);
  const timeoutText = flags.diaryTimeout ?? (file.diaryTimeoutMs !== undefined ? String(file.diaryTimeoutMs) : undefined);
  if (timeoutText !== undefined && (!/^\d+$/.test(timeoutText) || Number(timeoutText) < 50 || Number(timeoutText) > 60_000))
    throw new CliUsageError(
      `${flags.diaryTimeout !== undefined ? '--diary-timeout' : 'diaryTimeoutMs'} ${JSON.stringify(timeoutText)} is not valid: expected milliseconds from 50 to 60000`,
    );
  const maxText = flags.maxSandboxes ?? (file.maxSandboxes !== undefined ? String(file.maxSandboxes) : undefined);
  if (maxText !== undefined && (!/^\d+$/.test(maxText) || Number(maxText) < 1 || Number(maxText) > 100_000))
    throw new CliUsageError(`--max-sandboxes ${JSON.stringify(maxText)} is not valid: expected a whole number from 1 to 100000`);
  return deepFreeze({
    port,
    host,
    world: { seed, scale, region, date: chosenDate ?? DEFAULT_DATE, dateChosen: chosenDate !== undefined },
    esia: { profile, issuer: file.esia?.issuer ?? null, clients: (file.esia?.clients ?? []) as ClientRegistration[] },
    diaries,
    diaryClients: { ...file.diaryClients },
    diaryTimeoutMs: timeoutText === undefined ? null : Number(timeoutText),
    split: flags.split === true || file.split === true,
    state: flags.state ?? file.state ?? null,
    maxSandboxes: maxText === undefined ? 1000 : Number(maxText),
    adminToken,
    forwardSecret,
  });
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

/** Where the CLI's client commands find a running edusim unless `--url` says: localhost on $PORT or 4000. */

/** Whether a host is loopback only. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\./.test(host);
}
