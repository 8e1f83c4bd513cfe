/**
 * `edusim indicators --sandbox <id> [--level region|municipality|school] [--region 36] [--period 30|365] [--json]`:
 * the region's indicators as of the sandbox clock, through the typed client, as tables.
 */
import { Command } from 'commander';
import type { IndicatorRow, IndicatorsQuery, IndicatorsReport } from '../../client/index.ts';
import { print, refusalsAsUsage, sandboxOf, withToolkitFlags, type ToolkitFlags } from './fault-command.ts';

interface IndicatorFlags extends ToolkitFlags {
  readonly level?: string;
  readonly region?: string;
  readonly period?: string;
}

const LEVEL_TITLE: Readonly<Record<IndicatorRow['level'], string>> = { region: 'Регион', municipality: 'Муниципалитет', school: 'Школа' };
const NAME_WIDTH = 44;
/** Schools shown in the ranking of the table (all of them are in `--json`). */
const RANKED_SHOWN = 10;

const percent = (share: number | null): string => (share === null ? '—' : `${share.toFixed(1).replace('.', ',')} %`);

const shortName = (name: string): string => (name.length > NAME_WIDTH ? `${name.slice(0, NAME_WIDTH - 1)}…` : name);
const ofTotal = (part: { active: number; total: number; share: number | null }): string => `${part.active}/${part.total} (${percent(part.share)})`;

function columns(report: IndicatorsReport): string[][] {
  const header = [LEVEL_TITLE[report.level], 'Учеников 5–11', 'К10–14', 'К14–18', 'Доля ДУЗ', 'Оценка', 'Учителя в ЦОК', 'Ученики в ЦОК'];
  const rows = report.rows.map((r) => {
    const a = r.childAccounts;
    return [
      shortName(r.name),
      String(a.pupils),
      String(a.k10to14),
      String(a.k14to18),
      percent(a.share),
      a.grade ?? '—',
      `${r.library.teachers.opened}/${r.library.teachers.total} (${percent(r.library.teachers.share)})`,
      `${r.library.pupils.opened}/${r.library.pupils.total} (${percent(r.library.pupils.share)})`,
    ];
  });
  return [header, ...rows];
}

function activityColumns(report: IndicatorsReport): string[][] {
  const header = [LEVEL_TITLE[report.level], 'Ученики', 'Родители', 'Учителя', 'Школ', 'Активных', 'Используют платформу'];
  const rows = report.rows.map((r) => {
    const { pupils, parents, teachers, schools } = r.activity;
    return [
      shortName(r.name),
      ofTotal(pupils),
      ofTotal(parents),
      ofTotal(teachers),
      String(schools.total),
      String(schools.active),
      `${schools.using} (${percent(schools.share)})`,
    ];
  });
  return [header, ...rows];
}

function rankingColumns(report: IndicatorsReport): string[][] {
  const header = ['Место', 'Школа', 'Балл', 'Ученики', 'Учителя', 'Родители', 'Использует'];
  const rows = report.activity.ranking
    .slice(0, RANKED_SHOWN)
    .map((r) => [String(r.rank), shortName(r.name), percent(r.score), percent(r.pupils), percent(r.teachers), percent(r.parents), r.using ? 'да' : 'нет']);
  return [header, ...rows];
}

/** Lines of a table: the first column (or the two first, `leftColumns`) to the left, numbers to the right. */
function layout(table: string[][], leftColumns = 1): string[] {
  const widths = (table[0] ?? []).map((_, i) => Math.max(...table.map((row) => (row[i] ?? '').length)));
  return table.map((row) =>
    row
      .map((cell, i) => (i < leftColumns ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
      .join('  ')
      .trimEnd(),
  );
}

/** The report as readable tables with Russian labels: accounts and ЦОК, content demand, activity and the schools' ranking. */
export function describeIndicators(report: IndicatorsReport): string {
  const lines = layout(columns(report));
  const { period, from, to, ranking } = report.activity;
  const demand = report.contentDemand;
  const opened = demand.bySubject.filter((s) => s.opened > 0).map((s) => `${s.subject} ${s.opened}/${s.available}`);
  return [
    `${report.region.name} (${report.region.code}) на ${report.date}, песочница ${report.sandbox}`,
    '',
    ...lines,
    '',
    `Цель ЦОК: не менее ${report.rows[0]?.library.target ?? 80} % учителей и учеников открыли контент хотя бы раз.`,
    `Востребованность контента: открыто ${demand.opened} из ${demand.available} материалов${opened.length > 0 ? ` (${opened.join('; ')})` : ''}.`,
    '',
    `Активность: входили в «Моя школа» за ${period} дней (${from} — ${to})`,
    ...layout(activityColumns(report)),
    `Используют платформу: не менее ${report.activity.usingThreshold} % учителей и ${report.activity.usingThreshold} % учеников входили за последние 30 дней.`,
    '',
    `Рейтинг школ по активности (балл — среднее долей активных учеников и учителей)${ranking.length > RANKED_SHOWN ? `, первые ${RANKED_SHOWN} из ${ranking.length}` : ''}:`,
    ...layout(rankingColumns(report), 2),
    ...report.notComputed.map((n) => `${n.indicator}: ${n.reason}`),
  ].join('\n');
}

export function indicatorsCommand(): Command {
  return withToolkitFlags(
    new Command('indicators')
      .description("the region's indicators as of a sandbox's clock: child-account share, ЦОК usage, content demand, activity")
      .option('--level <level>', 'region | municipality | school', 'region')
      .option('--region <code>', "the region (default: the sandbox world's)")
      .option('--period <days>', 'active means logged in during the last 30 or 365 days', '30'),
  ).action(async (flags: IndicatorFlags) => {
    const query: IndicatorsQuery = {
      ...(flags.level !== undefined ? { level: flags.level as 'region' } : {}),
      ...(flags.region !== undefined ? { region: flags.region } : {}),
      ...(flags.period !== undefined ? { period: flags.period as '30' } : {}),
    };
    const report = await refusalsAsUsage(
      flags,
      {
        level: { flag: '--level', value: flags.level },
        region: { flag: '--region', value: flags.region },
        period: { flag: '--period', value: flags.period },
      },
      () => sandboxOf(flags).indicators(query),
    );
    print(flags, report, describeIndicators(report));
  });
}
