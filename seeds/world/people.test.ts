import { describe, expect, it } from 'vitest';
import { ageOn, createWorld, isValidInn, isValidOgrn, isValidKpp, isValidSnils, type Person } from '../index.ts';
import { patronymic } from '../names/patronymic.ts';

const world = createWorld({ seed: 42, scale: 'region', region: '68' });
const people = world.region('68');
const step = 97;
const sample: Person[] = [];
for (let i = 0; i < people.layout.pupilCount; i += step) sample.push(people.pupil(i));

describe('people of a region', () => {
  it('have valid SNILS and ИНН, and schools valid ОГРН, ИНН and КПП', () => {
    expect(sample.length).toBeGreaterThan(900);
    for (const p of sample) {
      expect(isValidSnils(p.snils)).toBe(true);
      if (p.inn) expect(isValidInn(p.inn)).toBe(true);
    }
    for (let t = 0; t < people.layout.teacherCount; t += 37) expect(isValidInn(people.teacher(t)?.inn ?? '')).toBe(true);
    for (const s of people.layout.schools) {
      expect(isValidOgrn(s.ogrn)).toBe(true);
      expect(isValidInn(s.inn)).toBe(true);
      expect(isValidKpp(s.kpp)).toBe(true);
      expect(s.oktmo).toMatch(new RegExp(`^${people.layout.region.oktmo}\\d{9}$`));
    }
  });

  it('gives branches the head school’s ИНН and ОГРН with a branch КПП', () => {
    const branches = people.layout.schools.filter((s) => s.headSchoolIndex !== null);
    expect(branches.length).toBeGreaterThan(0);
    for (const b of branches) {
      const head = people.layout.schools[b.headSchoolIndex ?? -1];
      expect(b.inn).toBe(head?.inn);
      expect(b.ogrn).toBe(head?.ogrn);
      expect(b.kpp.slice(4, 6)).toBe('43');
      expect(b.shortName.startsWith('Филиал ')).toBe(true);
    }
  });

  it('have ages that match their grade on 1 September', () => {
    for (const p of sample) {
      const m = p.memberships[0];
      if (m?.role !== 'pupil') throw new Error('not a pupil');
      const age = ageOn(p.birthDate, '2026-09-01');
      expect(age - m.grade).toBeGreaterThanOrEqual(5);
      expect(age - m.grade).toBeLessThanOrEqual(7);
    }
  });

  it('follow the child-account rules of ESIA', () => {
    for (const p of sample) {
      const age = ageOn(p.birthDate, world.options.asOf);
      const account = p.account;
      if (!account) continue;
      expect(String(account.oid)).toMatch(/^\d{10}$/);
      const family = people.families.familyOfPupil(Number(p.id.split('-')[2]));
      const parents = people.parentSlotsOf(family).map((slot) => world.personBySlot(slot));
      if (age < 14) {
        // Under 14 only a parent with a confirmed account creates it, and it is linked to them.
        expect(account.createdByParent).toBe(true);
        expect(account.linkedParentOids.length).toBeGreaterThan(0);
      }
      if (account.createdByParent) {
        for (const oid of account.linkedParentOids) expect(parents.find((x) => x?.account?.oid === oid)?.account?.level).toBe('confirmed');
      }
      for (const oid of account.linkedParentOids) expect(parents.some((x) => x?.account?.oid === oid)).toBe(true);
    }
  });

  it('take the patronymic from the father and the family surname, and are listed as their parents’ children', () => {
    let checked = 0;
    for (const p of sample.slice(0, 300)) {
      const local = Number(p.id.split('-')[2]);
      const family = people.families.familyOfPupil(local);
      const father = people.parent('father', family);
      const mother = people.parent('mother', family);
      const parent = mother ?? father;
      expect(parent?.memberships.find((m) => m.role === 'parent')).toEqual({ role: 'parent', childIds: expect.arrayContaining([p.id]) });
      if (father) {
        expect(p.middleName).toBe(patronymic(father.firstName, p.sex));
        expect(p.lastName.replace(/а$/, '')).toBe(father.lastName);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(150);
  });

  it('derive patronymics by the rules, irregular names included', () => {
    expect(['Иван', 'Андрей', 'Виталий', 'Игорь', 'Никита', 'Пётр', 'Илья', 'Михаил'].map((n) => patronymic(n, 'M'))).toEqual([
      'Иванович',
      'Андреевич',
      'Витальевич',
      'Игоревич',
      'Никитич',
      'Петрович',
      'Ильич',
      'Михайлович',
    ]);
    expect(['Иван', 'Николай', 'Юрий', 'Илья'].map((n) => patronymic(n, 'F'))).toEqual(['Ивановна', 'Николаевна', 'Юрьевна', 'Ильинична']);
  });

  it('give each person a passport from 14 and a birth certificate to every pupil', () => {
    for (const p of sample) {
      const age = ageOn(p.birthDate, world.options.asOf);
      expect(p.documents[0]?.type).toBe('RF_BRTH_CERT');
      expect(p.documents.some((d) => d.type === 'RF_PASSPORT')).toBe(age >= 14);
    }
  });
});
