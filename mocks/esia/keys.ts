/**
 * A sandbox's ESIA signing keys: a ring of RS256 keys with ids; the newest signs, and every key
 * that signed a token still within its lifetime stays published in the JWKS (as a real issuer's
 * key overlap does), so tokens signed before a rotation verify until they expire.
 *
 * The first key is made on first use, not when the ring is: a sandbox that never signs costs no
 * RSA key generation, and keys made ahead of time in a small pool keep the first login fast.
 */
import { exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';
import { ACCESS_TOKEN_SECONDS } from './tokens.ts';

export interface SigningKey {
  readonly kid: string;
  readonly privateKey: CryptoKey;
  readonly publicJwk: JWK;
  /** The private key as a JWK, so a restart with `--state` keeps verifying the tokens it signed. */
  readonly privateJwk: JWK;
}

/** A key as kept in a sandbox's stored record (never in the admin API's snapshots). */
export interface StoredKey {
  readonly kid: string;
  readonly privateJwk: JWK;
  readonly publicJwk: JWK;
  readonly lastSignedAt: number | null;
  /** The sandbox's first key: what a reset goes back to. */
  readonly first: boolean;
  /** Whether it is in the JWKS now (the first key may be kept for a reset only). */
  readonly published: boolean;
}

interface RingEntry {
  readonly key: SigningKey;
  /** Epoch ms of the last signature made with this key (null: it has signed nothing). */
  lastSignedAt: number | null;
}

type KeyPair = { readonly privateKey: CryptoKey; readonly publicKey: CryptoKey };

const POOL_SIZE = 4;
const pool: Promise<KeyPair>[] = [];

function generate(): Promise<KeyPair> {
  return generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
}

/** A key pair from the pool (refilled in the background), or a fresh one when it is empty. */
function takeKeyPair(): Promise<KeyPair> {
  const ready = pool.shift() ?? generate();
  while (pool.length < POOL_SIZE) {
    const next = generate();
    next.catch(() => undefined);
    pool.push(next);
  }
  return ready;
}

export class KeyRing {
  readonly #entries: RingEntry[] = [];
  #first: RingEntry | null = null;
  #making: Promise<SigningKey> | null = null;
  #counter = 0;
  /** The last JWKS handed out, kept while the published keys stay the same (verifiers cache by identity). */
  #published: { keys: JWK[] } | null = null;

  /**
   * @param label goes into every key id (`edusim-<label>-<n>`), so a key names its sandbox.
   * @param now the sandbox's clock: a retired key is dropped once its last token has expired.
   */
  constructor(
    readonly label: string,
    readonly now: () => Date = () => new Date(),
  ) {}

  /** A ring whose first key already exists (tests that sign before any request). */
  static async create(label = 'default', now?: () => Date): Promise<KeyRing> {
    const ring = new KeyRing(label, now);
    await ring.signingKey();
    return ring;
  }

  async #make(): Promise<SigningKey> {
    const { privateKey, publicKey } = await takeKeyPair();
    const kid = `edusim-${this.label}-${++this.#counter}`;
    return {
      kid,
      privateKey,
      publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' },
      privateJwk: { ...(await exportJWK(privateKey)), kid, alg: 'RS256' },
    };
  }

  /** The key to sign with now (made on first use); the signature is recorded for the overlap rule. */
  async signingKey(): Promise<SigningKey> {
    let entry = this.#entries[0];
    if (!entry) {
      this.#making ??= this.#make();
      const key = await this.#making;
      this.#making = null;
      entry = this.#entries[0];
      if (!entry) {
        entry = { key, lastSignedAt: null };
        this.#entries.unshift(entry);
        this.#first ??= entry;
      }
    }
    entry.lastSignedAt = this.now().getTime();
    return entry.key;
  }

  /** Adds a new current key; older keys stay published while a token they signed may be alive. */
  async rotate(): Promise<SigningKey> {
    const key = await this.#make();
    const entry = { key, lastSignedAt: null };
    this.#entries.unshift(entry);
    this.#first ??= entry;
    this.#prune();
    return key;
  }

  /** The published keys: the current one and every older one that may still verify a live token. */
  jwks(): { keys: JWK[] } {
    this.#prune();
    const same =
      this.#published !== null &&
      this.#published.keys.length === this.#entries.length &&
      this.#entries.every((e, i) => this.#published?.keys[i] === e.key.publicJwk);
    if (!same) this.#published = { keys: this.#entries.map((e) => e.key.publicJwk) };
    return this.#published as { keys: JWK[] };
  }

  /** Whether a key id is published now. */
  has(kid: string | undefined): boolean {
    return kid !== undefined && this.#entries.some((e) => e.key.kid === kid);
  }

  /** The ring as stored data (private keys included): the published keys, current first, and the first key. */
  stored(): StoredKey[] {
    this.#prune();
    const kept = this.#first && !this.#entries.includes(this.#first) ? [...this.#entries, this.#first] : this.#entries;
    return kept.map((e) => ({
      kid: e.key.kid,
      privateJwk: e.key.privateJwk,
      publicJwk: e.key.publicJwk,
      lastSignedAt: e.lastSignedAt,
      first: e === this.#first,
      published: this.#entries.includes(e),
    }));
  }

  /** Takes over stored keys (a restart with `--state`): tokens they signed verify again. */
  async load(stored: readonly StoredKey[]): Promise<void> {
    const entries = await Promise.all(
      stored.map(async (k) => ({
        stored: k,
        entry: {
          key: { kid: k.kid, privateKey: (await importJWK(k.privateJwk, 'RS256')) as CryptoKey, publicJwk: k.publicJwk, privateJwk: k.privateJwk },
          lastSignedAt: k.lastSignedAt,
        } satisfies RingEntry,
      })),
    );
    this.#entries.length = 0;
    this.#entries.push(...entries.filter((e) => e.stored.published).map((e) => e.entry));
    this.#first = entries.find((e) => e.stored.first)?.entry ?? null;
    this.#counter = Math.max(this.#counter, ...stored.map((k) => Number(/-(\d+)$/.exec(k.kid)?.[1] ?? 0)));
    this.#published = null;
  }

  /** Back to the ring as created: only the first key (if one was ever made); rotated keys are gone. */
  reset(): void {
    this.#entries.length = 0;
    if (this.#first) this.#entries.push(this.#first);
  }

  #prune(): void {
    const now = this.now().getTime();
    const lifetimeMs = ACCESS_TOKEN_SECONDS * 1000;
    for (let i = this.#entries.length - 1; i >= 1; i--) {
      const signed = this.#entries[i]?.lastSignedAt ?? null;
      if (signed === null || signed + lifetimeMs <= now) this.#entries.splice(i, 1);
    }
  }
}
