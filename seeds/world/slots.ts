/**
 * Every person has a slot: a number that says which region and which kind of person it is.
 * oids and SNILS numbers are keyed permutations of slots, so each goes back to its person
 * without a scan. A region owns 2^23 slots, split by kind; unused slots are nobody.
 */

export type PersonKind = 'pupil' | 'mother' | 'father' | 'teacher' | 'administrator' | 'citizen';

export const REGION_SLOTS = 2 ** 23;
const BLOCK = 2 ** 21;

const KIND_BASE: Record<PersonKind, number> = {
  pupil: 0,
  mother: BLOCK,
  father: 2 * BLOCK,
  teacher: 3 * BLOCK,
  administrator: 3 * BLOCK + 2 ** 19,
  citizen: 3 * BLOCK + 2 ** 19 + 2 ** 18,
};

const KIND_CAPACITY: Record<PersonKind, number> = {
  pupil: BLOCK,
  mother: BLOCK,
  father: BLOCK,
  teacher: 2 ** 19,
  administrator: 2 ** 18,
  citizen: 2 ** 18,
};

const KINDS_BY_BASE = (Object.keys(KIND_BASE) as PersonKind[]).sort((a, b) => KIND_BASE[b] - KIND_BASE[a]);

/** All slots of the 89 regions fit in 2^30, the domain of the oid permutation. */
export const SLOT_DOMAIN = 2 ** 30;

export interface SlotAddress {
  readonly ordinal: number;
  readonly kind: PersonKind;
  readonly local: number;
}

export function slotOf(ordinal: number, kind: PersonKind, local: number): number {
  if (local < 0 || local >= KIND_CAPACITY[kind]) {
    throw new RangeError(`a region holds at most ${KIND_CAPACITY[kind]} people of kind "${kind}", asked for #${local}`);
  }
  return ordinal * REGION_SLOTS + KIND_BASE[kind] + local;
}

export function addressOf(slot: number): SlotAddress {
  const ordinal = Math.floor(slot / REGION_SLOTS);
  const within = slot - ordinal * REGION_SLOTS;
  const kind = KINDS_BY_BASE.find((k) => within >= KIND_BASE[k]) ?? 'pupil';
  return { ordinal, kind, local: within - KIND_BASE[kind] };
}
