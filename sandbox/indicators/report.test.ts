import { describe, expect, it } from 'vitest';
import { ageOn, createWorld, type Person } from '../../seeds/index.ts';
import { accountCounts } from './account-counts.ts';
import { indicatorsReport, type IndicatorSources } from './report.ts';
import type { IndicatorRow } from './schema.ts';

const world = createWorld({ seed: 42, scale: 'demo' });
const NOW = new Date('2026-11-23T09:00:00Z');
const sources = (over: Partial<IndicatorSources> = {}): IndicatorSources => ({ sandbox: 'test', world, links: new Map(), usage: [], now: NOW, ...over });

/** Region 36's pupils, each as the world gives them (the whole Person, not the counters' shortcuts). */
function pupils(): Person[] {
  const found: Person[] = [];
  for (let i = 0; ; i++) {
    const person = world.personById(`36-pupil-${i}`);
    if (!person) return found;
    found.push(person);
  }
}

/** The indicator counted the plain way: every pupil of grades 5–11, by age on the date, account and links. */
function independentCount(date: string, links: ReadonlyMap<string, readonly number[]> = new Map()) {
  let basic = 0;
  let k10to14 = 0;
  let k14to18 = 0;
  for (const p of pupils()) {
    const m = p.memberships[0];
    if (m?.role !== 'pupil' || m.grade < 5) continue;
    basic++;
    const age = ageOn(p.birthDate, date);
    const linked = (links.get(p.id) ?? p.account?.linkedParentOids ?? []).length > 0;
    if (!p.account || !linked) continue;
    if (age >= 10 && age <= 13 && p.account.createdByParent) k10to14++;
    if (age >= 14 && age <= 17 && p.account.level !== 'simplified') k14to18++;
  }
  return { pupils: basic, k10to14, k14to18 };
}

const countsOf = (row: IndicatorRow | undefined) => ({
  pupils: row?.childAccounts.pupils,
  k10to14: row?.childAccounts.k10to14,
  k14to18: row?.childAccounts.k14to18,
});

describe('the child-account indicator of region 36 in the demo world (seed 42)', () => {
  it('counts 385 pupils of grades 5–11: 120 + 137 accounts, 66.8 % «неудовлетворительно», as counting every pupil gives', () => {
    const report = indicatorsReport(sources(), { level: 'region' });
    expect(report.date).toBe('2026-11-23');
    expect(report.rows).toHaveLength(1);
    expect(report.rows[0]?.childAccounts).toEqual({ pupils: 385, k10to14: 120, k14to18: 137, share: 66.8, grade: 'неудовлетворительно' });
    expect(countsOf(report.rows[0])).toEqual(independentCount('2026-11-23'));
  });

  it('counts by the sandbox date: a year on, the pupils are older (and the counts follow)', () => {
    const later = new Date('2027-11-23T09:00:00Z');
    const row = indicatorsReport(sources({ now: later }), { level: 'region' }).rows[0];
    expect(countsOf(row)).toEqual(independentCount('2027-11-23'));
    expect(row?.childAccounts.k10to14).not.toBe(120);
  });

  it('gives the same sums per municipality and per school', () => {
    const region = indicatorsReport(sources(), { level: 'region' }).rows[0];
    for (const level of ['municipality', 'school'] as const) {
      const rows = indicatorsReport(sources(), { level }).rows;
      const sum = (key: 'pupils' | 'k10to14' | 'k14to18') => rows.reduce((s, r) => s + r.childAccounts[key], 0);
      expect({ pupils: sum('pupils'), k10to14: sum('k10to14'), k14to18: sum('k14to18') }).toEqual({ pupils: 385, k10to14: 120, k14to18: 137 });
      expect(rows.reduce((s, r) => s + r.library.pupils.total, 0)).toBe(region?.library.pupils.total);
      expect(rows.reduce((s, r) => s + r.library.teachers.total, 0)).toBe(region?.library.teachers.total);
    }
    const schools = indicatorsReport(sources(), { level: 'school' }).rows;
    expect(schools.map((r) => [r.id, r.childAccounts.pupils, r.childAccounts.share])).toEqual(
      world.region('36').layout.schools.map((s) => [s.id, expect.any(Number), expect.any(Number)]),
    );
    expect(schools.every((r) => r.municipality !== null)).toBe(true);
  });

  it('lays the sandbox’s link changes over the world: an unlinked teen leaves K14–18, the cache stays as it was', () => {
    const teen = pupils().find((p) => {
      const m = p.memberships[0];
      const age = ageOn(p.birthDate, '2026-11-23');
      return m?.role === 'pupil' && m.grade >= 5 && age >= 14 && age < 18 && p.account?.level !== 'simplified' && (p.account?.linkedParentOids.length ?? 0) > 0;
    });
    if (!teen) throw new Error('no linked teen in the demo world');
    const links = new Map([[teen.id, [] as number[]]]);
    const changed = accountCounts(world, '36', '2026-11-23', links);
    const plain = accountCounts(world, '36', '2026-11-23', new Map());
    const sum = (a: Int32Array) => a.reduce((s, x) => s + x, 0);
    expect([sum(changed.k14to18), sum(plain.k14to18)]).toEqual([136, 137]);
    expect(sum(changed.k14to18)).toBe(independentCount('2026-11-23', links).k14to18);
  });

  it('refuses a region the world does not hold, naming the field', () => {
    expect(() => indicatorsReport(sources(), { level: 'region', region: '68' })).toThrow(/^region: 68 is not in this sandbox's world \(its regions: 36\)$/);
  });
});
