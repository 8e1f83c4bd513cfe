/**
 * `edusim journal [list|count|verify|clear]`: a sandbox's request journal, through the typed
 * client. `verify` exits 1 when the count is not as expected, printing the count, the
 * expectation and the matching entries — a shell script's assertion.
 */
import { Command } from 'commander';
import { describeEntry, JournalVerificationError, type JournalExpectation, type JournalFilter, type JournalQuery } from '../../client/index.ts';
import { CliUsageError } from './errors.ts';
import { print, refusalsAsUsage, sandboxOf, withToolkitFlags, type FlagsByField, type ToolkitFlags } from './fault-command.ts';

/** The filter flags, each one a field of the journal's filter (sandbox/journal/filter.ts). */
const FILTERS = [
  ['system', '<system>', 'esia | consent | diary | gateway'],
  ['region', '<code>', 'a diary’s region, e.g. 68'],
  ['operation', '<name>', 'e.g. schedule, token, sim-login, a GraphQL operation name'],
  ['method', '<method>', 'GET, POST, …'],
  ['status', '<status>', 'an exact status (503), a class (5xx, 4xx) or 0 for dropped connections'],
  ['since', '<instant|seq>', 'entries at or after an ISO-8601 instant, or after a journal seq number'],
  ['trace', '<id>', 'one trace id: a gateway request and the calls it made'],
  ['caller', '<caller>', 'client | gateway'],
  ['faulted', '<true|false>', 'only calls on which a fault fired (true) or none did (false)'],
  ['path', '<pattern>', 'a path pattern below the system, * matching anything'],
] as const;

type FilterFlags = ToolkitFlags & { [K in (typeof FILTERS)[number][0]]?: string };

function withFilterFlags(command: Command): Command {
  for (const [name, value, description] of FILTERS) command.option(`--${name} ${value}`, description);
  return withToolkitFlags(command);
}

function filterOf(flags: FilterFlags): { filter: JournalFilter; fields: Record<string, { flag: string; value?: string | undefined }> } {
  const filter: Record<string, string> = {};
  const fields: Record<string, { flag: string; value?: string | undefined }> = {};
  for (const [name] of FILTERS) {
    const value = flags[name];
    if (value === undefined) continue;
    filter[name] = value;
    fields[name] = { flag: `--${name}`, value };
  }
  return { filter: filter as JournalFilter, fields };
}

/** `--count 1` → `{ count: '1' }` (edusim checks the numbers), with the flags for its messages. */
function expectationOf(flags: { count?: string; atLeast?: string; atMost?: string }): { expectation: JournalExpectation; fields: FlagsByField } {
  const expectation = {
    ...(flags.count !== undefined ? { count: flags.count } : {}),
    ...(flags.atLeast !== undefined ? { atLeast: flags.atLeast } : {}),
    ...(flags.atMost !== undefined ? { atMost: flags.atMost } : {}),
  };
  if (Object.keys(expectation).length === 0)
    throw new CliUsageError('give --count N, --at-least N or --at-most N: what the number of matching entries must be');
  return {
    expectation,
    fields: {
      count: { flag: '--count', value: flags.count },
      atLeast: { flag: '--at-least', value: flags.atLeast },
      atMost: { flag: '--at-most', value: flags.atMost },
    },
  };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

type ListFlags = FilterFlags & { limit?: string; jsonl?: boolean; follow?: boolean; interval: string };

async function list(flags: ListFlags): Promise<void> {
  const { filter, fields } = filterOf(flags);
  const all = { ...fields, limit: { flag: '--limit', value: flags.limit } };
  const query: JournalQuery = { ...filter, ...(flags.limit !== undefined ? { limit: flags.limit } : {}) };
  const sandbox = sandboxOf(flags);
  if (flags.follow) return follow(flags, sandbox, query, all);
  if (flags.jsonl) {
    process.stdout.write(await refusalsAsUsage(flags, all, () => sandbox.journal.export(query)));
    return;
  }
  const page = await refusalsAsUsage(flags, all, () => sandbox.journal.page(query));
  print(flags, page, page.entries.map(describeEntry).join('\n'));
}

/** Prints the matching entries, then each new one as it comes, until interrupted. */
async function follow(flags: ListFlags, sandbox: ReturnType<typeof sandboxOf>, query: JournalQuery, fields: FlagsByField): Promise<never> {
  if (flags.json) throw new CliUsageError('--follow prints entries as they come: use --jsonl for JSON, not --json');
  if (!/^\d{2,6}$/.test(flags.interval) || Number(flags.interval) < 50)
    throw new CliUsageError(`--interval ${JSON.stringify(flags.interval)} is not valid: expected milliseconds, at least 50`);
  process.once('SIGINT', () => process.exit(0));
  process.once('SIGTERM', () => process.exit(0));
  let last = 0;
  for (;;) {
    const page = await refusalsAsUsage(flags, fields, () => sandbox.journal.page({ ...query, ...(last > 0 ? { since: String(last) } : {}) }));
    // The journal was cleared or the sandbox reset: its numbering starts again.
    if (page.total < last) {
      last = 0;
      continue;
    }
    for (const entry of page.entries) process.stdout.write(`${flags.jsonl ? JSON.stringify(entry) : describeEntry(entry)}\n`);
    last = Math.max(last, page.total);
    await sleep(Number(flags.interval));
  }
}

export function journalCommand(): Command {
  const journal = new Command('journal').description("a sandbox's request journal: list, count, verify, clear (default: list)");
  withFilterFlags(
    journal
      .command('list', { isDefault: true })
      .description('the matching entries, oldest first')
      .option('--limit <n>', 'the newest N (default 1000)')
      .option('--jsonl', 'JSON lines, one entry per line')
      .option('--follow', 'then print each new matching entry as it comes (Ctrl-C stops)')
      .option('--interval <ms>', 'with --follow: how often to look (default 1000)', '1000'),
  ).action(list);
  withFilterFlags(journal.command('count').description('how many entries match')).action(async (flags: FilterFlags) => {
    const { filter, fields } = filterOf(flags);
    const count = await refusalsAsUsage(flags, fields, () => sandboxOf(flags).journal.count(filter));
    print(flags, { count }, String(count));
  });
  withFilterFlags(
    journal
      .command('verify')
      .description('check how many entries match; exit 1, printing them, when it is not as expected')
      .option('--count <n>', 'exactly N')
      .option('--at-least <n>', 'N or more')
      .option('--at-most <n>', 'N or fewer'),
  ).action(async (flags: FilterFlags & { count?: string; atLeast?: string; atMost?: string }) => {
    const { filter, fields } = filterOf(flags);
    const { expectation, fields: counts } = expectationOf(flags);
    try {
      const verdict = await refusalsAsUsage(flags, { ...fields, ...counts }, () => sandboxOf(flags).journal.verify(filter, expectation));
      print(flags, verdict, `ok: ${verdict.count} matching ${verdict.count === 1 ? 'entry' : 'entries'} (expected ${verdict.expected})`);
    } catch (error) {
      if (!(error instanceof JournalVerificationError) || !flags.json) throw error;
      print(flags, { ok: false, count: error.count, expected: error.expected, entries: error.entries }, '');
      process.exitCode = 1;
    }
  });
  withToolkitFlags(journal.command('clear').description('empty the journal (its numbering starts again)')).action(async (flags: ToolkitFlags) => {
    const cleared = await refusalsAsUsage(flags, {}, () => sandboxOf(flags).journal.clear());
    print(flags, { cleared }, `${cleared} ${cleared === 1 ? 'entry' : 'entries'} cleared`);
  });
  return journal;
}
