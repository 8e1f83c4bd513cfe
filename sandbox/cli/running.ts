/**
 * Where the CLI's client commands find the running edusim and what they send it — a module
 * with no imports, so those commands start without loading the world or the server.
 */
export const DEFAULT_PORT = 4000;

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/** The running edusim's URL unless `--url` says: EDUSIM_URL (as the Vitest fixture reads it), else `http://localhost:$PORT` (4000). */
export function defaultUrl(env: NodeJS.ProcessEnv = process.env): string {
  return nonEmpty(env['EDUSIM_URL']) ?? `http://localhost:${nonEmpty(env['PORT']) ?? DEFAULT_PORT}`;
}

/** The admin token and sandbox secret the CLI's client commands send (EDUSIM_ADMIN_TOKEN, EDUSIM_SECRET). */
export function clientCredentials(env: NodeJS.ProcessEnv = process.env): { adminToken: string | null; secret: string | null } {
  return { adminToken: nonEmpty(env['EDUSIM_ADMIN_TOKEN']) ?? null, secret: nonEmpty(env['EDUSIM_SECRET']) ?? null };
}
