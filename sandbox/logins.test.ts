import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_CLIENT_ID } from '../mocks/index.ts';
import { createWorld, findPersona } from '../seeds/index.ts';
import { LoginLog, LOGINS_KEPT_PER_PERSON } from './logins.ts';
import { SandboxRegistry } from './registry.ts';
import type { Sandbox } from './sandbox.ts';
import { MemoryStore } from './store.ts';

const world = createWorld({ seed: 42, scale: 'demo' });
const registry = await SandboxRegistry.open({ store: new MemoryStore(), host: {}, defaultWorld: world, defaultSpec: {} });
afterAll(() => registry.close());
const teacherOid = findPersona(world, 'teacher-with-rights').person.account?.oid ?? 0;
const REDIRECT = 'http://localhost/callback';

/** `POST /aas/oauth2/v3/te` of a sandbox's ESIA (lenient profile: the signature is checked for its form only). */
function tokenCall(sandbox: Sandbox, params: Record<string, string>) {
  return sandbox.esia.handle({
    method: 'POST',
    path: '/aas/oauth2/v3/te',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    query: new URLSearchParams(),
    baseUrl: 'http://localhost/esia',
    body: new URLSearchParams({
      client_id: DEMO_CLIENT_ID,
      state: '5b6a1f5e-2a3b-4c4d-8e5f-6a7b8c9d0e1f',
      timestamp: '2026.11.23 09:00:00 +0300',
      client_secret: 'x',
      ...params,
    }).toString(),
  });
}

describe('the logins made in a sandbox', () => {
  it('records a login when ESIA issues tokens for a code or by a headless login, at the sandbox clock’s time; a refresh is not a login', async () => {
    const sandbox = await registry.create({ clock: { at: '2026-11-23T09:00:00+03:00', frozen: true } });
    const now = sandbox.clock.now().getTime();
    const code = sandbox.esia.ctx.stores.issueCode(
      {
        clientId: DEMO_CLIENT_ID,
        redirectUri: REDIRECT,
        scopes: ['openid'],
        oid: teacherOid,
        sid: 's1',
        authTime: now / 1000,
        accessType: 'offline',
        codeChallenge: null,
      },
      now,
    );
    const exchanged = await tokenCall(sandbox, { grant_type: 'authorization_code', code: code.code, redirect_uri: REDIRECT, scope: 'openid' });
    expect(exchanged.status).toBe(200);
    expect(sandbox.logins.records()).toEqual([{ oid: teacherOid, at: ['2026-11-23T06:00:00.000Z'] }]);
    sandbox.clock.restore({ mode: 'frozen', now: '2026-11-24T10:00:00+03:00', offsetMs: 0 });
    const refreshToken = (JSON.parse(exchanged.body ?? '{}') as { refresh_token?: string }).refresh_token ?? '';
    expect((await tokenCall(sandbox, { grant_type: 'refresh_token', refresh_token: refreshToken, scope: 'openid', redirect_uri: REDIRECT })).status).toBe(200);
    expect(sandbox.logins.records()).toEqual([{ oid: teacherOid, at: ['2026-11-23T06:00:00.000Z'] }]);
    await sandbox.esia.mint(teacherOid, DEMO_CLIENT_ID, 'openid fullname');
    expect(sandbox.logins.records()).toEqual([{ oid: teacherOid, at: ['2026-11-23T06:00:00.000Z', '2026-11-24T07:00:00.000Z'] }]);
  });

  it('keeps them in the snapshot, restores them, reads a version 2 snapshot as having none, and forgets them on reset', async () => {
    const sandbox = await registry.create({ clock: { at: '2026-11-23T09:00:00+03:00', frozen: true } });
    await sandbox.esia.mint(teacherOid, DEMO_CLIENT_ID, 'openid');
    const snapshot = sandbox.snapshot();
    expect({ version: snapshot.version, logins: snapshot.logins }).toEqual({ version: 3, logins: [{ oid: teacherOid, at: ['2026-11-23T06:00:00.000Z'] }] });
    const other = await registry.create({});
    await registry.restore(other.id, JSON.parse(JSON.stringify(snapshot)));
    expect(other.logins.records()).toEqual(snapshot.logins);
    const version2: Record<string, unknown> = { ...JSON.parse(JSON.stringify(snapshot)), version: 2 };
    delete version2['logins'];
    await registry.restore(other.id, JSON.parse(JSON.stringify(version2)));
    expect(other.logins.size).toBe(0);
    sandbox.reset();
    expect(sandbox.logins.size).toBe(0);
  });
});

describe('LoginLog', () => {
  it('keeps each person’s newest logins in order and answers the last one at or before an instant', () => {
    const log = new LoginLog();
    for (let i = 0; i < LOGINS_KEPT_PER_PERSON + 3; i++) log.record(7, new Date(Date.UTC(2026, 10, 1 + i)));
    log.record(7, new Date(Date.UTC(2026, 9, 31, 12)));
    const [record] = log.records();
    expect([record?.at.length, record?.at[0], record?.at.at(-1)]).toEqual([LOGINS_KEPT_PER_PERSON, '2026-11-04T00:00:00.000Z', '2026-12-05T00:00:00.000Z']);
    expect([...log.lastLogins(new Date('2026-11-20T10:00:00Z'))]).toEqual([{ oid: 7, at: new Date('2026-11-20T00:00:00Z') }]);
    expect([...log.lastLogins(new Date('2026-11-01T00:00:00Z'))]).toEqual([]);
  });
});
