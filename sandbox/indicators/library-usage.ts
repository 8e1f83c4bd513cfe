/**
 * ЦОК usage from the sandbox's usage log (`openLibraryItem` events): who of a region's teachers
 * and pupils opened content at least once, per school, and which items were opened. Events after
 * the sandbox's "now" (a clock moved back) are left out; the log keeps the newest events only.
 */
import type { Catalogue, World } from '../../seeds/index.ts';

export interface UsageEvent {
  readonly oid: number;
  readonly itemId: string;
  readonly at: string;
}

export interface SchoolUsage {
  /** Oids of the school's teachers / pupils who opened something. */
  readonly teachers: Set<number>;
  readonly pupils: Set<number>;
  /** Item ids opened by the school's teachers and pupils. */
  readonly items: Set<string>;
}

/** Usage per school index of region `code`, from events up to `now`. */
export function libraryUsageBySchool(world: World, code: string, events: readonly UsageEvent[], now: Date): Map<number, SchoolUsage> {
  const schoolIndex = new Map(world.region(code).layout.schools.map((s) => [s.id, s.index]));
  const bySchool = new Map<number, SchoolUsage>();
  const who = new Map<number, { school: number; role: 'teachers' | 'pupils' }[]>();
  const limit = now.getTime();
  for (const event of events) {
    if (Date.parse(event.at) > limit) continue;
    let roles = who.get(event.oid);
    if (!roles) {
      roles = rolesOf(world, code, event.oid, schoolIndex);
      who.set(event.oid, roles);
    }
    for (const { school, role } of roles) {
      let usage = bySchool.get(school);
      if (!usage) bySchool.set(school, (usage = { teachers: new Set(), pupils: new Set(), items: new Set() }));
      usage[role].add(event.oid);
      usage.items.add(event.itemId);
    }
  }
  return bySchool;
}

function rolesOf(world: World, code: string, oid: number, schoolIndex: ReadonlyMap<string, number>): { school: number; role: 'teachers' | 'pupils' }[] {
  const person = world.personByOid(oid);
  if (!person || person.regionCode !== code) return [];
  const roles: { school: number; role: 'teachers' | 'pupils' }[] = [];
  for (const m of person.memberships) {
    if (m.role !== 'pupil' && m.role !== 'teacher') continue;
    const school = schoolIndex.get(m.schoolId);
    if (school !== undefined) roles.push({ school, role: m.role === 'pupil' ? 'pupils' : 'teachers' });
  }
  return roles;
}

/** Items available and unique items opened, per library subject. */
export function contentDemand(
  catalogue: Catalogue,
  opened: ReadonlySet<string>,
): { subjectCode: string; subject: string; available: number; opened: number }[] {
  const rows = new Map<string, { subjectCode: string; subject: string; available: number; opened: number }>();
  for (const cell of catalogue.cells()) {
    const row = rows.get(cell.subjectCode) ?? { subjectCode: cell.subjectCode, subject: cell.subject, available: 0, opened: 0 };
    row.available += cell.count;
    rows.set(cell.subjectCode, row);
  }
  for (const id of opened) {
    const item = catalogue.itemById(id);
    const row = item ? rows.get(item.subjectCode) : undefined;
    if (row) row.opened++;
  }
  return [...rows.values()];
}
