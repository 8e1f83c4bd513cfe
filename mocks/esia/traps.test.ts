import { createLocalJWKSet, jwtVerify, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { KeyRing } from './keys.ts';
import { EsiaTraps, TRAPS } from './traps.ts';

const NOW = new Date('2026-11-23T09:00:00Z');
const ISSUER = 'http://esia.gosuslugi.ru/';

async function idToken(keys: KeyRing): Promise<string> {
  const key = await keys.signingKey();
  const iat = Math.floor(NOW.getTime() / 1000);
  return new SignJWT({ sub: '1000299681' })
    .setProtectedHeader({ ver: 0, typ: 'JWT', sbt: 'id', alg: 'RS256', kid: key.kid })
    .setIssuer(ISSUER)
    .setAudience('VENDOR')
    .setIssuedAt(iat)
    .setExpirationTime(iat + 3600)
    .sign(key.privateKey);
}

/** What a careful client (jose, the sandbox's JWKS, iss, aud, exp) says of the token: `ok` or jose's error code and claim. */
async function verdict(token: string, keys: KeyRing): Promise<string> {
  try {
    await jwtVerify(token, createLocalJWKSet(keys.jwks()), { issuer: ISSUER, audience: 'VENDOR', currentDate: NOW });
    return 'ok';
  } catch (error) {
    const { code, claim } = error as { code: string; claim?: string };
    return claim ? `${code} ${claim}` : code;
  }
}

describe('ESIA traps', () => {
  it('serve one trap per code, in order, each spoiling the id_token so a careful client refuses it for that reason', async () => {
    const keys = await KeyRing.create('traps', () => NOW);
    const traps = new EsiaTraps();
    traps.set(TRAPS.filter((t) => t !== 'state-mismatch'));
    const verdicts: string[] = [];
    for (const code of ['c1', 'c2', 'c3', 'c4', 'c5', 'c6']) {
      expect(traps.onCodeIssued(code, `state-${code}`, NOW)).toBe(`state-${code}`);
      verdicts.push(await verdict((await traps.spoilIdToken(code, await idToken(keys), keys, NOW)) ?? '', keys));
    }
    expect(verdicts).toEqual([
      'ERR_JWT_CLAIM_VALIDATION_FAILED iss',
      'ERR_JWT_CLAIM_VALIDATION_FAILED aud',
      'ERR_JWT_EXPIRED exp',
      'ERR_JWS_SIGNATURE_VERIFICATION_FAILED',
      'ERR_JWKS_NO_MATCHING_KEY',
      // The queue is empty: the sixth login is answered honestly.
      'ok',
    ]);
    expect(traps.view()).toEqual({
      queued: [],
      served: ['wrong-iss', 'wrong-aud', 'expired', 'bad-signature', 'unknown-key'].map((trap, i) => ({
        trap,
        state: `state-c${i + 1}`,
        at: NOW.toISOString(),
      })),
    });
  });

  it('state-mismatch answers the redirect with another state and leaves the token alone', async () => {
    const keys = await KeyRing.create('traps', () => NOW);
    const traps = new EsiaTraps();
    traps.set(['state-mismatch']);
    const state = traps.onCodeIssued('c1', 'mine', NOW);
    expect(state).not.toBe('mine');
    expect(state).toMatch(/^[\da-f]{8}-[\da-f]{4}-4[\da-f]{3}-[89ab][\da-f]{3}-[\da-f]{12}$/);
    expect(await verdict((await traps.spoilIdToken('c1', await idToken(keys), keys, NOW)) ?? '', keys)).toBe('ok');
  });
});
