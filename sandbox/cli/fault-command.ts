/**
 * `edusim fault list|add|set|remove|clear --sandbox <id>`: a sandbox's fault rules, through the
 * typed client (`edusim/client`) — which loads nothing but itself, so these commands start small.
 */
import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { Edusim, EdusimError, EdusimNetworkError, type FaultRule, type FaultRuleInput, type SandboxHandle } from '../../client/index.ts';
import { CliUsageError } from './errors.ts';
import { clientCredentials, defaultUrl } from './running.ts';

export interface ToolkitFlags {
  readonly sandbox: string;
  readonly url: string;
  readonly json?: boolean;
}

/** `--sandbox`, `--url`, `--json`, as the other commands of a running edusim. */
export function withToolkitFlags(command: Command): Command {
  return command
    .option('--sandbox <id>', 'the sandbox (default: the default sandbox)', 'default')
    .option('--url <url>', 'the running edusim', defaultUrl())
    .option('--json', 'print JSON');
}

/** The sandbox the flags name, with EDUSIM_ADMIN_TOKEN and EDUSIM_SECRET from the environment. */
export function sandboxOf(flags: ToolkitFlags, env: NodeJS.ProcessEnv = process.env): SandboxHandle {
  let edusim: Edusim;
  const { adminToken, secret } = clientCredentials(env);
  try {
    edusim = new Edusim({ url: flags.url, ...(adminToken ? { adminToken } : {}) });
  } catch {
    throw new CliUsageError(`--url ${JSON.stringify(flags.url)} is not valid: expected an absolute http(s) URL like http://localhost:4000`);
  }
  return edusim.sandbox(flags.sandbox, secret ? { secret } : {});
}

/** A flag as the user typed it, for the field of the request it became. */
export type FlagsByField = Readonly<Record<string, { readonly flag: string; readonly value?: string | undefined }>>;

/**
 * Runs a request; edusim's refusal becomes one line (exit 2) naming the flag behind the field it
 * names (`--status "5x" is not valid: expected a status like 503 or a class like 5xx`), and no
 * answer at all one line saying so (exit 1).
 */
export async function refusalsAsUsage<T>(flags: ToolkitFlags, fields: FlagsByField, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof EdusimNetworkError) throw new Error(`cannot reach ${flags.url} (${error.message}): is \`edusim start\` running?`, { cause: error });
    if (!(error instanceof EdusimError) || error.status < 400 || error.status > 499) throw error;
    // edusim names the field: "GET /_edusim/sandboxes/qa/journal: status: expected …".
    const named = /^[A-Z]+ \S+: ([\w.[\]]+): (.*)$/s.exec(error.message);
    const all: FlagsByField = { id: { flag: '--sandbox', value: flags.sandbox }, ...fields };
    const field = named?.[1] !== undefined ? all[named[1]] : undefined;
    if (named && field) throw new CliUsageError(`${field.flag}${field.value !== undefined ? ` ${JSON.stringify(field.value)}` : ''} is not valid: ${named[2]}`);
    throw new CliUsageError(error.message);
  }
}

export function print(flags: { readonly json?: boolean }, value: unknown, human: string): void {
  process.stdout.write(flags.json ? `${JSON.stringify(value, null, 2)}\n` : human === '' ? '' : `${human}\n`);
}

/** A rule in one line: `f1  diary/68 schedule  HTTP 503  (times 1; fired 0, 1 left)`. */
export function describeRule(r: FaultRule): string {
  const { rule } = r;
  const where = [rule.region !== undefined ? `${rule.system}/${rule.region}` : rule.system, rule.operation, rule.path].filter((x) => x !== undefined).join(' ');
  const a = rule.action;
  const what =
    a.kind === 'latency'
      ? `latency ${a.ms}${a.jitterMs !== undefined ? `~${a.jitterMs}` : ''} ms`
      : a.kind === 'status'
        ? `HTTP ${a.status}`
        : a.kind === 'esia-error'
          ? `${a.code}${a.status !== undefined ? ` (HTTP ${a.status})` : ''}`
          : a.kind === 'timeout'
            ? `timeout${a.ms !== undefined ? ` ${a.ms} ms` : ''}`
            : a.kind;
  const how = [
    rule.probability !== undefined ? `probability ${rule.probability}` : undefined,
    rule.times !== undefined ? `times ${rule.times}` : undefined,
    `fired ${r.fired}${r.remaining !== null ? `, ${r.remaining} left` : ''}`,
    rule.note,
  ].filter((x) => x !== undefined);
  return `${r.id}\t${where}\t${what}\t(${how.join('; ')})`;
}

