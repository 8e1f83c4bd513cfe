/** `edusim personas`: the catalogue of edge cases with each persona's oid and SNILS in this world. */
import { Command } from 'commander';
import { personaSummaries } from '../../seeds/index.ts';
import { addWorldFlags, worldFrom, type WorldFlags } from './world-options.ts';

export function personasCommand(): Command {
  return addWorldFlags(new Command('personas'))
    .description('named edge cases for QA and demos, with their expected outcomes')
    .option('--json', 'print JSON')
    .action((flags: WorldFlags & { json?: boolean }) => {
      const world = worldFrom(flags);
      const rows = personaSummaries(world);
      if (flags.json) {
        process.stdout.write(
          `${JSON.stringify({ seed: world.options.seed, scale: world.options.scale, asOf: world.options.asOf, personas: rows }, null, 2)}\n`,
        );
        return;
      }
      for (const row of rows) {
        process.stdout.write(
          `${row.handle.padEnd(24)} ${String(row.oid ?? '—').padEnd(11)} ${row.snils}  ${row.fullName}\n    ${row.title}. Вход: ${row.expected.login}; ЦОК: ${row.expected.lessonAccess ? (row.expected.lessonAccess.allowed ? 'доступ есть' : `нет (${row.expected.lessonAccess.failingChecks.join(', ')})`) : '—'}\n`,
        );
      }
    });
}
