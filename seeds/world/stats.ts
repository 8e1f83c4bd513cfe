/**
 * Counts of a world, and the federal child-account indicator (docs/consent-and-access.md) over a sample of
 * pupils. Structural counts are exact; account figures are exact for regions up to the sample
 * size and sampled evenly above it.
 */
import { ageOn } from './calendar.ts';
import { countedAs } from './child-accounts.ts';
import type { World } from './world.ts';
import { Catalogue } from './catalogue.ts';

export interface RegionStats {
  readonly code: string;
  readonly name: string;
  readonly diaryPlatform: string;
  readonly municipalities: number;
  readonly schools: number;
  readonly branches: number;
  readonly classes: number;
  readonly pupils: number;
  readonly parents: number;
  readonly teachers: number;
  readonly administrators: number;
  readonly citizens: number;
}

export interface WorldStats extends Omit<RegionStats, 'code' | 'name' | 'diaryPlatform'> {
  readonly seed: number;
  readonly scale: string;
  readonly asOf: string;
  readonly schoolYear: string;
  readonly regions: number;
  readonly meanClassSize: number;
  readonly catalogueItems: number;
  readonly accounts: {
    readonly sampledPupils: number;
    /** Share of pupils of grades 5–11 counted by the federal indicator, %. */
    readonly childAccountIndicator: number;
    readonly pupilsWithAccount: number;
    readonly citizenshipMissing: number;
  };
  readonly byRegion: readonly RegionStats[];
}

export function regionStats(world: World, code: string): RegionStats {
  const people = world.region(code);
  const { layout } = people;
  let parents = 0;
  for (let f = 0; f < people.families.familyCapacity; f++) {
    if (people.motherExists(f)) parents++;
    if (people.fatherExists(f)) parents++;
  }
  return {
    code,
    name: layout.region.name,
    diaryPlatform: layout.region.diaryPlatform,
    municipalities: layout.municipalities.length,
    schools: layout.schools.length,
    branches: layout.schools.filter((s) => s.headSchoolIndex !== null).length,
    classes: layout.classGrade.length,
    pupils: layout.pupilCount,
    parents,
    teachers: layout.teacherCount,
    administrators: layout.adminCount,
    citizens: people.citizenCount,
  };
}

export function worldStats(world: World, samplePerRegion = 20_000): WorldStats {
  const byRegion = world.regionCodes.map((code) => regionStats(world, code));
  let sampled = 0;
  let counted = 0;
  let basic = 0;
  let withAccount = 0;
  let missing = 0;
  for (const code of world.regionCodes) {
    const people = world.region(code);
    const step = Math.max(1, Math.floor(people.layout.pupilCount / samplePerRegion));
    for (let i = 0; i < people.layout.pupilCount; i += step) {
      const pupil = people.pupil(i);
      sampled++;
      if (pupil.account) withAccount++;
      if (pupil.registryCitizenship === null) missing++;
      const grade = pupil.memberships[0]?.role === 'pupil' ? pupil.memberships[0].grade : 0;
      if (grade < 5) continue;
      basic++;
      const account = pupil.account;
      if (countedAs(account, account?.linkedParentOids ?? [], ageOn(pupil.birthDate, world.options.asOf)) !== null) counted++;
    }
  }
  const sum = (key: keyof Omit<RegionStats, 'code' | 'name' | 'diaryPlatform'>) => byRegion.reduce((total, r) => total + r[key], 0);
  const classes = sum('classes');
  const pupils = sum('pupils');
  return {
    seed: world.options.seed,
    scale: world.options.scale,
    asOf: world.options.asOf,
    schoolYear: world.year.label,
    regions: byRegion.length,
    municipalities: sum('municipalities'),
    schools: sum('schools'),
    branches: sum('branches'),
    classes,
    pupils,
    parents: sum('parents'),
    teachers: sum('teachers'),
    administrators: sum('administrators'),
    citizens: sum('citizens'),
    meanClassSize: Math.round((pupils / Math.max(1, classes)) * 10) / 10,
    catalogueItems: new Catalogue().size,
    accounts: {
      sampledPupils: sampled,
      childAccountIndicator: Math.round((counted / Math.max(1, basic)) * 1000) / 10,
      pupilsWithAccount: withAccount,
      citizenshipMissing: missing,
    },
    byRegion,
  };
}
