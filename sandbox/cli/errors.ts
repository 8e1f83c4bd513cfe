/** CLI failures: one line on stderr, exit code 2 for bad input. */
export class CliUsageError extends Error {
  override readonly name = 'CliUsageError';
}

export const EXIT_BAD_INPUT = 2;
