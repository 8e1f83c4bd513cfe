/** The CLI's side of the admin API: one request to a running edusim, its JSON, errors as one line. */
import { clientCredentials } from './running.ts';
import { CliUsageError } from './errors.ts';

export interface ClientFlags {
  readonly url: string;
  readonly json?: boolean;
}

export function checkUrl(url: string): URL {
  const parsed = URL.parse(url);
  if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:'))
    throw new CliUsageError(`--url ${JSON.stringify(url)} is not valid: expected an absolute http(s) URL like http://localhost:4000`);
  return parsed;
}

/** Sends one admin request; a 4xx answer becomes a CliUsageError with edusim's message. */
export async function adminRequest<T>(flags: ClientFlags, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  const base = checkUrl(flags.url);
  let response: Response;
  try {
    response = await fetch(new URL(path, base), {
      method,
      headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...credentialHeaders(), ...headers },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
  } catch (error) {
    throw new Error(`cannot reach ${flags.url} (${(error as Error).message}): is \`npm start\` running?`);
  }
  const text = await response.text();
  let parsed: unknown = null;
  try {
    parsed = text === '' ? null : JSON.parse(text);
  } catch {
    parsed = null;
  }
  if (!response.ok) {
    const problem = parsed as { message?: string; error_description?: string; error?: string } | null;
    const message = problem?.message ?? problem?.error_description ?? problem?.error ?? `HTTP ${response.status}`;
    throw new CliUsageError(message);
  }
  return parsed as T;
}

export function print(flags: ClientFlags, value: unknown, human: string): void {
  process.stdout.write(flags.json ? `${JSON.stringify(value, null, 2)}\n` : `${human}\n`);
}

/** EDUSIM_ADMIN_TOKEN and EDUSIM_SECRET, as the control surface's headers. */
/** The admin token and sandbox secret the CLI was given (EDUSIM_ADMIN_TOKEN, EDUSIM_SECRET), as headers. */
export function credentialHeaders(): Record<string, string> {
  const { adminToken, secret } = clientCredentials();
  return { ...(adminToken ? { 'x-edusim-admin-token': adminToken } : {}), ...(secret ? { 'x-edusim-secret': secret } : {}) };
}
