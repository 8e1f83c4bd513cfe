/**
 * A sandbox's ESIA signing keys: a ring of RS256 keys with ids; the newest signs, and every key
 * that signed a token still within its lifetime stays published in the JWKS (as a real issuer's
 * key overlap does), so tokens signed before a rotation verify until they expire.
 *
 * The first key is made on first use, not when the ring is: a sandbox that never signs costs no
 * RSA key generation, and keys made ahead of time in a small pool keep the first login fast.
 */
import { exportJWK, generateKeyPair, type CryptoKey, type JWK } from 'jose';
import { ACCESS_TOKEN_SECONDS } from './tokens.ts';

export interface SigningKey {
  readonly kid: string;
  readonly privateKey: CryptoKey;
  readonly publicJwk: JWK;
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
    return { kid, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' } };
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
