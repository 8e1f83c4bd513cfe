/**
 * The region's indicators as of the sandbox clock, for the region, per municipality or per school:
 * child-account share (world + the sandbox's link changes), ЦОК usage and content demand (the
 * sandbox's usage log), activity (the world's login history + the sandbox's logins).
 */
import { Catalogue, moscowDateOf, type School, type World } from '../../seeds/index.ts';
import { accountCounts, type SchoolAccountCounts } from './account-counts.ts';
import { activityCounts, type SchoolActivityCounts } from './activity-counts.ts';
import { activityRow, loginDaysOf, periodOf, schoolRanking } from './activity.ts';
import { childAccountShare, IndicatorInputError } from './child-account-share.ts';
import { contentDemand, libraryUsageBySchool, type SchoolUsage, type UsageEvent } from './library-usage.ts';
import { LIBRARY_TARGET, USING_SCHOOL_THRESHOLD, type IndicatorLevel, type IndicatorRow, type IndicatorsQuery, type IndicatorsReport } from './schema.ts';

export interface IndicatorSources {
  readonly sandbox: string;
  readonly world: World;
  /** The sandbox's run-time account links: pupil id → parent oids. */
  readonly links: ReadonlyMap<string, readonly number[]>;
  readonly usage: readonly UsageEvent[];
  /** The sandbox's logins: each person's last one at or before `now` (none if left out). */
  readonly logins?: Iterable<{ readonly oid: number; readonly at: Date }>;
  readonly now: Date;
}

let catalogue: Catalogue | undefined;

/** The query as validated; `period` may be left out (30 days). */
export type IndicatorsRequest = Omit<IndicatorsQuery, 'period'> & { readonly period?: IndicatorsQuery['period'] };

export function indicatorsReport(sources: IndicatorSources, request: IndicatorsRequest): IndicatorsReport {
  const query: IndicatorsQuery = { ...request, period: request.period ?? 30 };
  const { world } = sources;
  const code = query.region ?? world.options.region;
  if (code === null) throw new IndicatorInputError('region: required in a country world (a two-digit region code)');
  if (!world.hasRegion(code))
    throw new IndicatorInputError(
      `region: ${code} is not in this sandbox's world (its regions: ${world.regionCodes.slice(0, 10).join(', ')}${world.regions.length > 10 ? ', …' : ''})`,
    );
  const date = moscowDateOf(sources.now);
  const layout = world.region(code).layout;
  const counts = accountCounts(world, code, date, sources.links);
  const usage = libraryUsageBySchool(world, code, sources.usage, sources.now);
  const activity = activityCounts(world, code, date, loginDaysOf(world, code, sources.logins ?? []));
  const groups = groupsOf(layout.schools, layout.region.name, code, query.level);
  const rows = groups.map((g) => row(g, counts, usage, activity, query.period, layout.schoolTeacherFirst, layout.teacherCount));
  catalogue ??= new Catalogue();
  const opened = new Set([...usage.values()].flatMap((u) => [...u.items]));
  const bySubject = contentDemand(catalogue, opened);
  return {
    sandbox: sources.sandbox,
    at: sources.now.toISOString(),
    date,
    region: { code, name: layout.region.name },
    level: query.level,
    rows,
    contentDemand: { available: bySubject.reduce((s, r) => s + r.available, 0), opened: bySubject.reduce((s, r) => s + r.opened, 0), bySubject },
    activity: {
      period: query.period,
      ...periodOf(date, query.period),
      usingThreshold: USING_SCHOOL_THRESHOLD,
      ranking: schoolRanking(layout.schools, activity, query.period),
    },
    notComputed: [],
  };
}

interface Group {
  readonly level: IndicatorLevel;
  readonly id: string;
  readonly name: string;
  readonly municipality: string | null;
  readonly schools: readonly School[];
}

function groupsOf(schools: readonly School[], regionName: string, code: string, level: IndicatorLevel): Group[] {
  if (level === 'region') return [{ level, id: code, name: regionName, municipality: null, schools }];
  if (level === 'school') return schools.map((s) => ({ level, id: s.id, name: s.shortName, municipality: s.municipality.name, schools: [s] }));
  const byMunicipality = new Map<number, Group & { schools: School[] }>();
  for (const s of schools) {
    const m = s.municipality;
    const group = byMunicipality.get(m.index) ?? { level, id: m.oktmo, name: m.name, municipality: null, schools: [] };
    group.schools.push(s);
    byMunicipality.set(m.index, group);
  }
  return [...byMunicipality.values()];
}

function row(
  group: Group,
  counts: SchoolAccountCounts,
  usage: ReadonlyMap<number, SchoolUsage>,
  activity: SchoolActivityCounts,
  period: IndicatorsQuery['period'],
  teacherFirst: Int32Array,
  teacherCount: number,
): IndicatorRow {
  let pupils = 0;
  let k10to14 = 0;
  let k14to18 = 0;
  let allPupils = 0;
  let teachers = 0;
  let pupilsOpened = 0;
  let teachersOpened = 0;
  const items = new Set<string>();
  for (const s of group.schools) {
    pupils += counts.pupils[s.index] ?? 0;
    k10to14 += counts.k10to14[s.index] ?? 0;
    k14to18 += counts.k14to18[s.index] ?? 0;
    allPupils += s.pupilCount;
    teachers += (teacherFirst[s.index + 1] ?? teacherCount) - (teacherFirst[s.index] ?? 0);
    const used = usage.get(s.index);
    if (!used) continue;
    pupilsOpened += used.pupils.size;
    teachersOpened += used.teachers.size;
    for (const item of used.items) items.add(item);
  }
  return {
    level: group.level,
    id: group.id,
    name: group.name,
    municipality: group.municipality,
    childAccounts: { pupils, k10to14, k14to18, ...childAccountShare({ k10to14, k14to18, pupils }) },
    library: { target: LIBRARY_TARGET, teachers: reach(teachers, teachersOpened), pupils: reach(allPupils, pupilsOpened), itemsOpened: items.size },
    activity: activityRow(group.schools, activity, period),
  };
}

function reach(total: number, opened: number): IndicatorRow['library']['teachers'] {
  const share = total === 0 ? null : Math.round((opened * 1000) / total) / 10;
  return { total, opened, share, meetsTarget: total > 0 && opened * 100 >= LIBRARY_TARGET * total };
}
