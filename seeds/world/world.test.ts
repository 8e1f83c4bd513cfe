import { describe, expect, it } from 'vitest';
import { createWorld, WorldInputError } from '../index.ts';

describe('createWorld', () => {
  it('gives the same world for the same seed and a different one for another seed', () => {
    const a = createWorld({ seed: 42, scale: 'demo' });
    const b = createWorld({ seed: 42, scale: 'demo' });
    const c = createWorld({ seed: 43, scale: 'demo' });
    const sample = (w: typeof a) => [0, 50, 299, 599].map((i) => w.region('36').pupil(i));
    expect(JSON.stringify(sample(a))).toBe(JSON.stringify(sample(b)));
    expect(JSON.stringify(sample(a))).not.toBe(JSON.stringify(sample(c)));
    expect(a.region('36').layout.schools.map((s) => s.shortName)).toEqual(b.region('36').layout.schools.map((s) => s.shortName));
  });

  it('finds a person by oid, by SNILS and by id without scanning', () => {
    const world = createWorld({ seed: 7, scale: 'region', region: '68' });
    const pupil = world.region('68').pupil(12_345);
    expect(pupil.id).toBe('68-pupil-12345');
    expect(world.personBySnils(pupil.snils)?.id).toBe(pupil.id);
    expect(world.personBySnils(pupil.snils.replace(/\D/g, ''))?.id).toBe(pupil.id);
    expect(world.personById(pupil.id)?.snils).toBe(pupil.snils);
    const teacher = world.region('68').teacher(100);
    expect(teacher?.account).not.toBeNull();
    expect(world.personByOid(teacher?.account?.oid ?? 0)?.id).toBe('68-teacher-100');
    expect(String(teacher?.account?.oid)).toMatch(/^\d{10}$/);
    expect(world.personByOid(999)).toBeUndefined();
    expect(world.personById('68-pupil-99999999')).toBeUndefined();
  });

  it('finds people by full name and birth date', () => {
    const world = createWorld({ seed: 42, scale: 'demo' });
    const mother = world.region('36').parent('mother', 4);
    expect(mother).toBeDefined();
    const found = world.findByName({
      lastName: mother?.lastName ?? '',
      firstName: mother?.firstName ?? '',
      middleName: mother?.middleName ?? '',
      birthDate: mother?.birthDate ?? '',
    });
    expect(found.map((p) => p.id)).toContain('36-mother-4');
  });

  it('creates a country world without building any region, and builds one on demand', () => {
    const world = createWorld({ seed: 42, scale: 'country' });
    expect(world.regions).toHaveLength(89);
    expect(world.region('77').layout.pupilCount).toBe(1_200_000);
  });

  it('refuses bad options with the value and what is accepted', () => {
    expect(() => createWorld({ seed: -1, scale: 'demo' })).toThrow(new WorldInputError('seed', -1, 'a non-negative integer (0 … 9007199254740991)'));
    expect(() => createWorld({ seed: 1, scale: 'city' as 'demo' })).toThrow('scale "city" is not valid: expected one of demo, region, country');
    expect(() => createWorld({ seed: 1, scale: 'region', region: '00' })).toThrow('region "00" is not valid: expected a region code from 01 to 95');
    expect(() => createWorld({ seed: 1, scale: 'demo', asOf: '2026-02-30' })).toThrow('asOf "2026-02-30" is not valid: expected a date as YYYY-MM-DD');
  });
});
