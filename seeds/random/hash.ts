/**
 * Stateless keyed hashing: every random decision in the world is a pure function of
 * (world key, entity, attribute), so any entity can be derived alone, in any order.
 */

/** Finalizer of a 32-bit integer hash (lowbias32 by Chris Wellons). */
export function mix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Hashes a key and any number of integers (each folded to 32 bits) into 32 bits. */
export function hashInts(key: number, ...parts: number[]): number {
  let h = mix32(key ^ 0x9e3779b9);
  for (const part of parts) {
    const lo = part >>> 0;
    const hi = Math.floor(part / 0x1_0000_0000) >>> 0;
    h = mix32(h ^ mix32(lo + 0x632be5ab));
    if (hi !== 0) h = mix32(h ^ mix32(hi + 0x85ebca6b));
  }
  return h;
}

/** A uniform number in [0, 1) from the same inputs as {@link hashInts}. */
export function unit(key: number, ...parts: number[]): number {
  return hashInts(key, ...parts) / 0x1_0000_0000;
}

/** A uniform integer in [0, n). */
export function below(n: number, key: number, ...parts: number[]): number {
  return Math.floor(unit(key, ...parts) * n);
}

/** A stable 32-bit id of a string (FNV-1a then mixed), for tags and region codes. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return mix32(h);
}

/** Folds a non-negative integer seed (up to 2^53) into a 32-bit world key. */
export function seedKey(seed: number): number {
  return hashInts(0x5eed, seed);
}

/** A deterministic RFC 4122-shaped (version 4, variant 1) UUID from a key and parts. */
export function uuidFrom(key: number, ...parts: number[]): string {
  const words = [0, 1, 2, 3].map((i) => hashInts(key, ...parts, i));
  const hex = words.map((w) => w.toString(16).padStart(8, '0')).join('');
  const variant = ((parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * Hot-path variant of {@link hashInts} for up to five 32-bit integers: no rest array, no
 * high-word folding. Used where millions of values are drawn (marks, attendance).
 */
export function hash5(key: number, a: number, b = 0, c = 0, d = 0, e = 0): number {
  let h = mix32(key ^ 0x9e3779b9);
  h = mix32(h ^ mix32(a + 0x632be5ab));
  h = mix32(h ^ mix32(b + 0x632be5ab));
  h = mix32(h ^ mix32(c + 0x632be5ab));
  h = mix32(h ^ mix32(d + 0x632be5ab));
  return mix32(h ^ mix32(e + 0x632be5ab));
}

export function unit5(key: number, a: number, b = 0, c = 0, d = 0, e = 0): number {
  return hash5(key, a, b, c, d, e) / 0x1_0000_0000;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

function hex32(word: number): string {
  return (HEX[(word >>> 24) & 0xff] ?? '') + (HEX[(word >>> 16) & 0xff] ?? '') + (HEX[(word >>> 8) & 0xff] ?? '') + (HEX[word & 0xff] ?? '');
}

/** Hot-path {@link uuidFrom} for up to four 32-bit integers. */
export function uuid5(key: number, a: number, b = 0, c = 0, d = 0): string {
  const h = hash5(key, a, b, c, d);
  const w0 = hex32(h);
  const w1 = hex32(mix32(h ^ 0x1b873593));
  const w2 = hex32(mix32(h ^ 0xcc9e2d51));
  const w3 = hex32(mix32(h ^ 0x85ebca6b));
  const variant = ((parseInt(w2[0] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `${w0}-${w1.slice(0, 4)}-4${w1.slice(5, 8)}-${variant}${w2.slice(1, 4)}-${w2.slice(4)}${w3}`;
}
