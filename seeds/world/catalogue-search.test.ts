import { describe, expect, it } from 'vitest';
import { Catalogue, type CatalogueSearch } from './catalogue.ts';

/**
 * The search as it was before the index (schema/library, issue 8 item 6): every item of the chosen
 * cells built and its title and topic scanned for every word. Kept here as the oracle.
 */
function scan(catalogue: Catalogue, query: CatalogueSearch, foldYo = false): number[] {
  const fold = (text: string) => (foldYo ? text.replaceAll('ё', 'е') : text);
  const words = fold((query.search ?? '').toLocaleLowerCase('ru'))
    .split(/\s+/)
    .filter(Boolean);
  const cells = catalogue
    .cells()
    .filter((c) => (query.subject ? c.subjectCode === query.subject || c.subject === query.subject : true) && (query.grade ? c.grade === query.grade : true));
  const matches: number[] = [];
  for (const cell of cells) {
    for (let i = cell.firstIndex; i < cell.firstIndex + cell.count; i++) {
      if (words.length === 0 && !query.type) {
        matches.push(i);
        continue;
      }
      const item = catalogue.item(i);
      if (!item) continue;
      if (query.type && item.type !== query.type) continue;
      const text = fold(`${item.title} ${item.topic}`.toLocaleLowerCase('ru'));
      if (words.every((w) => text.includes(w))) matches.push(i);
    }
  }
  return matches;
}

const QUERIES: CatalogueSearch[] = [
  {},
  { search: 'дроби' },
  { search: 'Дроби' },
  { search: 'ДРОБИ умножение' },
  { search: 'урок' },
  { search: 'видеоурок' },
  { search: 'лабораторная работа' },
  { search: 'театральная постановка пушкина' },
  { search: 'класс, часть 3' },
  { search: 'часть 4.' },
  { search: '5 класс' },
  { search: '11' },
  { search: '1' },
  { search: 'а' },
  { search: 'ора' },
  { search: 'и.а.' },
  { search: '—' },
  { search: 'environment' },
  { search: 'нет такого слова' },
  { search: '  дроби   дроби  ' },
  { search: 'сложение вычитание', subject: 'MAT' },
  { search: 'урок', subject: 'Физика', grade: 8 },
  { search: 'работа', type: 'LAB_WORK' },
  { search: 'видео', type: 'LESSON' },
  { type: 'THEATRE' },
  { type: 'VIDEO', subject: 'LIT', grade: 7 },
  { subject: 'PHY', grade: 8 },
  { subject: 'XXX' },
  { grade: 11 },
];

describe('the catalogue search', () => {
  const catalogue = new Catalogue();

  it('answers exactly as the scan it replaced, in the same order', () => {
    for (const query of QUERIES) expect(catalogue.search(query), JSON.stringify(query)).toEqual(scan(catalogue, query));
  });

  it('reads ё as е, in the words and in the catalogue', () => {
    const old = scan(catalogue, { search: 'четырехугольники' });
    expect(old).toEqual([]);
    const found = catalogue.search({ search: 'четырехугольники' });
    expect(found).toHaveLength(80); // grade 8 geometry only
    expect(found).toEqual(scan(catalogue, { search: 'четырёхугольники' }));
    expect(catalogue.search({ search: 'ЛЕГКАЯ атлетика' })).toEqual(scan(catalogue, { search: 'лёгкая атлетика' }));
    for (const query of [...QUERIES, { search: 'ег' }, { search: 'рех' }]) {
      expect(catalogue.search(query), JSON.stringify(query)).toEqual(scan(catalogue, query, true));
    }
  });

  it('is one index for every catalogue of a size, built once, then fast', () => {
    const other = new Catalogue();
    other.search({ search: 'урок' });
    const start = performance.now();
    for (let i = 0; i < 100; i++) other.search({ search: 'а о е и у 1 2 3 4 5' });
    expect((performance.now() - start) / 100).toBeLessThan(20);
    const small = new Catalogue(500);
    expect(small.search({ search: 'урок' })).toEqual(scan(small, { search: 'урок' }));
  });
});
