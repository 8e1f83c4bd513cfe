/** Numbers as a Russian reader writes them: thousands split by a no-break space, a decimal comma, plural forms. */
export function formatCount(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0');
}

/** `68.1` → «68,1 %»; null → «—». */
export function formatPercent(share: number | null): string {
  return share === null ? '—' : `${String(share).replace('.', ',')}\u00a0%`;
}

/** plural(21, 'материал', 'материала', 'материалов') → «материал». */
export function plural(n: number, one: string, few: string, many: string): string {
  const tens = Math.abs(n) % 100;
  const last = tens % 10;
  if (tens >= 11 && tens <= 14) return many;
  if (last === 1) return one;
  if (last >= 2 && last <= 4) return few;
  return many;
}

/** A calendar date `2026-11-23` as Russians write it: `23.11.2026`. */
export function formatDate(iso: string): string {
  return `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;
}
