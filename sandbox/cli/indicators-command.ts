/**
 * `edusim indicators --sandbox <id> [--level region|municipality|school] [--region 36] [--json]`:
 * the region's indicators as of the sandbox clock, through the typed client, as a table.
 */
import { Command } from 'commander';
import type { IndicatorRow, IndicatorsQuery, IndicatorsReport } from '../../client/index.ts';
import { print, refusalsAsUsage, sandboxOf, withToolkitFlags, type ToolkitFlags } from './fault-command.ts';

interface IndicatorFlags extends ToolkitFlags {
  readonly level?: string;
  readonly region?: string;
}

const LEVEL_TITLE: Readonly<Record<IndicatorRow['level'], string>> = { region: 'Регион', municipality: 'Муниципалитет', school: 'Школа' };
const NAME_WIDTH = 44;

const percent = (share: number | null): string => (share === null ? '—' : `${share.toFixed(1).replace('.', ',')} %`);

function columns(report: IndicatorsReport): string[][] {
  const header = [LEVEL_TITLE[report.level], 'Учеников 5–11', 'К10–14', 'К14–18', 'Доля ДУЗ', 'Оценка', 'Учителя в ЦОК', 'Ученики в ЦОК'];
  const rows = report.rows.map((r) => {
    const name = r.name.length > NAME_WIDTH ? `${r.name.slice(0, NAME_WIDTH - 1)}…` : r.name;
    const a = r.childAccounts;
    return [
      name,
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

/** The report as a readable table with Russian labels, then content demand and what is not computed. */
export function describeIndicators(report: IndicatorsReport): string {
  const table = columns(report);
  const widths = (table[0] ?? []).map((_, i) => Math.max(...table.map((row) => (row[i] ?? '').length)));
  const lines = table.map((row) =>
    row
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
      .join('  ')
      .trimEnd(),
  );
  const demand = report.contentDemand;
  const opened = demand.bySubject.filter((s) => s.opened > 0).map((s) => `${s.subject} ${s.opened}/${s.available}`);
  return [
    `${report.region.name} (${report.region.code}) на ${report.date}, песочница ${report.sandbox}`,
    '',
    ...lines,
    '',
    `Цель ЦОК: не менее ${report.rows[0]?.library.target ?? 80} % учителей и учеников открыли контент хотя бы раз.`,
    `Востребованность контента: открыто ${demand.opened} из ${demand.available} материалов${opened.length > 0 ? ` (${opened.join('; ')})` : ''}.`,
    ...report.notComputed.map((n) => `Активность (вход за 30 дней): ${n.reason}`),
  ].join('\n');
}

export function indicatorsCommand(): Command {
  return withToolkitFlags(
    new Command('indicators')
      .description("the region's indicators as of a sandbox's clock: child-account share, ЦОК usage, content demand")
      .option('--level <level>', 'region | municipality | school', 'region')
      .option('--region <code>', "the region (default: the sandbox world's)"),
  ).action(async (flags: IndicatorFlags) => {
    const query: IndicatorsQuery = {
      ...(flags.level !== undefined ? { level: flags.level as 'region' } : {}),
      ...(flags.region !== undefined ? { region: flags.region } : {}),
    };
    const report = await refusalsAsUsage(flags, { level: { flag: '--level', value: flags.level }, region: { flag: '--region', value: flags.region } }, () =>
      sandboxOf(flags).indicators(query),
    );
    print(flags, report, describeIndicators(report));
  });
}
