/**
 * The library's links: `/library` with the browse choices (role, subject, grade, search words, the
 * trail of page cursors so far — the last one is where this page starts), `/library/<id>` for an item.
 */
export interface LibraryView {
  readonly role: string | null;
  readonly subject: string | null;
  readonly grade: number | null;
  readonly search: string;
  /** Cursors (`endCursor`s) of the pages before this one, in order; empty on the first page. */
  readonly trail: readonly string[];
}

const EMPTY: LibraryView = { role: null, subject: null, grade: null, search: '', trail: [] };

export function libraryLink(prefix: string, view: Partial<LibraryView>): string {
  const next = { ...EMPTY, ...view };
  const query = new URLSearchParams();
  if (next.role) query.set('role', next.role);
  if (next.subject) query.set('subject', next.subject);
  if (next.grade) query.set('grade', String(next.grade));
  if (next.search) query.set('q', next.search);
  if (next.trail.length) query.set('pages', next.trail.join('.'));
  const text = query.toString();
  return `${prefix}/library${text ? `?${text}` : ''}`;
}

export function libraryItemLink(prefix: string, id: string, role: string | null, back?: string): string {
  const query = new URLSearchParams();
  if (role) query.set('role', role);
  if (back) query.set('back', back);
  const text = query.toString();
  return `${prefix}/library/${encodeURIComponent(id)}${text ? `?${text}` : ''}`;
}
