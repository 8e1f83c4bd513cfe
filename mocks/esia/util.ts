/** Small helpers shared by the ESIA simulator. */
import { createHash } from 'node:crypto';

export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/**
 * ESIA's `eTag`: 40 upper-case hex digits (a SHA-1 of the representation, as the real service's
 * look). Deterministic, so the same data always carries the same tag.
 */
export function eTagOf(value: unknown): string {
  return createHash('sha1').update(JSON.stringify(value)).digest('hex').toUpperCase();
}

/** A UUID-shaped identifier derived from a text (a ФИАС code's format for a synthetic address). */
export function uuidOf(text: string): string {
  const hex = createHash('sha1').update(text).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${'89ab'[parseInt(hex.slice(16, 17), 16) % 4]}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
