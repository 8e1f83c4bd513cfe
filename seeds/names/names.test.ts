import { describe, expect, it } from 'vitest';
import { createWorld, type Person } from '../index.ts';
import { firstNameList, namePoolOf, regionalSurnames } from './pools.ts';
import { patronymic } from './patronymic.ts';
import { fullNameIn } from './person-cases.ts';
import { feminineSurname } from './surnames.ts';

function topShare(people: readonly Person[]): { name: string; share: number } {
  const counts = new Map<string, number>();
  for (const person of people) counts.set(person.firstName, (counts.get(person.firstName) ?? 0) + 1);
  const [name, count] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0] ?? ['', 0];
  return { name, share: count / people.length };
}

function sample<T>(count: number, step: number, make: (i: number) => T | undefined): T[] {
  return Array.from({ length: count }, (_, i) => make(i * step)).filter((item): item is T => item !== undefined);
}

describe('first names over a region', () => {
  const tambov = createWorld({ seed: 42, scale: 'region', region: '68' }).region('68');
  const pupils = sample(Math.floor(tambov.layout.pupilCount / 3), 3, (i) => tambov.pupil(i));

  it("gives the commonest boy's and girl's name 5–7 % of the region's pupils, not a fifth", () => {
    const boys = topShare(pupils.filter((p) => p.sex === 'M'));
    const girls = topShare(pupils.filter((p) => p.sex === 'F'));
    expect(boys.name).toBe('Александр');
    expect(girls.name).toBe('София');
    for (const { share } of [boys, girls]) {
      expect(share).toBeGreaterThanOrEqual(0.05);
      expect(share).toBeLessThanOrEqual(0.07);
    }
  });

  it("names mothers from their own birth cohort, not from their children's", () => {
    const mothers = sample(4000, 7, (family) => tambov.parent('mother', family));
    expect(topShare(mothers).share).toBeLessThanOrEqual(0.09);
    expect(mothers.some((m) => m.firstName === 'Анастасия' || m.firstName === 'Елена')).toBe(true);
    expect(mothers.filter((m) => ['Алиса', 'Ева', 'Злата', 'Мирослава', 'Есения'].includes(m.firstName))).toEqual([]);
  });
});

