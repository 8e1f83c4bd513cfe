import { describe, expect, it } from 'vitest';
import { createPermutation } from './permutation.ts';

describe('keyed permutation', () => {
  it.each([1, 2, 7, 100, 1000, 4097])('is a bijection on [0, %i) and inverts', (size) => {
    const p = createPermutation(size, 99);
    const seen = new Set<number>();
    for (let i = 0; i < size; i++) {
      const y = p.forward(i);
      expect(y).toBeGreaterThanOrEqual(0);
      expect(y).toBeLessThan(size);
      expect(p.inverse(y)).toBe(i);
      seen.add(y);
    }
    expect(seen.size).toBe(size);
  });

  it('inverts on a 2^30 domain and depends on the key', () => {
    const a = createPermutation(2 ** 30, 1);
    const b = createPermutation(2 ** 30, 2);
    for (const x of [0, 1, 12345, 2 ** 29 + 7, 2 ** 30 - 1]) expect(a.inverse(a.forward(x))).toBe(x);
    expect([0, 1, 2].map((x) => a.forward(x))).not.toEqual([0, 1, 2].map((x) => b.forward(x)));
  });

  it('names the bad value', () => {
    expect(() => createPermutation(10, 1).forward(10)).toThrow('"index" must be an integer in [0, 10), got 10');
  });
});
