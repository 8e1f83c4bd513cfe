/**
 * A world: a seed, a scale and a date give every region, school, class and person, derived on
 * demand. Creating one costs almost nothing; a region's skeleton is built on first use and kept
 * in a small LRU cache, and a person is derived from their slot in microseconds.
 */
import { REGIONS, type RegionRow } from '../data/tables.ts';
import { WorldInputError } from '../errors.ts';
import { formatSnils } from '../ids/checksums.ts';
import { hashInts, seedKey } from '../random/hash.ts';
import { createPermutation } from '../random/permutation.ts';
import { schoolYearOf, type SchoolYear } from './calendar.ts';
import { buildRegionLayout } from './region-layout.ts';
import { Journal } from './journal.ts';
import { RegionPeople } from './people.ts';
import { buildNameIndex, nameKey, type NameKey } from './name-index.ts';
import { addressOf, SLOT_DOMAIN, slotOf, type PersonKind } from './slots.ts';
import type { Person } from './types.ts';

export const SCALES = ['demo', 'region', 'country'] as const;
export type Scale = (typeof SCALES)[number];

/** Воронежская область: 305 600 pupils (180 270 in grades 5–11, as its data mart counts), a large but typical region. */
export const DEFAULT_REGION = '36';
export const DEFAULT_DATE = '2026-11-23';
const DEMO_PUPILS = 600;
const OID_BASE = 1_000_000_000;
const SNILS_BASE = 2_000_000;
const SNILS_DOMAIN = 997_000_000;

export interface WorldOptions {
  /** Non-negative integer; the same seed gives the same world. */
  readonly seed: number;
  readonly scale: Scale;
  /** Region code for `demo` and `region` scales (default 36). */
  readonly region?: string;
  /** "Today" in the world, ISO date: ages, marks to date, account facts (default 2026-11-23). */
  readonly asOf?: string;
  /**
   * Target child-account share A (0–0.95) for every region, as the federal indicator counts it over
   * grades 5–11; by default each region has its own (`seeds/data/child-account-targets.tsv`).
   */
  readonly childAccountCoverage?: number;
  /** How many regions' skeletons stay in memory at once (default 89: all). */
  readonly regionCacheSize?: number;
}

export interface ResolvedWorldOptions {
  readonly seed: number;
  readonly scale: Scale;
  readonly region: string | null;
  readonly asOf: string;
  /** null: each region's own target. */
  readonly childAccountCoverage: number | null;
  readonly regionCacheSize: number;
}

export function resolveWorldOptions(options: WorldOptions): ResolvedWorldOptions {
  const { seed, scale } = options;
  if (typeof seed !== 'number' || !Number.isSafeInteger(seed) || seed < 0) {
    throw new WorldInputError('seed', seed, 'a non-negative integer (0 … 9007199254740991)');
  }
  if (!SCALES.includes(scale)) throw new WorldInputError('scale', scale, `one of ${SCALES.join(', ')}`);
  const region = options.region ?? (scale === 'country' ? null : DEFAULT_REGION);
  if (region !== null && !REGIONS.some((r) => r.code === region)) {
    throw new WorldInputError(
      'region',
      region,
      `a region code from ${REGIONS[0]?.code} to ${REGIONS[REGIONS.length - 1]?.code} (see \`edusim world regions\`)`,
    );
  }
  const asOf = options.asOf ?? DEFAULT_DATE;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf) || Number.isNaN(Date.parse(`${asOf}T00:00:00Z`)) || new Date(`${asOf}T00:00:00Z`).toISOString().slice(0, 10) !== asOf) {
    throw new WorldInputError('asOf', asOf, 'a date as YYYY-MM-DD');
  }
  const coverage = options.childAccountCoverage ?? null;
  if (coverage !== null && (typeof coverage !== 'number' || !(coverage >= 0 && coverage <= 0.95))) {
    throw new WorldInputError('childAccountCoverage', coverage, 'a number from 0 to 0.95');
  }
  const cache = options.regionCacheSize ?? 89;
  if (!Number.isInteger(cache) || cache < 1) throw new WorldInputError('regionCacheSize', cache, 'a positive integer');
  return Object.freeze({ seed, scale, region: scale === 'country' ? region : region, asOf, childAccountCoverage: coverage, regionCacheSize: cache });
}

export class World {
  readonly options: ResolvedWorldOptions;
  readonly key: number;
  readonly year: SchoolYear;
  readonly regions: readonly RegionRow[];
  readonly #ordinals: ReadonlyMap<string, number>;
  readonly #cache = new Map<string, RegionPeople>();
  readonly #journals = new Map<string, Journal>();
  readonly #nameIndexes = new Map<string, Map<NameKey, number[]>>();
  readonly #oids;
  readonly #snils;

  constructor(options: WorldOptions) {
    this.options = resolveWorldOptions(options);
    this.key = seedKey(this.options.seed);
    this.year = schoolYearOf(this.options.asOf);
    const chosen = this.options.scale === 'country' ? REGIONS : REGIONS.filter((r) => r.code === this.options.region);
    this.regions = chosen;
    this.#ordinals = new Map(REGIONS.map((r, i) => [r.code, i]));
    this.#oids = createPermutation(SLOT_DOMAIN, hashInts(this.key, 0x01d));
    this.#snils = createPermutation(SNILS_DOMAIN, hashInts(this.key, 0x5a11));
  }

  get regionCodes(): string[] {
    return this.regions.map((r) => r.code);
  }

  hasRegion(code: string): boolean {
    return this.regions.some((r) => r.code === code);
  }

