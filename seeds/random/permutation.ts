/**
 * A keyed bijection on [0, n): a balanced Feistel network on the smallest even number of bits
 * that covers n, with cycle walking for values that fall outside [0, n).
 * It lets identifiers (oids, SNILS numbers) come from entity indexes and go back without a scan.
 */
import { hashInts } from './hash.ts';

const ROUNDS = 4;

export interface Permutation {
  readonly size: number;
  forward(index: number): number;
  inverse(value: number): number;
}

export function createPermutation(size: number, key: number): Permutation {
  if (!Number.isInteger(size) || size < 1 || size > 2 ** 40) {
    throw new RangeError(`"size" must be an integer in [1, 2^40], got ${size}`);
  }
  let halfBits = 1;
  while (2 ** (2 * halfBits) < size) halfBits++;
  const half = 2 ** halfBits;
  const mask = half - 1;
  const roundKeys = Array.from({ length: ROUNDS }, (_, r) => hashInts(key, 0xfe15, r));

  const round = (r: number, value: number): number => {
    const k = roundKeys[r] ?? 0;
    return hashInts(k, value) & mask;
  };

  const encrypt = (x: number): number => {
    let left = Math.floor(x / half);
    let right = x % half;
    for (let r = 0; r < ROUNDS; r++) {
      const next = (left + round(r, right)) % half;
      left = right;
      right = next;
    }
    return left * half + right;
  };

  const decrypt = (y: number): number => {
    let left = Math.floor(y / half);
    let right = y % half;
    for (let r = ROUNDS - 1; r >= 0; r--) {
      const previous = (right - round(r, left) + half) % half;
      right = left;
      left = previous;
    }
    return left * half + right;
  };

  const check = (value: number, name: string): void => {
    if (!Number.isInteger(value) || value < 0 || value >= size) {
      throw new RangeError(`"${name}" must be an integer in [0, ${size}), got ${value}`);
    }
  };

  return {
    size,
    forward(index) {
      check(index, 'index');
      let y = encrypt(index);
      while (y >= size) y = encrypt(y);
      return y;
    },
    inverse(value) {
      check(value, 'value');
      let x = decrypt(value);
      while (x >= size) x = decrypt(x);
      return x;
    },
  };
}
