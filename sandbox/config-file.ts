/**
 * The optional JSON config file (`edusim start --config edusim.json`), checked whole before
 * anything starts; every field is optional and command-line flags win over it. Its schema is the
 * one below: it validates, types and documents the file.
 *
 *   { "port": 4000, "host": "0.0.0.0",
 *     "world": { "seed": 42, "scale": "demo", "region": "36", "date": "2026-11-23" },
 *     "diaries": { "68": "https://vendor.example/api" }, "diaryTimeoutMs": 3000, "split": false,
 *     "diaryClients": { "68": { "clientId": "FGIS_MYSCHOOL", "clientSecret": "vendor-issued-secret" } },
 *     "state": "edusim-state.json", "maxSandboxes": 1000,
 *     "esia": { "profile": "lenient", "issuer": "http://esia.gosuslugi.ru/",
 *               "clients": [{ "clientId": "VENDOR01", "redirectUris": ["https://vendor.example/cb"],
 *                             "scopes": ["openid", "fullname"], "publicKey": "-----BEGIN PUBLIC KEY-----…" }] } }
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { CliUsageError } from './cli/errors.ts';
import { ClientRegistrationSchema, DiaryClientsSchema, firstProblem } from './spec.ts';

export const ConfigFileSchema = z.strictObject({
  port: z.number().int().min(0).max(65535).optional(),
  host: z.string().min(1).optional(),
  world: z
    .strictObject({
      seed: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
      scale: z.string().optional(),
      region: z.string().optional(),
      date: z.string().optional(),
    })
    .optional(),
  esia: z
    .strictObject({
      profile: z.enum(['strict', 'lenient']).optional(),
      issuer: z.string().min(1).optional(),
      clients: z.array(ClientRegistrationSchema).optional(),
    })
    .optional(),
  /** Region code → a vendor's diary base URL. */
  diaries: z.record(z.string(), z.string()).optional(),
  /** Region code → the diary's client credentials, for every sandbox (a sandbox's own `diaryClients` win). */
  diaryClients: DiaryClientsSchema.optional(),
  diaryTimeoutMs: z.number().int().optional(),
  split: z.boolean().optional(),
  /** A file the sandboxes are kept in across restarts. */
  state: z.string().min(1).optional(),
  maxSandboxes: z.number().int().min(1).max(100_000).optional(),
});

export type ConfigFile = z.output<typeof ConfigFileSchema>;

export function loadConfigFile(path: string): ConfigFile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new CliUsageError(`--config ${path}: not a readable JSON file (${(error as Error).message})`);
  }
  const result = ConfigFileSchema.safeParse(parsed);
  if (!result.success) throw new CliUsageError(firstProblem(result.error, `--config ${path}`, Object.keys(ConfigFileSchema.shape)));
  return Object.freeze(result.data);
}
