/**
 * `edusim/vitest` — a Vitest fixture that gives each test its own edusim sandbox.
 *
 *   import { edusimTest } from 'edusim/vitest';
 *   const test = edusimTest({ sandbox: { seed: 7 } });
 *   test('the teacher reads her name', async ({ sandbox }) => {
 *     const teacher = await sandbox.login('teacher-with-rights', { consent: true });
 *     …
 *   });
 *
 * Fixtures: `edusim` (the client, one per worker) and `sandbox` (a handle on a sandbox created
 * before the test and deleted after it, even when it fails). The server is the one at `url`, or
 * `EDUSIM_URL` from the environment; without either, edusim is started in this process on a free
 * port (once per worker; with Vitest's default isolation that is once per test file) and closed
 * when the worker is done. The in-process server is loaded only then: against a running edusim
 * this module loads the client and nothing else of edusim.
 */
import { test as base } from 'vitest';
import { Edusim, EdusimNotFoundError, type Fetch, type SandboxHandle, type SandboxSpec } from '../client/index.ts';

export interface EdusimTestOptions {
  /** The spec each test's sandbox is created with (every field optional: `seed`, `scale`, `date`, `clock`, `scenarios`, `faults`, …). */
  readonly sandbox?: SandboxSpec;
  /** A running edusim (default: `EDUSIM_URL`; without either, one is started in this process). */
  readonly url?: string;
  /** `X-Edusim-Admin-Token` for a server that needs it (default: `EDUSIM_ADMIN_TOKEN`). */
  readonly adminToken?: string;
  /** The `fetch` the client calls edusim with (default: the global one). */
  readonly fetch?: Fetch;
  /** The in-process server: its default sandbox's world and its admin token (as `edusim start --seed --scale --region --date --admin-token`). */
  readonly server?: {
    readonly seed?: number;
    readonly scale?: SandboxSpec['scale'];
    readonly region?: string;
    readonly date?: string;
    readonly adminToken?: string;
  };
}

/** Where the fixtures reach edusim, and whether it runs in this process. */
export interface EdusimServer {
  readonly url: string;
  readonly adminToken: string | undefined;
  readonly inProcess: boolean;
}

/** Vitest's `test` with the fixtures `edusimServer` (worker), `edusim` (worker) and `sandbox` (each test). */
export function edusimTest(options: EdusimTestOptions = {}) {
  return (
    base
      // Vitest reads each fixture's dependencies from the destructuring of its first parameter: none here.
      // eslint-disable-next-line no-empty-pattern
      .extend('edusimServer', { scope: 'worker' }, async ({}, { onCleanup }): Promise<EdusimServer> => {
        const url = options.url ?? nonEmpty(process.env['EDUSIM_URL']);
        const adminToken = options.adminToken ?? options.server?.adminToken ?? nonEmpty(process.env['EDUSIM_ADMIN_TOKEN']);
        if (url !== undefined) return { url, adminToken, inProcess: false };
        const started = await startInProcess(options.server ?? {});
        onCleanup(() => started.close());
        return { url: started.url, adminToken: options.server?.adminToken, inProcess: true };
      })
      .extend(
        'edusim',
        { scope: 'worker' },
        async ({ edusimServer }): Promise<Edusim> =>
          new Edusim({
            url: edusimServer.url,
            ...(edusimServer.adminToken !== undefined ? { adminToken: edusimServer.adminToken } : {}),
            ...(options.fetch ? { fetch: options.fetch } : {}),
          }),
      )
      .extend('sandbox', async ({ edusim, task }, { onCleanup }): Promise<SandboxHandle> => {
        const spec = options.sandbox ?? {};
        const sandbox = await edusim.createSandbox({ ...spec, id: spec.id ?? sandboxIdFor(task.name) });
        onCleanup(async () => {
          try {
            await sandbox.delete();
          } catch (error) {
            // The test deleted it itself.
            if (!(error instanceof EdusimNotFoundError)) throw error;
          }
        });
        return sandbox;
      })
  );
}

/** `vt-<the test's name>-<random>`: readable in `edusim sandbox list` and the journal, unique across parallel runs. */
export function sandboxIdFor(testName: string): string {
  const slug = testName
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  const random = Math.random().toString(36).slice(2, 8).padEnd(6, '0');
  return slug ? `vt-${slug}-${random}` : `vt-${random}`;
}

async function startInProcess(server: NonNullable<EdusimTestOptions['server']>): Promise<{ url: string; close(): Promise<void> }> {
  // Loaded only here: a suite against a running edusim never loads the server.
  const [{ startServer }, { createWorld, DEFAULT_DATE }] = await Promise.all([import('../sandbox/index.ts'), import('../seeds/index.ts')]);
  const world = createWorld({
    seed: server.seed ?? 42,
    scale: server.scale ?? 'demo',
    ...(server.region !== undefined ? { region: server.region } : {}),
    asOf: server.date ?? DEFAULT_DATE,
  });
  return startServer(
    world,
    { port: 0, host: '127.0.0.1' },
    { dateChosen: true, ...(server.adminToken !== undefined ? { adminToken: server.adminToken } : {}) },
  );
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

/** What `edusimTest` answers: Vitest's `test` with the fixtures above. */
export type EdusimTest = ReturnType<typeof edusimTest>;
