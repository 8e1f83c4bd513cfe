import { describe, expect, it } from 'vitest';
import { buildProgram } from './main.ts';

describe('the CLI loads each command only when it runs', () => {
  it('lists every command as the commands themselves describe them', async () => {
    const lazy = await buildProgram(['--help']);
    const full = await buildProgram();
    expect(lazy.helpInformation()).toBe(full.helpInformation());
    expect(lazy.commands.map((command) => command.name())).toEqual(full.commands.map((command) => command.name()));
  });

  it('loads the command the arguments name, in full', async () => {
    for (const argv of [
      ['personas', '--json'],
      ['help', 'world'],
      ['--help', 'sandbox', 'list'],
    ]) {
      const program = await buildProgram(argv);
      const named = program.commands.find((command) => command.name() === argv.find((arg) => !arg.startsWith('-') && arg !== 'help'));
      const full = (await buildProgram()).commands.find((command) => command.name() === named?.name());
      expect(named?.helpInformation()).toBe(full?.helpInformation());
    }
  });
});
