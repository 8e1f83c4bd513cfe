/** The `edusim` command line. Bad input: one line on stderr, exit code 2. */
import { Command, CommanderError } from 'commander';
import { WorldInputError } from '../../seeds/index.ts';
import { CliUsageError, EXIT_BAD_INPUT } from './errors.ts';
import { loginCommand } from './login-command.ts';
import { personasCommand } from './personas-command.ts';
import { clockCommand } from './clock-command.ts';
import { sandboxCommand } from './sandbox-command.ts';
import { scenarioCommand } from './scenario-command.ts';
import { startCommand } from './start-command.ts';
import { worldCommand } from './world-command.ts';

export function buildProgram(): Command {
  const program = new Command('edusim')
    .description("Sandbox of Russia's digital school platform: ESIA, consents, ГИС РУО, regional diaries, ЦОК library")
    .version('0.1.0')
    .showHelpAfterError(false)
    .exitOverride();
  program.addCommand(startCommand());
  program.addCommand(worldCommand());
  program.addCommand(personasCommand());
  program.addCommand(loginCommand());
  program.addCommand(sandboxCommand());
  program.addCommand(clockCommand());
  program.addCommand(scenarioCommand());
  const all = (command: Command): Command[] => [command, ...command.commands.flatMap(all)];
  for (const command of all(program)) {
    command.exitOverride();
    command.configureOutput({ writeErr: (text) => process.stderr.write(text) });
  }
  return program;
}

export async function main(argv: readonly string[]): Promise<number> {
  try {
    await buildProgram().parseAsync([...argv], { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return 0;
      return EXIT_BAD_INPUT;
    }
    if (error instanceof CliUsageError || error instanceof WorldInputError) {
      process.stderr.write(`edusim: ${error.message}\n`);
      return EXIT_BAD_INPUT;
    }
    process.stderr.write(`edusim: ${(error as Error).message ?? String(error)}\n`);
    return 1;
  }
}
