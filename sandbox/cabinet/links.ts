/** The cabinet's own links: the sandbox prefix, then `/` with the view's choices (role, child, week). */
export interface View {
  readonly role: string | null;
  readonly child: string | null;
  readonly week: string;
}

export function cabinetLink(prefix: string, view: View, change: Partial<View> = {}): string {
  const next = { ...view, ...change };
  const query = new URLSearchParams();
  if (next.role) query.set('role', next.role);
  if (next.child) query.set('child', next.child);
  query.set('week', next.week);
  return `${prefix}/?${query.toString()}`;
}
