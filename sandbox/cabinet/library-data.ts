/** What the library pages ask «Моя школа» (the library subgraph through the gateway), and the answers' shapes. */
export const PAGE_SIZE = 20;

export const LIBRARY_QUERY = `query Library($subject: String, $grade: Int, $search: String, $after: String, $first: Int) {
  librarySubjects { code name grades }
  libraryItems(subject: $subject, grade: $grade, search: $search, first: $first, after: $after) {
    totalCount hasNextPage endCursor
    items { id title subject grade section type durationMinutes provider }
  }
}`;

export const ITEM_ACCESS_QUERY = `query ItemAccess { me { oid fullName birthDate lessonAccess { allowed checks { code passed message fix } } } }`;

export const OPEN_ITEM_MUTATION = `mutation Open($id: ID!) { openLibraryItem(id: $id) { openedAt item { id } } }`;

export type ItemType = 'LESSON' | 'LAB_WORK' | 'VIDEO' | 'THEATRE';

export interface LibrarySubjectAnswer {
  readonly code: string;
  readonly name: string;
  readonly grades: readonly number[];
}

export interface LibraryItemAnswer {
  readonly id: string;
  readonly title: string;
  readonly subject: string;
  readonly grade: number;
  readonly section: string;
  readonly type: ItemType;
  readonly durationMinutes: number;
  readonly provider: string;
}

export interface LibraryAnswer {
  readonly librarySubjects?: readonly LibrarySubjectAnswer[] | null;
  readonly libraryItems?: {
    readonly totalCount: number;
    readonly hasNextPage: boolean;
    readonly endCursor: string | null;
    readonly items: readonly LibraryItemAnswer[];
  } | null;
}

export const TYPE_RU: Readonly<Record<ItemType, string>> = {
  LESSON: 'Урок',
  LAB_WORK: 'Лабораторная работа',
  VIDEO: 'Видеоурок',
  THEATRE: 'Театральная постановка',
};
