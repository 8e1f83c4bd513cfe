/** For the CLI's integration tests: `edusim <args>` in a child process, its exit code and output. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);
/** The `edusim` command of this checkout. */
export const BIN = new URL('../../bin/edusim.mjs', import.meta.url).pathname;

export interface CliAnswer {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function runEdusim(args: readonly string[], env: Record<string, string> = {}): Promise<CliAnswer> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { env: { ...process.env, ...env }, maxBuffer: 1 << 26 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as CliAnswer;
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}
