/**
 * Adversarial answers for `edusim verify esia-client` (docs/verify.md «ESIA client»): a queue of
 * traps, one per login attempt. The attempt takes the next trap when its code is issued; a
 * `state-mismatch` trap changes the redirect's `state`, the others spoil the id_token of that
 * code's token response. What was served is logged with the attempt's own `state`, so a report
 * can find the attempt in the journal.
 */
import { generateKeyPair, randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { decodeJwt, decodeProtectedHeader, SignJWT, type JWTHeaderParameters, type JWTPayload } from 'jose';
import { z } from 'zod';
import type { KeyRing } from './keys.ts';

export const TRAPS = ['wrong-iss', 'wrong-aud', 'expired', 'bad-signature', 'unknown-key', 'state-mismatch'] as const;
export type Trap = (typeof TRAPS)[number];
type TokenTrap = Exclude<Trap, 'state-mismatch'>;

export const TrapListSchema = z.strictObject({
  traps: z.array(z.enum(TRAPS)).max(50).describe('Served in order, one per login attempt (code issued)'),
});

export interface ServedTrap {
  readonly trap: Trap;
  /** The `state` of the authorization request the trap was served on. */
  readonly state: string;
  readonly at: string;
}

/** Who the spoiled id_token claims to be for, and who issued it, in the `wrong-aud` and `wrong-iss` traps. */
export const TRAP_AUDIENCE = 'EDUSIM_TRAP_OTHER_SYSTEM';
export const TRAP_ISSUER = 'https://esia-trap.invalid/';

export class EsiaTraps {
  #queue: Trap[] = [];
  #served: ServedTrap[] = [];
  /** Code value → the token trap to serve when it is exchanged. */
  readonly #byCode = new Map<string, TokenTrap>();

  set(traps: readonly Trap[]): void {
    this.#queue = [...traps];
    this.#served = [];
    this.#byCode.clear();
  }

  view(): { queued: readonly Trap[]; served: readonly ServedTrap[] } {
    return { queued: [...this.#queue], served: [...this.#served] };
  }

  clear(): void {
    this.set([]);
  }

  /** At code issuance: the `state` the redirect carries (another one under `state-mismatch`). */
  onCodeIssued(code: string, state: string, now: Date): string {
    const trap = this.#queue.shift();
    if (trap === undefined) return state;
    this.#served.push({ trap, state, at: now.toISOString() });
    if (trap === 'state-mismatch') return randomUUID();
    this.#byCode.set(code, trap);
    return state;
  }

  /** At the code's exchange: the id_token as the trap spoils it (unchanged without one). */
  async spoilIdToken(code: string, idToken: string | undefined, keys: KeyRing, now: Date): Promise<string | undefined> {
    const trap = this.#byCode.get(code);
    this.#byCode.delete(code);
    if (trap === undefined || idToken === undefined) return idToken;
    return spoil(trap, idToken, keys, now);
  }
}

async function resign(idToken: string, change: (payload: JWTPayload) => JWTPayload, keys: KeyRing): Promise<string> {
  const key = await keys.signingKey();
  const header = decodeProtectedHeader(idToken) as JWTHeaderParameters;
  return new SignJWT(change(decodeJwt(idToken))).setProtectedHeader({ ...header, kid: key.kid }).sign(key.privateKey);
}

async function spoil(trap: TokenTrap, idToken: string, keys: KeyRing, now: Date): Promise<string> {
  const seconds = Math.floor(now.getTime() / 1000);
  switch (trap) {
    case 'wrong-iss':
      return resign(idToken, (p) => ({ ...p, iss: TRAP_ISSUER }), keys);
    case 'wrong-aud':
      return resign(idToken, (p) => ({ ...p, aud: TRAP_AUDIENCE }), keys);
    case 'expired':
      return resign(idToken, (p) => ({ ...p, iat: seconds - 7200, nbf: seconds - 7200, exp: seconds - 3600 }), keys);
    case 'bad-signature': {
      // The same header and claims, the signature of other bytes.
      const [header, payload, signature = ''] = idToken.split('.');
      const flipped = Buffer.from(signature, 'base64url');
      flipped[0] = (flipped[0] ?? 0) ^ 0xff;
      return `${header}.${payload}.${flipped.toString('base64url')}`;
    }
    case 'unknown-key': {
      const { privateKey } = await promisify(generateKeyPair)('rsa', { modulusLength: 2048 });
      const header = decodeProtectedHeader(idToken) as JWTHeaderParameters;
      return new SignJWT(decodeJwt(idToken)).setProtectedHeader({ ...header, kid: 'edusim-retired-key' }).sign(privateKey);
    }
  }
}
