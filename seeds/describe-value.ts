/**
 * A value for an error message: short, and safe for any input — a 5 000-deep array or a 100 KB
 * string is named by its kind or cut, never serialised. Strings are quoted unless `quote: false`.
 */
export function describeValue(value: unknown, { quote = true }: { quote?: boolean } = {}): string {
  if (typeof value === 'string') {
    const short = value.length > 64 ? `${value.slice(0, 64)}…` : value;
    return quote ? JSON.stringify(short) : short;
  }
  if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined) return String(value);
  return Array.isArray(value) ? 'an array' : 'an object';
}
