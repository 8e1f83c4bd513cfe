/**
 * The optional JSON config file (`edusim start --config edusim.json`), checked whole before
 * anything starts. Every field is optional; command-line flags win over the file.
 *
 *   { "port": 4000, "host": "0.0.0.0",
 *     "world": { "seed": 42, "scale": "demo", "region": "36", "date": "2026-11-23" },
 *     "diaries": { "68": "https://vendor.example/api" }, "diaryTimeoutMs": 3000, "split": false,
 *     "esia": { "profile": "lenient", "issuer": "http://esia.gosuslugi.ru/",
 *               "clients": [{ "clientId": "VENDOR01", "redirectUris": ["https://vendor.example/cb"],
 *                             "scopes": ["openid", "fullname"], "publicKey": "-----BEGIN PUBLIC KEY-----…" }] } }
 */
import { readFileSync } from 'node:fs';
import type { ClientRegistration } from '../mocks/index.ts';
import { CliUsageError } from './cli/errors.ts';

export interface ConfigFile {
  readonly port?: number;
  readonly host?: string;
  readonly world?: { readonly seed?: number; readonly scale?: string; readonly region?: string; readonly date?: string };
  readonly esia?: { readonly profile?: 'strict' | 'lenient'; readonly issuer?: string; readonly clients?: readonly ClientRegistration[] };
  /** Region code → a vendor's diary base URL. */
  readonly diaries?: Readonly<Record<string, string>>;
  readonly diaryTimeoutMs?: number;
  readonly split?: boolean;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function loadConfigFile(path: string): ConfigFile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new CliUsageError(`--config ${path}: not a readable JSON file (${(error as Error).message})`);
  }
  const fail = (field: string, expected: string, value: unknown): never => {
    throw new CliUsageError(`--config ${path}: ${field} ${JSON.stringify(value)} is not valid: expected ${expected}`);
  };
  if (!isObject(parsed)) return fail('the document', 'a JSON object', parsed);
  const known = ['port', 'host', 'world', 'esia', 'diaries', 'diaryTimeoutMs', 'split'];
  for (const key of Object.keys(parsed)) if (!known.includes(key)) fail(`key "${key}"`, `one of ${known.join(', ')}`, parsed[key]);
  const { port, host, world, esia, diaries, diaryTimeoutMs, split } = parsed;
  if (diaries !== undefined && (!isObject(diaries) || !Object.values(diaries).every((u) => typeof u === 'string')))
    fail('diaries', 'an object of region code → URL', diaries);
  if (diaryTimeoutMs !== undefined && !Number.isInteger(diaryTimeoutMs)) fail('diaryTimeoutMs', 'a whole number of milliseconds', diaryTimeoutMs);
  if (split !== undefined && typeof split !== 'boolean') fail('split', 'true or false', split);
  if (port !== undefined && (!Number.isInteger(port) || (port as number) < 0 || (port as number) > 65535)) fail('port', 'a port number 0–65535', port);
  if (host !== undefined && typeof host !== 'string') fail('host', 'a string', host);
  if (world !== undefined) {
    if (!isObject(world)) fail('world', 'an object', world);
    const w = world as Record<string, unknown>;
    if (w['seed'] !== undefined && (!Number.isSafeInteger(w['seed']) || (w['seed'] as number) < 0)) fail('world.seed', 'a non-negative integer', w['seed']);
    for (const key of ['scale', 'region', 'date']) if (w[key] !== undefined && typeof w[key] !== 'string') fail(`world.${key}`, 'a string', w[key]);
  }
  if (esia !== undefined) {
    if (!isObject(esia)) fail('esia', 'an object', esia);
    const e = esia as Record<string, unknown>;
    if (e['profile'] !== undefined && e['profile'] !== 'strict' && e['profile'] !== 'lenient') fail('esia.profile', 'strict or lenient', e['profile']);
    if (e['issuer'] !== undefined && typeof e['issuer'] !== 'string') fail('esia.issuer', 'a string', e['issuer']);
    const clients = e['clients'];
    if (clients !== undefined) {
      if (!Array.isArray(clients)) fail('esia.clients', 'an array', clients);
      (clients as unknown[]).forEach((c, i) => {
        if (!isObject(c)) fail(`esia.clients[${i}]`, 'an object', c);
        const client = c as Record<string, unknown>;
        if (typeof client['clientId'] !== 'string') fail(`esia.clients[${i}].clientId`, 'a string', client['clientId']);
        if (!Array.isArray(client['redirectUris']) || !client['redirectUris'].every((u) => typeof u === 'string' && URL.canParse(u))) {
          fail(`esia.clients[${i}].redirectUris`, 'an array of absolute URLs', client['redirectUris']);
        }
        if (client['scopes'] !== undefined && (!Array.isArray(client['scopes']) || !client['scopes'].every((s) => typeof s === 'string')))
          fail(`esia.clients[${i}].scopes`, 'an array of scope names', client['scopes']);
        if (client['publicKey'] !== undefined && typeof client['publicKey'] !== 'string' && !isObject(client['publicKey']))
          fail(`esia.clients[${i}].publicKey`, 'a PEM string or a JWK object', client['publicKey']);
      });
    }
  }
  const normalized = {
    ...(parsed as ConfigFile),
    ...(isObject(esia) && Array.isArray((esia as Record<string, unknown>)['clients'])
      ? {
          esia: {
            ...(esia as object),
            clients: ((esia as Record<string, unknown>)['clients'] as Record<string, unknown>[]).map(
              (c) => ({ scopes: [], ...c }) as unknown as ClientRegistration,
            ),
          },
        }
      : {}),
  };
  return Object.freeze(normalized);
}
