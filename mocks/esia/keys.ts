/**
 * The simulator's signing keys: a ring of RS256 keys with ids, the newest signs, all publish in
 * the JWKS, so tokens signed before a rotation verify until they expire.
 */
import { exportJWK, generateKeyPair, type CryptoKey, type JWK } from 'jose';

export interface SigningKey {
  readonly kid: string;
  readonly privateKey: CryptoKey;
  readonly publicJwk: JWK;
}

export class KeyRing {
  readonly #keys: SigningKey[] = [];
  #counter = 0;

  static async create(): Promise<KeyRing> {
    const ring = new KeyRing();
    await ring.rotate();
    return ring;
  }

  /** Adds a new current key; older keys stay published (up to 3). */
  async rotate(): Promise<SigningKey> {
    const { privateKey, publicKey } = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true });
    const kid = `edusim-${++this.#counter}-${Date.now().toString(36)}`;
    const key: SigningKey = { kid, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' } };
    this.#keys.unshift(key);
    if (this.#keys.length > 3) this.#keys.pop();
    return key;
  }

  get current(): SigningKey {
    const key = this.#keys[0];
    if (!key) throw new Error('[edusim] key ring is empty');
    return key;
  }

  jwks(): { keys: JWK[] } {
    return { keys: this.#keys.map((k) => k.publicJwk) };
  }
}