describe('regional name pools', () => {
  it('mixes pools by region: the Russian pool alone in Tambov, a Chechen majority in Chechnya', () => {
    const us = Array.from({ length: 1000 }, (_, i) => (i + 0.5) / 1000);
    const share = (code: string, pool: string) => us.filter((u) => namePoolOf(code, u) === pool).length / us.length;
    expect(share('68', 'russian')).toBe(1);
    expect(share('20', 'vainakh')).toBe(0.96);
    expect(share('17', 'tyvan')).toBe(0.88);
    expect(share('16', 'tatar')).toBe(0.53);
    expect(share('02', 'bashkir') + share('02', 'tatar')).toBe(0.55);
  });

  it('gives Chechnya Chechen names, surnames with feminine forms and patronymics from the father (Мусаевич)', () => {
    const chechnya = createWorld({ seed: 42, scale: 'region', region: '20' }).region('20');
    const vainakh = regionalSurnames('vainakh')?.male ?? [];
    const pupils = sample(1500, 97, (i) => chechnya.pupil(i));
    const local = pupils.filter((p) => vainakh.includes(p.sex === 'M' ? p.lastName : p.lastName.replace(/а$/, '')));
    expect(local.length / pupils.length).toBeGreaterThan(0.9);
    expect(local.filter((p) => p.sex === 'F').every((p) => p.lastName.endsWith('а'))).toBe(true);
    for (let family = 0; family < 400; family++) {
      const father = chechnya.parent('father', family);
      if (!father) continue;
      for (const pupil of chechnya.families.childrenOf(family).map((i) => chechnya.pupil(i))) {
        expect(pupil.middleName).toBe(patronymic(father.firstName, pupil.sex));
      }
    }
    expect(firstNameList('vainakh', 'child', 'M').slice(0, 3)).toEqual(['Мухаммад', 'Ахмад', 'Абдуллах']);
  });

  it('gives Tyva its clan surnames, the same for women and men (Монгуш, Ондар), with Tyvan first names', () => {
    const tyva = createWorld({ seed: 42, scale: 'region', region: '17' }).region('17');
    const clans = regionalSurnames('tyvan');
    expect(clans?.gendered).toBe(false);
    const families = sample(1500, 11, (family) => {
      const mother = tyva.parent('mother', family);
      const child = tyva.families.childrenOf(family)[0];
      return mother && child !== undefined ? { mother, child: tyva.pupil(child) } : undefined;
    });
    const tyvan = families.filter(({ child }) => clans?.male.includes(child.lastName));
    expect(tyvan.length / families.length).toBeGreaterThan(0.8);
    expect(tyvan.filter(({ child }) => child.sex === 'F').length).toBeGreaterThan(100);
    const tyvanFirstNames = new Set([...firstNameList('tyvan', 'child', 'M'), ...firstNameList('tyvan', 'child', 'F')]);
    expect(tyvan.filter(({ child }) => tyvanFirstNames.has(child.firstName)).length / tyvan.length).toBeGreaterThan(0.95);
  });

  it('forms patronymics and feminine surnames by the rules of each language', () => {
    expect(['Муса', 'Али', 'Ахмат', 'Лечи', 'Бато', 'Кызыл-оол', 'Шамиль', 'Никита', 'Илья', 'Ринат'].map((n) => patronymic(n, 'M'))).toEqual([
      'Мусаевич',
      'Алиевич',
      'Ахматович',
      'Лечиевич',
      'Батоевич',
      'Кызыл-оолович',
      'Шамилевич',
      'Никитич',
      'Ильич',
      'Ринатович',
    ]);
    expect(['Муса', 'Гаджи', 'Айдыс'].map((n) => patronymic(n, 'F'))).toEqual(['Мусаевна', 'Гаджиевна', 'Айдысовна']);
    expect(['Гарипов', 'Хайруллин', 'Дьячковский', 'Шеуджен', 'Монгуш'].map(feminineSurname)).toEqual([
      'Гарипова',
      'Хайруллина',
      'Дьячковская',
      'Шеуджен',
      'Монгуш',
    ]);
  });
});

describe('full names in a case', () => {
  it('declines Russian and regional names for messages: genitive and dative', () => {
    const people = [
      { lastName: 'Вишнякова', firstName: 'Полина', middleName: 'Артёмовна', sex: 'F' },
      { lastName: 'Чернов', firstName: 'Роман', middleName: 'Анатольевич', sex: 'M' },
      { lastName: 'Монгуш', firstName: 'Айдыс', middleName: 'Шолбанович', sex: 'M' },
      { lastName: 'Монгуш', firstName: 'Чойгана', middleName: 'Чингисовна', sex: 'F' },
      { lastName: 'Кара-Сал', firstName: 'Айыр', middleName: 'Андреевич', sex: 'M' },
      { lastName: 'Гайрбеков', firstName: 'Муса', middleName: 'Лечиевич', sex: 'M' },
    ] as const;
    expect(people.map((p) => fullNameIn(p, 'genitive'))).toEqual([
      'Вишняковой Полины Артёмовны',
      'Чернова Романа Анатольевича',
      'Монгуша Айдыса Шолбановича',
      'Монгуш Чойганы Чингисовны',
      'Кара-Сала Айыра Андреевича',
      'Гайрбекова Мусы Лечиевича',
    ]);
    expect(people.map((p) => fullNameIn(p, 'dative'))).toEqual([
      'Вишняковой Полине Артёмовне',
      'Чернову Роману Анатольевичу',
      'Монгушу Айдысу Шолбановичу',
      'Монгуш Чойгане Чингисовне',
      'Кара-Салу Айыру Андреевичу',
      'Гайрбекову Мусе Лечиевичу',
    ]);
    expect(fullNameIn(people[0], 'nominative')).toBe('Вишнякова Полина Артёмовна');
  });
});
