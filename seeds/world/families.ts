/**
 * Families without a table: pupils are shuffled by a keyed permutation and cut into blocks of
 * 16 positions, each holding exactly 12 families of 1–3 children (1.33 children a family;
 * docs/world-realism.md «People and names»). Family f = block × 12 + k, so a pupil's family, a
 * family's children and a parent's children are all O(1). Siblings land in any school of the
 * region, as in life.
 */
import { hashInts } from '../random/hash.ts';
import { createPermutation, type Permutation } from '../random/permutation.ts';

const BLOCK = 16;
export const FAMILIES_PER_BLOCK = 12;
const COMPOSITIONS: readonly (readonly number[])[] = [
  [1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2],
  [1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 3],
  [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 3, 3],
];

export interface FamilyPlan {
  readonly pupilCount: number;
  /** Upper bound of family indexes; some near the end may be empty. */
  readonly familyCapacity: number;
  familyOfPupil(pupil: number): number;
  childrenOf(family: number): number[];
  /** Number of children without deriving them (0 for an empty family slot). */
  sizeOf(family: number): number;
}

export function planFamilies(pupilCount: number, key: number): FamilyPlan {
  const permutation: Permutation = createPermutation(Math.max(1, pupilCount), hashInts(key, 0xfa31));
  const blocks = Math.ceil(pupilCount / BLOCK);

  const sizesOf = (block: number): number[] => {
    const h = hashInts(key, 0xb10c, block);
    const sizes = [...(COMPOSITIONS[h % COMPOSITIONS.length] ?? [])];
    for (let i = sizes.length - 1; i > 0; i--) {
      const j = hashInts(h, i) % (i + 1);
      [sizes[i], sizes[j]] = [sizes[j] ?? 1, sizes[i] ?? 1];
    }
    return sizes;
  };

  return {
    pupilCount,
    familyCapacity: blocks * FAMILIES_PER_BLOCK,
    familyOfPupil(pupil) {
      const position = permutation.forward(pupil);
      const block = Math.floor(position / BLOCK);
      let offset = position % BLOCK;
      const sizes = sizesOf(block);
      for (let k = 0; k < sizes.length; k++) {
        offset -= sizes[k] ?? 1;
        if (offset < 0) return block * FAMILIES_PER_BLOCK + k;
      }
      return block * FAMILIES_PER_BLOCK + FAMILIES_PER_BLOCK - 1;
    },
    sizeOf(family) {
      if (family < 0 || family >= blocks * FAMILIES_PER_BLOCK) return 0;
      const block = Math.floor(family / FAMILIES_PER_BLOCK);
      const k = family % FAMILIES_PER_BLOCK;
      const sizes = sizesOf(block);
      let start = block * BLOCK;
      for (let i = 0; i < k; i++) start += sizes[i] ?? 1;
      return Math.max(0, Math.min(start + (sizes[k] ?? 1), pupilCount) - start);
    },
    childrenOf(family) {
      if (family < 0 || family >= blocks * FAMILIES_PER_BLOCK) return [];
      const block = Math.floor(family / FAMILIES_PER_BLOCK);
      const k = family % FAMILIES_PER_BLOCK;
      const sizes = sizesOf(block);
      let start = block * BLOCK;
      for (let i = 0; i < k; i++) start += sizes[i] ?? 1;
      const children: number[] = [];
      for (let p = start; p < start + (sizes[k] ?? 1); p++) {
        if (p < pupilCount) children.push(permutation.inverse(p));
      }
      return children.sort((a, b) => a - b);
    },
  };
}