  /** The people (and skeleton) of a region of this world; built on first use. */
  region(code: string): RegionPeople {
    const cached = this.#cache.get(code);
    if (cached) {
      this.#cache.delete(code);
      this.#cache.set(code, cached);
      return cached;
    }
    const row = this.regions.find((r) => r.code === code);
    if (!row)
      throw new WorldInputError(
        'region',
        code,
        `one of this world's regions: ${this.regionCodes.slice(0, 10).join(', ')}${this.regions.length > 10 ? ', …' : ''}`,
      );
    const layout = buildRegionLayout({
      worldKey: this.key,
      region: row,
      ordinal: this.#ordinals.get(code) ?? 0,
      pupilTarget: this.options.scale === 'demo' ? DEMO_PUPILS : Math.round(row.pupilsThousands * 1000),
      ...(this.options.scale === 'demo' ? { kindSequence: ['town', 'rural', 'city', 'rural'] as const, singleParallel: true } : {}),
    });
    const people = new RegionPeople(layout, {
      worldKey: this.key,
      asOf: this.options.asOf,
      year: this.year,
      childAccountCoverage: this.options.childAccountCoverage,
      allRegionCodes: REGIONS.map((r) => r.code),
      oidOf: (slot) => this.oidOf(slot),
      snilsOf: (slot) => this.snilsOf(slot),
    });
    this.#cache.set(code, people);
    while (this.#cache.size > this.options.regionCacheSize) {
      const oldest = this.#cache.keys().next().value;
      if (oldest === undefined) break;
      this.#cache.delete(oldest);
      this.#journals.delete(oldest);
    }
    return people;
  }

  /**
   * A region's journal, shared by everyone reading this world (every sandbox of the same seed,
   * scale, region and date): its answers are pure functions of the world, so one cache serves all.
   */
  journal(code: string): Journal {
    const people = this.region(code);
    const cached = this.#journals.get(code);
    if (cached && cached.people === people) return cached;
    const journal = new Journal(people, this.key);
    this.#journals.set(code, journal);
    return journal;
  }

  oidOf(slot: number): number {
    return OID_BASE + this.#oids.forward(slot);
  }

  snilsOf(slot: number): string {
    return formatSnils(SNILS_BASE + this.#snils.forward(slot));
  }

  /** Anyone the world holds, whether or not they have an ESIA account. */
  personBySlot(slot: number): Person | undefined {
    if (!Number.isSafeInteger(slot) || slot < 0 || slot >= SLOT_DOMAIN) return undefined;
    const { ordinal, kind, local } = addressOf(slot);
    const code = REGIONS[ordinal]?.code;
    if (code === undefined || !this.hasRegion(code)) return undefined;
    const people = this.region(code);
    switch (kind) {
      case 'pupil':
        return local < people.layout.pupilCount ? people.pupil(local) : undefined;
      case 'mother':
      case 'father':
        return people.parent(kind, local);
      case 'teacher':
        return people.teacher(local);
      case 'administrator':
        return people.administrator(local);
      case 'citizen':
        return people.citizen(local);
    }
  }

  /** The slot this oid is reserved for, whether or not its person has an account; -1 outside the oids' range. */
  slotOfOid(oid: number): number {
    if (!Number.isSafeInteger(oid) || oid < OID_BASE || oid >= OID_BASE + SLOT_DOMAIN) return -1;
    return this.#oids.inverse(oid - OID_BASE);
  }

  /** The ESIA account holder with this oid. */
  personByOid(oid: number): Person | undefined {
    const person = this.personBySlot(this.slotOfOid(oid));
    return person?.account?.oid === oid ? person : undefined;
  }

  personBySnils(snils: string): Person | undefined {
    const m = /^(\d{3})-?(\d{3})-?(\d{3})[ -]?(\d{2})$/.exec(snils.trim());
    if (!m) return undefined;
    const body = Number(`${m[1]}${m[2]}${m[3]}`) - SNILS_BASE;
    if (body < 0 || body >= SNILS_DOMAIN) return undefined;
    const slot = this.#snils.inverse(body);
    if (slot >= SLOT_DOMAIN) return undefined;
    const person = this.personBySlot(slot);
    return person && person.snils.replace(/\D/g, '') === `${m[1]}${m[2]}${m[3]}${m[4]}` ? person : undefined;
  }

  /** People with this full name and birth date; builds the region's name index on first use. */
  findByName(query: NameQuery): Person[] {
    const codes = query.region ? [query.region] : this.regionCodes;
    const key = nameKey(query.lastName, query.firstName, query.middleName ?? '', query.birthDate);
    const found: Person[] = [];
    for (const code of codes) {
      let index = this.#nameIndexes.get(code);
      if (!index) {
        index = buildNameIndex(this.region(code));
        this.#nameIndexes.set(code, index);
      }
      for (const slot of index.get(key) ?? []) {
        const person = this.personBySlot(slot);
        if (person) found.push(person);
      }
    }
    return found;
  }

  /** `<region>-<kind>-<n>`, as in `Person.id`. */
  personById(id: string): Person | undefined {
    const m = /^(\d{2})-(pupil|mother|father|teacher|administrator|citizen)-(\d+)$/.exec(id);
    if (!m) return undefined;
    const ordinal = this.#ordinals.get(m[1] ?? '');
    if (ordinal === undefined) return undefined;
    const local = Number(m[3]);
    try {
      return this.personBySlot(slotOf(ordinal, m[2] as PersonKind, local));
    } catch {
      return undefined;
    }
  }
}

export interface NameQuery {
  readonly lastName: string;
  readonly firstName: string;
  readonly middleName?: string;
  /** ISO date. */
  readonly birthDate: string;
  /** Search one region only (required in a country world to stay fast). */
  readonly region?: string;
}

export function createWorld(options: WorldOptions): World {
  return new World(options);
}
