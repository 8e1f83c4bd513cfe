/**
 * Lookup by full name and birth date: the one lookup that cannot be inverted from an id, so a
 * per-region index is built on first use (every person of the region derived once).
 */
import type { RegionPeople } from './people.ts';
import type { Person } from './types.ts';

export type NameKey = string;

export function nameKey(lastName: string, firstName: string, middleName: string, birthDate: string): NameKey {
  const norm = (s: string) => s.trim().toLocaleLowerCase('ru').replaceAll('ё', 'е');
  return `${norm(lastName)} ${norm(firstName)} ${norm(middleName)}|${birthDate}`;
}

export function buildNameIndex(people: RegionPeople): Map<NameKey, number[]> {
  const index = new Map<NameKey, number[]>();
  const add = (person: Person | undefined) => {
    if (!person) return;
    const key = nameKey(person.lastName, person.firstName, person.middleName, person.birthDate);
    const slots = index.get(key);
    if (slots) slots.push(person.slot);
    else index.set(key, [person.slot]);
  };
  for (let i = 0; i < people.layout.pupilCount; i++) add(people.pupil(i));
  for (let f = 0; f < people.families.familyCapacity; f++) {
    add(people.parent('mother', f));
    add(people.parent('father', f));
  }
  for (let t = 0; t < people.layout.teacherCount; t++) add(people.teacher(t));
  for (let a = 0; a < people.layout.adminCount; a++) add(people.administrator(a));
  for (let c = 0; c < people.citizenCount; c++) add(people.citizen(c));
  return index;
}
