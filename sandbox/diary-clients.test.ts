import { afterAll, describe, expect, it } from 'vitest';
import { createWorld, findPersona } from '../seeds/index.ts';
import { resolveServerConfig } from './config.ts';
import { SandboxRegistry } from './registry.ts';
import type { Sandbox } from './sandbox.ts';
import { MemoryStore } from './store.ts';

const world = createWorld({ seed: 42, scale: 'demo' });
const registry = await SandboxRegistry.open({
  store: new MemoryStore(),
  host: { diaryClients: { '36': { clientId: 'FGIS_MYSCHOOL', clientSecret: 'host-wide-secret' } } },
  defaultWorld: world,
  defaultSpec: {},
});
afterAll(() => registry.close());

async function token(sandbox: Sandbox, clientId: string, clientSecret: string): Promise<number> {
  const answer = await sandbox.diaries.handle({
    method: 'POST',
    path: '/36/token',
    query: new URLSearchParams(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }).toString(),
    baseUrl: 'http://localhost/diary',
  });
  return answer.status;
}

describe('per-region diary credentials', () => {
  it('take the host’s, or the sandbox’s own, instead of FGIS_MYSCHOOL / myschool-secret — and the gateway presents them', async () => {
    const own = await registry.create({ diaryClients: { '36': { clientId: 'MYSCHOOL_36', clientSecret: 'region-36-secret' } } });
    expect(await token(own, 'MYSCHOOL_36', 'region-36-secret')).toBe(200);
    expect(await token(own, 'FGIS_MYSCHOOL', 'myschool-secret')).toBe(401);
    const hostWide = await registry.create({});
    expect(await token(hostWide, 'FGIS_MYSCHOOL', 'host-wide-secret')).toBe(200);
    expect(await token(hostWide, 'FGIS_MYSCHOOL', 'myschool-secret')).toBe(401);
    const oid = findPersona(world, 'pupil-child-account').person.account?.oid ?? 0;
    const result = await own.services.diary.schedule('36', oid, { start: '2026-11-16', end: '2026-11-22' }, 'http://localhost');
    expect(result).toMatchObject({ ok: true, status: 200 });
  });

  it('keep the defaults when nothing is configured', async () => {
    const plain = await SandboxRegistry.open({ store: new MemoryStore(), host: {}, defaultWorld: world, defaultSpec: {} });
    try {
      expect(await token(plain.default, 'FGIS_MYSCHOOL', 'myschool-secret')).toBe(200);
    } finally {
      await plain.close();
    }
    expect(resolveServerConfig({}, {}, {}).diaryClients).toEqual({});
  });

  it('are refused whole when malformed, naming the field and what it accepts', async () => {
    await expect(registry.create({ diaryClients: { '36': { clientId: 'MYSCHOOL_36' } } })).rejects.toThrow(
      'POST /_edusim/sandboxes: diaryClients.36.clientSecret: Invalid input: expected string, received undefined',
    );
    await expect(registry.create({ diaryClients: { '36': { clientId: 'MY SCHOOL', clientSecret: 'x' } } })).rejects.toThrow(
      'POST /_edusim/sandboxes: diaryClients.36.clientId: expected 1–128 printable characters without spaces',
    );
    await expect(registry.create({ diaryClients: { tambov: { clientId: 'A', clientSecret: 'B' } } })).rejects.toThrow(
      'POST /_edusim/sandboxes: diaryClients.tambov: expected a two-digit region code',
    );
  });

  it('come from the config file for every sandbox', () => {
    const config = resolveServerConfig({}, { diaryClients: { '68': { clientId: 'FGIS_MYSCHOOL', clientSecret: 'from-the-file' } } }, {});
    expect(config.diaryClients).toEqual({ '68': { clientId: 'FGIS_MYSCHOOL', clientSecret: 'from-the-file' } });
    expect(Object.isFrozen(config.diaryClients)).toBe(true);
  });
});
