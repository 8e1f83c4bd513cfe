/**
 * The ЦОК library catalogue: 23 subjects, grades 1–11, sections and topics, items of four types.
 * It is one library for the whole country, so it does not depend on the seed: item ids are
 * stable (`MAT-05-0042`) and any item is derived from its index without a table.
 */
import { hashInts, hashString } from '../random/hash.ts';
import { normalizeSearchText, searchWords, SubstringIndex } from './catalogue-index.ts';
import { SUBJECTS } from './subjects.ts';
import { sectionOf, topicOf } from './topics.ts';

export type LibraryItemType = 'LESSON' | 'LAB_WORK' | 'VIDEO' | 'THEATRE';
export const LIBRARY_ITEM_TYPES: readonly LibraryItemType[] = ['LESSON', 'LAB_WORK', 'VIDEO', 'THEATRE'];

export interface LibrarySubject {
  readonly code: string;
  readonly name: string;
  /** Weekly hours per grade 1..11 that size the subject's share of the library. */
  readonly hours: readonly number[];
}

export interface LibraryItem {
  readonly id: string;
  readonly index: number;
  readonly subject: string;
  readonly subjectCode: string;
  readonly grade: number;
  readonly section: string;
  readonly topic: string;
  readonly type: LibraryItemType;
  readonly title: string;
  readonly durationMinutes: number;
  readonly provider: string;
}

const CODES: Record<string, string> = {
  'Русский язык': 'RUS',
  'Литературное чтение': 'LCH',
  'Иностранный язык': 'FOR',
  Математика: 'MAT',
  'Окружающий мир': 'OKR',
  'Основы религиозных культур и светской этики': 'ORK',
  'Изобразительное искусство': 'IZO',
  Музыка: 'MUS',
  'Труд (технология)': 'TEH',
  'Физическая культура': 'FIZ',
  Литература: 'LIT',
  Алгебра: 'ALG',
  Геометрия: 'GEO',
  'Вероятность и статистика': 'VIS',
  Информатика: 'INF',
  История: 'IST',
  Обществознание: 'OBS',
  География: 'GEG',
  Физика: 'PHY',
  Химия: 'HIM',
  Биология: 'BIO',
  'Основы безопасности и защиты Родины': 'OBZ',
  ОДНКНР: 'ODN',
};
const MERGED: Record<string, string> = { 'Алгебра и начала математического анализа': 'Алгебра' };
const LAB_SUBJECTS = new Set(['PHY', 'HIM', 'BIO', 'INF', 'OKR']);
const THEATRE_SUBJECTS = new Set(['LIT', 'LCH', 'MUS']);
/** The library's nine content providers (docs/world-realism.md «ЦОК library»). */
export const LIBRARY_PROVIDERS = [
  'Академия Минпросвещения России',
  'Российская электронная школа (РЭШ)',
  'АО «Издательство «Просвещение»',
  'ЯКласс',
  'Учи.ру',
  'Фоксфорд',
  'Skysmart',
  'Яндекс Учебник',
  'Минкультуры России',
] as const;
const THEATRE_PROVIDER = 'Минкультуры России';
/** Lessons, labs and videos: the Академия three times as often as one platform, РЭШ twice. */
const LESSON_PROVIDERS = [
  'Академия Минпросвещения России',
  'Академия Минпросвещения России',
  'Академия Минпросвещения России',
  'Российская электронная школа (РЭШ)',
  'Российская электронная школа (РЭШ)',
  'АО «Издательство «Просвещение»',
  'ЯКласс',
  'Учи.ру',
  'Фоксфорд',
  'Skysmart',
  'Яндекс Учебник',
];

export const DEFAULT_CATALOGUE_SIZE = 45_000;

/** A catalogue search: each filter optional; `search` is words, each a part of the title or topic (case and ё/е aside). */
export interface CatalogueSearch {
  /** Subject code (MAT) or name. */
  readonly subject?: string | null;
  readonly grade?: number | null;
  readonly type?: LibraryItemType | null;
  readonly search?: string | null;
}

/** What a search needs of every item: built on the first search, then shared by every catalogue of that target size (they are the same). */
interface SearchIndex {
  readonly text: SubstringIndex;
  /** Item index → its type's position in LIBRARY_ITEM_TYPES. */
  readonly types: Uint8Array;
}
const SEARCH_INDEXES = new Map<number, SearchIndex>();

export const LIBRARY_SUBJECTS: readonly LibrarySubject[] = (() => {
  const bySubject = new Map<string, number[]>();
  for (const s of SUBJECTS) {
    const name = MERGED[s.name] ?? s.name;
    if (!CODES[name]) continue;
    const hours = bySubject.get(name) ?? new Array<number>(11).fill(0);
    s.hours.forEach((h, g) => (hours[g] = (hours[g] ?? 0) + h));
    bySubject.set(name, hours);
  }
  return [...bySubject].map(([name, hours]) => Object.freeze({ code: CODES[name] ?? 'UNK', name, hours }));
})();

export class Catalogue {
  readonly size: number;
  readonly #targetSize: number;
  /** Cells (subject, grade) with their first item index; items of a cell are contiguous. */
  readonly #cells: { subject: LibrarySubject; grade: number; first: number; count: number }[] = [];

