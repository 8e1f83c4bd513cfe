/**
 * The child-account counts of a region's schools as of a date: pupils of grades 5–11, K10–14 and
 * K14–18 per school. The world's part is counted once per (world, region, date) and cached; the
 * sandbox's own account links (scenarios, state) are laid over it pupil by pupil.
 */
import { ageOn, countedAs, sharedWorld, type RegionPeople, type World } from '../../seeds/index.ts';

export interface SchoolAccountCounts {
  readonly pupils: Int32Array;
  readonly k10to14: Int32Array;
  readonly k14to18: Int32Array;
}

const cache = new WeakMap<World, Map<string, SchoolAccountCounts>>();
const CACHED_DATES = 8;

/** The world's counts (no run-time changes), per school index; cached per world, region and date. */
export function worldAccountCounts(world: World, code: string, date: string): SchoolAccountCounts {
  let byKey = cache.get(sharedWorld(world));
  if (!byKey) cache.set(sharedWorld(world), (byKey = new Map()));
  const key = `${code}|${date}`;
  const hit = byKey.get(key);
  if (hit) return hit;
  const counts = countRegion(world.region(code), date);
  byKey.set(key, counts);
  while (byKey.size > CACHED_DATES) byKey.delete(byKey.keys().next().value as string);
  return counts;
}

function countRegion(people: RegionPeople, date: string): SchoolAccountCounts {
  const { layout } = people;
  const n = layout.schools.length;
  const counts: SchoolAccountCounts = { pupils: new Int32Array(n), k10to14: new Int32Array(n), k14to18: new Int32Array(n) };
  for (let c = 0; c < layout.classGrade.length; c++) {
    if ((layout.classGrade[c] ?? 0) < 5) continue;
    const school = layout.classSchool[c] ?? 0;
    const first = layout.classPupilFirst[c] ?? 0;
    const size = layout.classSize[c] ?? 0;
    counts.pupils[school] = (counts.pupils[school] ?? 0) + size;
    for (let p = first; p < first + size; p++) {
      const account = people.pupilAccount(p);
      if (account === null) continue;
      const counted = countedAs(account, account.linkedParentOids, ageOn(people.pupilBirthDate(p), date));
      if (counted !== null) counts[counted][school] = (counts[counted][school] ?? 0) + 1;
    }
  }
  return counts;
}

/**
 * The counts with the sandbox's link changes (`pupil id → parent oids`, replacing the world's
 * links) laid over the world's: a fresh copy, the cache untouched.
 */
export function accountCounts(world: World, code: string, date: string, links: ReadonlyMap<string, readonly number[]>): SchoolAccountCounts {
  const base = worldAccountCounts(world, code, date);
  if (links.size === 0) return base;
  const counts: SchoolAccountCounts = { pupils: base.pupils, k10to14: base.k10to14.slice(), k14to18: base.k14to18.slice() };
  const people = world.region(code);
  const prefix = `${code}-pupil-`;
  for (const [id, changed] of links) {
    if (!id.startsWith(prefix)) continue;
    const p = Number(id.slice(prefix.length));
    if (!Number.isInteger(p) || p < 0 || p >= people.layout.pupilCount) continue;
    const c = people.pupilClass(p);
    if ((people.layout.classGrade[c] ?? 0) < 5) continue;
    const school = people.layout.classSchool[c] ?? 0;
    const account = people.pupilAccount(p);
    const age = ageOn(people.pupilBirthDate(p), date);
    const before = countedAs(account, account?.linkedParentOids ?? [], age);
    const after = countedAs(account, changed, age);
    if (before !== null) counts[before][school] = (counts[before][school] ?? 0) - 1;
    if (after !== null) counts[after][school] = (counts[after][school] ?? 0) + 1;
  }
  return counts;
}
