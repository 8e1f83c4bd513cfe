/**
 * The `edusim` command line. Bad input: one line on stderr, exit code 2.
 *
 * Start-up stays small: each command's module (and what it pulls in: the seeded world, the
 * server) loads only when that command runs or its help is asked for. The others are listed
 * from the table below by name and summary; a test checks the table against the commands.
 */
import { Command, CommanderError } from 'commander';
import { CliUsageError, EXIT_BAD_INPUT } from './errors.ts';

interface CommandEntry {
  /** How the top-level help lists it: the name, and `[options]` when it has options of its own. */
  readonly term: string;
  readonly summary: string;
  readonly load: () => Promise<Command>;
}

const COMMANDS: Readonly<Record<string, CommandEntry>> = {
  start: {
    term: 'start [options]',
    summary: 'run the sandbox host (health, ESIA at /esia, consents at /consent, diaries, GraphQL, admin API at /_edusim) on PORT (default 4000)',
    load: async () => (await import('./start-command.ts')).startCommand(),
  },
  world: {
    term: 'world',
    summary: 'the seeded world: counts, people, export',
    load: async () => (await import('./world-command.ts')).worldCommand(),
  },
  personas: {
    term: 'personas [options]',
    summary: 'named edge cases for QA and demos, with their expected outcomes',
    load: async () => (await import('./personas-command.ts')).personasCommand(),
  },
  login: {
    term: 'login [options]',
    summary: 'log a persona (or an oid) in through the running sandbox’s ESIA and print the token response',
    load: async () => (await import('./login-command.ts')).loginCommand(),
  },
  sandbox: {
    term: 'sandbox',
    summary: 'create, inspect, reset, save, restore and delete sandboxes of a running edusim',
    load: async () => (await import('./sandbox-command.ts')).sandboxCommand(),
  },
  clock: {
    term: 'clock',
    summary: "read and move a sandbox's clock (tokens, consents, ages, the school week follow it)",
    load: async () => (await import('./clock-command.ts')).clockCommand(),
  },
  scenario: {
    term: 'scenario',
    summary: 'list and apply scenarios (consent revoked, parent linked, diary down, …)',
    load: async () => (await import('./scenario-command.ts')).scenarioCommand(),
  },
  fault: {
    term: 'fault',
    summary: "a sandbox's fault rules: which calls to which system fail, and how",
    load: async () => (await import('./fault-command.ts')).faultCommand(),
  },
  journal: {
    term: 'journal',
    summary: "a sandbox's request journal: list, count, verify, clear (default: list)",
    load: async () => (await import('./journal-command.ts')).journalCommand(),
  },
  indicators: {
    term: 'indicators [options]',
    summary: "the region's indicators as of a sandbox's clock: child-account share, ЦОК usage, content demand, activity",
    load: async () => (await import('./indicators-command.ts')).indicatorsCommand(),
  },
  verify: {
    term: 'verify',
    summary: "the verification kit: a vendor's diary against the contract and the world, an ESIA client from what it did in a sandbox",
    load: async () => (await import('./verify-command.ts')).verifyCommand(),
  },
};

/** The command the arguments name (`edusim NAME …`, `edusim help NAME`), if any. */
function namedCommand(argv: readonly string[]): string | undefined {
  const words = argv.filter((arg) => !arg.startsWith('-'));
  const name = words[0] === 'help' ? words[1] : words[0];
  return name !== undefined && Object.hasOwn(COMMANDS, name) ? name : undefined;
}

/**
 * The program. With `argv`, only the command it names is loaded in full and the rest are listed
 * by name and summary (enough for the top-level help and for unknown-command errors); without,
 * every command is loaded.
 */
export async function buildProgram(argv?: readonly string[]): Promise<Command> {
  const wanted = argv === undefined ? undefined : namedCommand(argv);
  const program = new Command('edusim')
    .description("Sandbox of Russia's digital school platform: ESIA, consents, ГИС РУО, regional diaries, ЦОК library")
    .version('0.1.0')
    .showHelpAfterError(false)
    .exitOverride();
  const listed = new Map<Command, string>();
  for (const [name, entry] of Object.entries(COMMANDS)) {
    if (argv === undefined || name === wanted) {
      program.addCommand(await entry.load());
    } else {
      const stub = new Command(name).description(entry.summary);
      listed.set(stub, entry.term);
      program.addCommand(stub);
    }
  }
  const help = program.createHelp();
  program.configureHelp({ subcommandTerm: (command) => listed.get(command) ?? help.subcommandTerm(command) });
  const all = (command: Command): Command[] => [command, ...command.commands.flatMap(all)];
  for (const command of all(program)) {
    command.exitOverride();
    command.configureOutput({ writeErr: (text) => process.stderr.write(text) });
  }
  return program;
}

export async function main(argv: readonly string[]): Promise<number> {
  try {
    await (await buildProgram(argv)).parseAsync([...argv], { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return 0;
      return EXIT_BAD_INPUT;
    }
    // The world's WorldInputError is told by its name: importing seeds/ for `instanceof` would load the world.
    if (error instanceof CliUsageError || (error instanceof Error && error.name === 'WorldInputError')) {
      process.stderr.write(`edusim: ${error.message}\n`);
      return EXIT_BAD_INPUT;
    }
    process.stderr.write(`edusim: ${(error as Error).message ?? String(error)}\n`);
    return 1;
  }
}
