/**
 * Configuration, resolved once at the boundary into a frozen object. The only module that reads
 * environment variables. Defaults: PORT 4000, HOST 0.0.0.0, seed 42, demo scale.
 */
import { CliUsageError } from './cli/errors.ts';

export interface ServerConfig {
  readonly port: number;
  readonly host: string;
}

export const DEFAULT_PORT = 4000;

export function parsePort(text: string, source: string): number {
  if (!/^\d+$/.test(text) || Number(text) > 65535) {
    throw new CliUsageError(`${source} ${JSON.stringify(text)} is not valid: expected a port number 0–65535 (0 picks a free port)`);
  }
  return Number(text);
}

export function resolveServerConfig(flags: { port?: string; host?: string }, env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const port =
    flags.port !== undefined
      ? parsePort(flags.port, '--port')
      : env['PORT'] !== undefined && env['PORT'] !== ''
        ? parsePort(env['PORT'], 'PORT')
        : DEFAULT_PORT;
  const host = flags.host ?? env['HOST'] ?? '0.0.0.0';
  return Object.freeze({ port, host });
}