interface AddFlags extends ToolkitFlags {
  system?: string;
  region?: string;
  operation?: string;
  path?: string;
  status?: string;
  latency?: string;
  timeout?: string | true;
  reset?: boolean;
  malformed?: boolean;
  offContract?: boolean;
  esiaError?: string;
  probability?: string;
  times?: string;
  note?: string;
}

const ACTIONS = '--status CODE, --latency MS[~JITTER], --timeout [MS], --reset, --malformed, --off-contract or --esia-error ESIA-0070XX';

function number(flag: string, value: string): number {
  if (!/^\d+(\.\d+)?$/.test(value.trim())) throw new CliUsageError(`${flag} ${JSON.stringify(value)} is not valid: expected a number`);
  return Number(value);
}

/** The rule `fault add`'s flags describe, and which flag each field came from. */
export function ruleFromFlags(flags: AddFlags): { rule: FaultRuleInput; fields: FlagsByField } {
  const chosen = (['status', 'latency', 'timeout', 'reset', 'malformed', 'offContract', 'esiaError'] as const).filter(
    (key) => flags[key] !== undefined && flags[key] !== false,
  );
  if (chosen.length !== 1)
    throw new CliUsageError(`${chosen.length === 0 ? 'no action' : `${chosen.map(flagName).join(' and ')} together`}: give exactly one of ${ACTIONS}`);
  const fields: Record<string, { flag: string; value?: string | undefined }> = {
    system: { flag: '--system', value: flags.system },
    region: { flag: '--region', value: flags.region },
    operation: { flag: '--operation', value: flags.operation },
    path: { flag: '--path', value: flags.path },
    probability: { flag: '--probability', value: flags.probability },
    times: { flag: '--times', value: flags.times },
    note: { flag: '--note', value: flags.note },
  };
  let action: FaultRuleInput['action'];
  if (flags.status !== undefined) {
    action = { kind: 'status', status: number('--status', flags.status) };
    fields['action.status'] = { flag: '--status', value: flags.status };
  } else if (flags.latency !== undefined) {
    const m = /^(\d+)(?:~(\d+))?$/.exec(flags.latency.trim());
    if (!m) throw new CliUsageError(`--latency ${JSON.stringify(flags.latency)} is not valid: expected milliseconds, optionally with a jitter: 200 or 200~50`);
    action = { kind: 'latency', ms: Number(m[1]), ...(m[2] !== undefined ? { jitterMs: Number(m[2]) } : {}) };
    fields['action.ms'] = fields['action.jitterMs'] = { flag: '--latency', value: flags.latency };
  } else if (flags.timeout !== undefined) {
    action = flags.timeout === true ? { kind: 'timeout' } : { kind: 'timeout', ms: number('--timeout', flags.timeout) };
    fields['action.ms'] = { flag: '--timeout', value: flags.timeout === true ? undefined : flags.timeout };
  } else if (flags.esiaError !== undefined) {
    action = { kind: 'esia-error', code: flags.esiaError };
    fields['action.code'] = { flag: '--esia-error', value: flags.esiaError };
  } else action = { kind: flags.reset ? 'reset' : flags.malformed ? 'malformed' : 'off-contract' };
  fields['action.kind'] = { flag: flagName(chosen[0] ?? 'reset') };
  const rule: FaultRuleInput = {
    system: flags.system as FaultRuleInput['system'],
    ...(flags.region !== undefined ? { region: flags.region } : {}),
    ...(flags.operation !== undefined ? { operation: flags.operation } : {}),
    ...(flags.path !== undefined ? { path: flags.path } : {}),
    action,
    ...(flags.probability !== undefined ? { probability: number('--probability', flags.probability) } : {}),
    ...(flags.times !== undefined ? { times: number('--times', flags.times) } : {}),
    ...(flags.note !== undefined ? { note: flags.note } : {}),
  };
  return { rule, fields };
}

