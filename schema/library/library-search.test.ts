import { createRequire } from 'node:module';
import type * as GraphQL from 'graphql';
import { describe, expect, it } from 'vitest';
import { Catalogue } from '../../seeds/index.ts';
import { wholeSchema } from '../index.ts';

// The schema is built by the graphql package Node loads (CommonJS); run it with that one, not vitest's ESM copy.
const { graphql } = createRequire(import.meta.url)('graphql') as typeof GraphQL;

interface Page {
  totalCount: number;
  items: { id: string }[];
  endCursor: string | null;
  hasNextPage: boolean;
}

const schema = wholeSchema();
const QUERY = `query($subject: String, $grade: Int, $type: LibraryItemType, $search: String, $first: Int, $after: String) {
  libraryItems(subject: $subject, grade: $grade, type: $type, search: $search, first: $first, after: $after) { totalCount items { id } endCursor hasNextPage }
}`;

async function libraryItems(variables: Record<string, unknown>) {
  const result = await graphql({ schema, source: QUERY, variableValues: variables, contextValue: {} });
  return {
    page: (result.data?.['libraryItems'] ?? null) as Page | null,
    errors: result.errors?.map((e) => ({ message: e.message, extensions: e.extensions })),
  };
}

/** The resolver before the index (issue 8 item 6), kept as the oracle for the pages it answers. */
function oldPage(args: { subject?: string; grade?: number; type?: string; search?: string; first?: number; after?: string }): Page {
  const catalogue = new Catalogue();
  const first = args.first ?? 20;
  const words = (args.search ?? '').toLocaleLowerCase('ru').split(/\s+/).filter(Boolean);
  const start = args.after ? Number(Buffer.from(args.after, 'base64url').toString()) + 1 : 0;
  const cells = catalogue
    .cells()
    .filter((c) => (args.subject ? c.subjectCode === args.subject || c.subject === args.subject : true) && (args.grade ? c.grade === args.grade : true));
  const matches: number[] = [];
  for (const cell of cells) {
    for (let i = cell.firstIndex; i < cell.firstIndex + cell.count; i++) {
      if (words.length === 0 && !args.type) {
        matches.push(i);
        continue;
      }
      const item = catalogue.item(i);
      if (!item) continue;
      if (args.type && item.type !== args.type) continue;
      const text = `${item.title} ${item.topic}`.toLocaleLowerCase('ru');
      if (words.every((w) => text.includes(w))) matches.push(i);
    }
  }
  const page = matches.filter((i) => i >= start).slice(0, first);
  const last = page[page.length - 1];
  return {
    totalCount: matches.length,
    items: page.map((i) => ({ id: catalogue.item(i)?.id ?? '' })),
    endCursor: last === undefined ? null : Buffer.from(String(last)).toString('base64url'),
    hasNextPage: last !== undefined && matches[matches.length - 1] !== last,
  };
}

describe('libraryItems(search:)', () => {
  it('refuses 537 KB of words at once, naming the limit, without searching', async () => {
    const words = 'класс '.repeat(Math.ceil((537 * 1024) / Buffer.byteLength('класс ')));
    const { page, errors } = await libraryItems({ search: words });
    expect(page).toBeNull();
    expect(errors).toEqual([
      {
        message: `search: длина ${words.length}, ожидается не больше 200 символов`,
        extensions: { code: 'BAD_USER_INPUT', argument: 'search', limit: 'length', max: 200, actual: words.length },
      },
    ]);
  });

  it('takes at most 200 characters and 10 words', async () => {
    const ten = Array.from({ length: 10 }, () => 'а').join(' ');
    expect((await libraryItems({ search: ten })).errors).toBeUndefined();
    expect((await libraryItems({ search: `${ten} а` })).errors).toEqual([
      { message: 'search: слов 11, ожидается не больше 10', extensions: { code: 'BAD_USER_INPUT', argument: 'search', limit: 'words', max: 10, actual: 11 } },
    ]);
    expect((await libraryItems({ search: `урок${' '.repeat(196)}` })).errors).toBeUndefined();
    expect((await libraryItems({ search: `урок${' '.repeat(197)}` })).errors?.[0]?.extensions).toMatchObject({ limit: 'length', max: 200, actual: 201 });
  });

  it('answers the same pages as before the index', async () => {
    const cases: Parameters<typeof oldPage>[0][] = [
      {},
      { subject: 'PHY', grade: 8, first: 2 },
      { search: 'дроби' },
      { search: 'Дроби умножение', first: 100 },
      { search: 'урок', subject: 'Физика', grade: 8 },
      { search: 'лабораторная работа', type: 'LAB_WORK', first: 5 },
      { search: 'класс, часть 3', grade: 5 },
      { search: 'видео', type: 'LESSON' },
      { search: 'нет такого' },
      { type: 'THEATRE', first: 50 },
      { search: '1 2', subject: 'MAT', first: 7 },
    ];
    for (const args of cases) {
      const { page, errors } = await libraryItems(args);
      expect(errors, JSON.stringify(args)).toBeUndefined();
      const expected = oldPage(args);
      expect(page, JSON.stringify(args)).toEqual(expected);
      if (expected.endCursor && expected.hasNextPage) {
        const next = await libraryItems({ ...args, after: expected.endCursor });
        expect(next.page, `${JSON.stringify(args)} next`).toEqual(oldPage({ ...args, after: expected.endCursor }));
      }
    }
  });
});