  constructor(targetSize = DEFAULT_CATALOGUE_SIZE) {
    this.#targetSize = targetSize;
    const totalHours = LIBRARY_SUBJECTS.reduce((sum, s) => sum + s.hours.reduce((a, b) => a + b, 0), 0);
    let first = 0;
    for (const subject of LIBRARY_SUBJECTS) {
      subject.hours.forEach((hours, g) => {
        if (hours <= 0) return;
        const count = Math.max(1, Math.round((targetSize * hours) / totalHours));
        this.#cells.push({ subject, grade: g + 1, first, count });
        first += count;
      });
    }
    this.size = first;
  }

  get subjects(): readonly LibrarySubject[] {
    return LIBRARY_SUBJECTS;
  }

  /** Item counts per (subject code, grade). */
  cells(): { subjectCode: string; subject: string; grade: number; count: number; firstIndex: number }[] {
    return this.#cells.map((c) => ({ subjectCode: c.subject.code, subject: c.subject.name, grade: c.grade, count: c.count, firstIndex: c.first }));
  }

  item(index: number): LibraryItem | undefined {
    if (!Number.isInteger(index) || index < 0 || index >= this.size) return undefined;
    let lo = 0;
    let hi = this.#cells.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.#cells[mid]?.first ?? 0) <= index) lo = mid;
      else hi = mid - 1;
    }
    const cell = this.#cells[lo];
    if (!cell) return undefined;
    const n = index - cell.first;
    const code = cell.subject.code;
    const h = hashInts(hashString(code), cell.grade, n);
    const roll = h % 100;
    const type: LibraryItemType =
      LAB_SUBJECTS.has(code) && roll < 8 ? 'LAB_WORK' : THEATRE_SUBJECTS.has(code) && roll < 5 ? 'THEATRE' : roll >= 90 ? 'VIDEO' : 'LESSON';
    const lessonNumber = Math.floor(n / 4);
    const topic = topicOf(cell.subject.name, cell.grade, lessonNumber).replace(/\. (Урок \d|Повторение и обобщение|Контрольная работа)$/, '');
    const prefix = { LESSON: '', LAB_WORK: 'Лабораторная работа. ', VIDEO: 'Видеоурок. ', THEATRE: 'Театральная постановка. ' }[type];
    return {
      id: `${code}-${String(cell.grade).padStart(2, '0')}-${String(n + 1).padStart(4, '0')}`,
      index,
      subject: cell.subject.name,
      subjectCode: code,
      grade: cell.grade,
      section: sectionOf(cell.subject.name, cell.grade, lessonNumber),
      topic,
      type,
      title: `${prefix}${topic}. ${cell.grade} класс, часть ${(n % 4) + 1}`,
      durationMinutes: type === 'VIDEO' ? 10 + (h % 15) : type === 'THEATRE' ? 30 + (h % 40) : 40,
      provider: type === 'THEATRE' ? THEATRE_PROVIDER : (LESSON_PROVIDERS[(h >>> 8) % LESSON_PROVIDERS.length] ?? 'Академия Минпросвещения России'),
    };
  }

  /** Indexes of the items found, ascending (the catalogue's order: subject, grade, item). */
  search(query: CatalogueSearch): number[] {
    const { subject, grade, type } = query;
    const cells = this.#cells.filter((c) => (subject ? c.subject.code === subject || c.subject.name === subject : true) && (grade ? c.grade === grade : true));
    const words = searchWords(query.search ?? '');
    const found: number[] = [];
    if (words.length === 0 && !type) {
      for (const cell of cells) for (let i = cell.first; i < cell.first + cell.count; i++) found.push(i);
      return found;
    }
    const index = this.#searchIndex();
    const typeCode = type ? LIBRARY_ITEM_TYPES.indexOf(type) : -1;
    if (words.length === 0) {
      for (const cell of cells) for (let i = cell.first; i < cell.first + cell.count; i++) if (index.types[i] === typeCode) found.push(i);
      return found;
    }
    // The items holding every word, ascending; kept when in one of the chosen cells (ascending too) and of the type.
    let c = 0;
    for (const i of index.text.matching(words)) {
      while (c < cells.length && i >= (cells[c]?.first ?? 0) + (cells[c]?.count ?? 0)) c++;
      const cell = cells[c];
      if (!cell) break;
      if (i < cell.first) continue;
      if (typeCode < 0 || index.types[i] === typeCode) found.push(i);
    }
    return found;
  }

  #searchIndex(): SearchIndex {
    let index = SEARCH_INDEXES.get(this.#targetSize);
    if (!index) {
      const types = new Uint8Array(this.size);
      const text = new SubstringIndex(this.size, (i) => {
        const item = this.item(i);
        types[i] = item ? LIBRARY_ITEM_TYPES.indexOf(item.type) : 0;
        return item ? normalizeSearchText(`${item.title} ${item.topic}`) : '';
      });
      index = { text, types };
      SEARCH_INDEXES.set(this.#targetSize, index);
    }
    return index;
  }

  itemById(id: string): LibraryItem | undefined {
    const m = /^([A-Z]{3})-(\d{2})-(\d{4})$/.exec(id);
    if (!m) return undefined;
    const cell = this.#cells.find((c) => c.subject.code === m[1] && c.grade === Number(m[2]));
    const n = Number(m[3]) - 1;
    if (!cell || n < 0 || n >= cell.count) return undefined;
    return this.item(cell.first + n);
  }
}