function flagName(key: string): string {
  return `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

/** `rules.json`: `{"rules": [...]}` or the list alone. */
function readRules(file: string): FaultRuleInput[] {
  let document: unknown;
  try {
    document = JSON.parse(readFileSync(file === '-' ? 0 : file, 'utf8'));
  } catch (error) {
    throw new CliUsageError(`--file ${file}: not a readable JSON file (${(error as Error).message})`);
  }
  const rules = Array.isArray(document) ? document : (document as { rules?: unknown } | null)?.rules;
  if (!Array.isArray(rules)) throw new CliUsageError(`--file ${file} is not valid: expected {"rules": [...]} or a list of rules`);
  return rules as FaultRuleInput[];
}

export function faultCommand(): Command {
  const fault = new Command('fault').description("a sandbox's fault rules: which calls to which system fail, and how");
  withToolkitFlags(fault.command('list').description('the rules, in the order they are tried, with how often each fired')).action(
    async (flags: ToolkitFlags) => {
      const rules = await refusalsAsUsage(flags, {}, () => sandboxOf(flags).faults.list());
      print(flags, rules, rules.length > 0 ? rules.map(describeRule).join('\n') : 'no fault rules');
    },
  );
  withToolkitFlags(
    fault
      .command('add')
      .description('add a rule (tried after the others); prints its id')
      .requiredOption('--system <system>', 'esia | consent | diary | gateway')
      .option('--region <code>', 'diary only: the region (none: every region)')
      .option('--operation <name>', 'e.g. token, schedule, authorize, sim-login, a GraphQL operation name (none: every operation)')
      .option('--path <pattern>', 'a path pattern below the system, * matching anything: /Schedule/*')
      .option('--status <code>', 'answer this HTTP status (400–599) with the system’s own error body')
      .option('--latency <ms[~jitter]>', 'answer as usual, this many milliseconds later (± jitter)')
      .option('--timeout [ms]', 'no answer for this long (default 10000 ms), then drop the connection')
      .option('--reset', 'drop the connection at once')
      .option('--malformed', 'the usual answer with its body cut in half')
      .option('--off-contract', 'the usual answer reshaped so it breaks the system’s contract')
      .option('--esia-error <code>', 'esia and consent: ESIA’s error on ESIA’s wire, e.g. ESIA-007014')
      .option('--probability <p>', 'the chance it fires on a matching call, 0–1 (default 1)')
      .option('--times <n>', 'fire on the next N matching calls only (default: every one)')
      .option('--note <text>', 'free text'),
  ).action(async (flags: AddFlags) => {
    const { rule, fields } = ruleFromFlags(flags);
    const added = await refusalsAsUsage(flags, fields, () => sandboxOf(flags).faults.add(rule));
    print(flags, added, added.id);
  });
  withToolkitFlags(
    fault
      .command('set')
      .description('replace every rule with the ones in a file (all or nothing)')
      .requiredOption('--file <file>', 'JSON: {"rules": [...]} or a list of rules (- for standard input)'),
  ).action(async (flags: ToolkitFlags & { file: string }) => {
    const rules = await refusalsAsUsage(flags, {}, () => sandboxOf(flags).faults.replace(readRules(flags.file)));
    print(flags, rules, rules.map(describeRule).join('\n'));
  });
  withToolkitFlags(fault.command('remove').argument('<rule>', 'the rule id, e.g. f1').description('remove one rule')).action(
    async (id: string, flags: ToolkitFlags) => {
      await refusalsAsUsage(flags, { rule: { flag: 'rule', value: id } }, () => sandboxOf(flags).faults.remove(id));
      print(flags, { removed: id }, `${id} removed`);
    },
  );
  withToolkitFlags(fault.command('clear').description('remove every rule')).action(async (flags: ToolkitFlags) => {
    await refusalsAsUsage(flags, {}, () => sandboxOf(flags).faults.clear());
    print(flags, { rules: [] }, 'no fault rules');
  });
  return fault;
}
