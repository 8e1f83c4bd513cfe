import { execFileSync } from 'node:child_process';
import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyDetachedCms } from './cms.ts';
import { v1Message } from './signature.ts';

// Made the way legacy v1 clients make client_secret: `openssl smime -sign -binary -outform DER`.
const dir = mkdtempSync(join(tmpdir(), 'edusim-cms-'));
execFileSync(
  'openssl',
  ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-subj', '/CN=VENDOR01', '-days', '1'],
  { stdio: 'ignore' },
);
const publicKey = createPublicKey(readFileSync(join(dir, 'cert.pem')));
const message = v1Message({
  clientId: 'VENDOR01',
  scope: 'openid fullname',
  timestamp: '2026.11.23 10:00:00 +0300',
  state: 'f918e3be-664e-45db-b5a2-adbf5d6ae3f6',
});

function smime(text: string, extra: string[]): Buffer {
  writeFileSync(join(dir, 'msg.txt'), text);
  execFileSync('openssl', [
    'smime',
    '-sign',
    '-binary',
    '-outform',
    'DER',
    '-md',
    'sha256',
    '-signer',
    join(dir, 'cert.pem'),
    '-inkey',
    join(dir, 'key.pem'),
    '-in',
    join(dir, 'msg.txt'),
    '-out',
    join(dir, 'sig.der'),
    ...extra,
  ]);
  return readFileSync(join(dir, 'sig.der'));
}

describe('detached CMS client_secret (v1)', () => {
  it.each([
    ['with signed attributes', []],
    ['without attributes (-noattr)', ['-noattr']],
  ])('verifies a container %s over the exact v1 concatenation', (_label, extra) => {
    const der = smime(message, extra);
    expect(verifyDetachedCms(der, message, publicKey)).toBe('valid');
    expect(verifyDetachedCms(der, `${message}x`, publicKey)).toBe('invalid');
    expect(verifyDetachedCms(der, message, generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey)).toBe('invalid');
  });

  it('tells a non-CMS value apart', () => {
    expect(verifyDetachedCms(Buffer.from('not a signature'), message, publicKey)).toBe('not-cms');
  });
});
