/** `edusim world …`: stats, one person, the region list, and the vendor export. */
import { Command } from 'commander';
import {
  EXPORT_FORMATS,
  exportWorld,
  findPersona,
  PERSONA_HANDLES,
  REGIONS,
  worldStats,
  type ExportFormat,
  type Person,
  type World,
} from '../../seeds/index.ts';
import { CliUsageError } from './errors.ts';
import { progressBar } from './progress.ts';
import { addWorldFlags, worldFrom, type WorldFlags } from './world-options.ts';

const print = (value: unknown): void => {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
};

function describePerson(person: Person): string {
  const lines = [
    `${person.lastName} ${person.firstName} ${person.middleName} (${person.id})`,
    `  родился(ась): ${person.birthDate}, СНИЛС ${person.snils}, гражданство ${person.citizenship ?? 'не указано'} (в реестре ГИС РУО: ${person.registryCitizenship ?? 'не указано'})`,
    `  ЕСИА: ${person.account ? `oid ${person.account.oid}, ${person.account.level}${person.account.createdByParent ? ', детская запись' : ''}` : 'нет учётной записи'}`,
    ...person.memberships.map((m) => `  роль: ${m.role} ${'schoolId' in m ? m.schoolId : ''} ${'className' in m ? m.className : ''}`.trimEnd()),
  ];
  return `${lines.join('\n')}\n`;
}

export function worldCommand(): Command {
  const world = new Command('world').description('the seeded world: counts, people, export');

  world.addCommand(
    addWorldFlags(new Command('stats'))
      .description('counts of schools, classes, people and accounts')
      .option('--json', 'print JSON')
      .action((flags: WorldFlags & { json?: boolean }) => {
        const stats = worldStats(worldFrom(flags));
        if (flags.json) return print(stats);
        const { accounts, ...rest } = stats;
        const counts: Record<string, unknown> = { ...rest };
        delete counts['byRegion'];
        for (const [key, value] of Object.entries({ ...counts, ...accounts })) process.stdout.write(`${key.padEnd(24)} ${value}\n`);
      })
      .addHelpText('after', '\nExample: edusim world stats --scale region --seed 42 --json'),
  );

  world.addCommand(
    addWorldFlags(new Command('get'))
      .description('one person by oid, SNILS, id, or full name with birth date')
      .option('--oid <oid>', 'ESIA oid (10 digits)')
      .option('--snils <snils>', 'СНИЛС, e.g. "123-456-789 01"')
      .option('--id <id>', 'registry id, e.g. 36-pupil-5')
      .option('--persona <handle>', `a persona: ${PERSONA_HANDLES.join(', ')}`)
      .option('--name <fio>', 'full name «Фамилия Имя Отчество» (needs --birth-date)')
      .option('--birth-date <yyyy-mm-dd>', 'birth date for --name')
      .option('--json', 'print JSON')
      .action((flags: WorldFlags & { oid?: string; snils?: string; id?: string; persona?: string; name?: string; birthDate?: string; json?: boolean }) => {
        const w: World = worldFrom(flags);
        const keys = ['oid', 'snils', 'id', 'persona', 'name'].filter((k) => flags[k as 'oid'] !== undefined);
        if (keys.length !== 1)
          throw new CliUsageError(
            `give exactly one of --oid, --snils, --id, --persona, --name (got ${keys.length ? keys.map((k) => `--${k}`).join(', ') : 'none'})`,
          );
        let found: Person[] = [];
        if (flags.oid !== undefined) {
          if (!/^\d{1,12}$/.test(flags.oid)) throw new CliUsageError(`--oid ${JSON.stringify(flags.oid)} is not valid: expected digits, e.g. 1000299681`);
          found = [w.personByOid(Number(flags.oid))].filter((p): p is Person => p !== undefined);
        } else if (flags.snils !== undefined) {
          found = [w.personBySnils(flags.snils)].filter((p): p is Person => p !== undefined);
        } else if (flags.persona !== undefined) {
          if (!PERSONA_HANDLES.includes(flags.persona))
            throw new CliUsageError(`--persona ${JSON.stringify(flags.persona)} is not valid: expected one of ${PERSONA_HANDLES.join(', ')}`);
          found = [findPersona(w, flags.persona).person];
        } else if (flags.id !== undefined) {
          found = [w.personById(flags.id)].filter((p): p is Person => p !== undefined);
        } else {
          const parts = (flags.name ?? '').trim().split(/\s+/);
          if (parts.length < 2 || !flags.birthDate) throw new CliUsageError('--name needs «Фамилия Имя [Отчество]» and --birth-date YYYY-MM-DD');
          found = w.findByName({
            lastName: parts[0] ?? '',
            firstName: parts[1] ?? '',
            middleName: parts.slice(2).join(' '),
            birthDate: flags.birthDate,
            ...(w.options.region ? { region: w.options.region } : {}),
          });
        }
        if (found.length === 0) {
          process.stderr.write(`edusim: nobody with that ${keys[0]} in this world (seed ${w.options.seed}, scale ${w.options.scale})\n`);
          process.exitCode = 1;
          return;
        }
        if (flags.json) return print(found.length === 1 ? found[0] : found);
        for (const person of found) process.stdout.write(describePerson(person));
      }),
  );

  world.addCommand(
    new Command('regions')
      .description('the 89 regions with codes and diary platforms')
      .option('--json', 'print JSON')
      .action((flags: { json?: boolean }) => {
        if (flags.json) return print(REGIONS);
        for (const r of REGIONS) process.stdout.write(`${r.code}  ${r.name.padEnd(48)} ${String(r.pupilsThousands).padStart(5)} тыс.  ${r.diaryPlatform}\n`);
      }),
  );

  world.addCommand(
    addWorldFlags(new Command('export'), 'region')
      .description('write one region (schools, classes, people, accounts, timetable, lessons, homework, marks, attendance, ЦОК catalogue) to files')
      .requiredOption('--out <dir>', 'a new or empty folder')
      .option('--format <format>', `${EXPORT_FORMATS.join(' | ')}`, 'jsonl')
      .action(async (flags: WorldFlags & { out: string; format: string }) => {
        if (!(EXPORT_FORMATS as readonly string[]).includes(flags.format)) {
          throw new CliUsageError(`--format ${JSON.stringify(flags.format)} is not valid: expected ${EXPORT_FORMATS.join(' or ')}`);
        }
        const w = worldFrom(flags);
        const region = w.options.region ?? '36';
        const summary = await exportWorld({
          world: w,
          region,
          outDir: flags.out,
          format: flags.format as ExportFormat,
          onProgress: progressBar(`регион ${region}`),
        });
        for (const [file, rows] of Object.entries(summary.files)) process.stdout.write(`${file.padEnd(20)} ${rows}\n`);
        process.stdout.write(`written to ${summary.outDir}\n`);
      }),
  );
  return world;
}
