import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RegionalDiaries } from '../mocks/index.ts';
import { createWorld, findPersona } from '../seeds/index.ts';
import { startServer, type RunningServer } from './index.ts';
import { startDiaryServer, type RunningService } from '../gateway/index.ts';

describe("a vendor's diary plugged into the gateway (--diary 36=URL)", () => {
  const world = createWorld({ seed: 42, scale: 'demo' });
  const vendorDiaries = new RegionalDiaries(createWorld({ seed: 42, scale: 'demo' }), () => new Date());
  let vendor: RunningService;
  let sandbox: RunningServer;
  beforeAll(async () => {
    vendor = await startDiaryServer(() => vendorDiaries);
    sandbox = await startServer(world, { port: 0, host: '127.0.0.1' }, { vendorDiaries: new Map([['36', vendor.url + '/36']]), diaryTimeoutMs: 1000 });
  });
  afterAll(async () => {
    await sandbox.close();
    await vendor.close();
  });

  /** A token for the teacher persona, with the data-transfer consent in place on that sandbox. */
  async function teacherWithConsent(server: RunningServer): Promise<string> {
    const oid = findPersona(world, 'teacher-with-rights').person.account?.oid ?? 0;
    const consents = server.app.sandbox.consents;
    if (!consents.active(oid, 'EDUSIM_MYSCHOOL_TRANSFER')) {
      consents.grant({ subjectOid: oid, grantorOid: oid, recipient: 'FGIS_MYSCHOOL', purpose: 'EDUSIM_MYSCHOOL_TRANSFER', scopes: [], expiresInMinutes: 60 });
    }
    return (await server.app.sandbox.esia.mint(oid, 'EDUSIM', 'openid fullname')).access_token;
  }

  async function flow(): Promise<{
    data: { me: { diary: { entries: unknown[] } | null; registry: unknown } };
    errors?: { message: string; extensions: Record<string, unknown> }[];
    extensions: { trace: { step: string; url?: string; contract?: string; ok: boolean }[] };
  }> {
    const token = await teacherWithConsent(sandbox);
    const response = await fetch(`${sandbox.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-edusim-trace': '1' },
      body: JSON.stringify({ query: '{ me { registry { region { code } } diary(from: "2026-11-16", to: "2026-11-20") { entries { className } } } }' }),
    });
    return (await response.json()) as never;
  }

  it('routes the region’s diary calls to the vendor and checks its answers against the contract', async () => {
    const body = await flow();
    expect(body.errors).toBeUndefined();
    expect(body.data.me.diary?.entries.length).toBeGreaterThan(0);
    const step = body.extensions.trace.find((s) => s.step === 'diary');
    expect(step).toMatchObject({ ok: true, contract: 'ok' });
    expect(step?.url).toMatch(new RegExp(`^${vendor.url}/36/Schedule/\\d+\\?start=2026-11-16&end=2026-11-20$`));
  });

  it('reports an off-contract answer as DIARY_CONTRACT_VIOLATION with every violation, and keeps the rest', async () => {
    vendorDiaries.diary('36')?.setFault({ mode: 'off-contract' });
    try {
      const body = await flow();
      expect(body.errors?.[0]?.extensions['code']).toBe('DIARY_CONTRACT_VIOLATION');
      expect(body.errors?.[0]?.extensions['violations']).toEqual([
        'resourceType: expected "Schedule", got "Bundle"',
        'id: expected a string, got nothing',
        'meta: expected an object, got nothing',
        'school: expected an array, got nothing',
      ]);
      expect(body.data.me.registry).toEqual({ region: { code: '36' } });
      expect(body.extensions.trace.find((s) => s.step === 'diary')).toMatchObject({ ok: false, contract: 'violated' });
    } finally {
      vendorDiaries.diary('36')?.setFault({ mode: 'ok' });
    }
  });

  it('reports an unreachable vendor as DIARY_UNAVAILABLE, never crashing the gateway', async () => {
    const down = await startServer(world, { port: 0, host: '127.0.0.1' }, { vendorDiaries: new Map([['36', 'http://127.0.0.1:9/api']]) });
    try {
      const { person } = findPersona(world, 'teacher-with-rights');
      const token = await teacherWithConsent(down);
      const response = await fetch(`${down.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: '{ me { fullName diary { region } } }' }),
      });
      const body = (await response.json()) as { data: { me: { fullName: string } }; errors: { message: string; extensions: { code: string } }[] };
      expect(response.status).toBe(200);
      expect(body.errors[0]?.extensions.code).toBe('DIARY_UNAVAILABLE');
      expect(body.errors[0]?.message).toMatch(/^дневник региона 36 недоступен: /);
      expect(body.data.me.fullName).toBe(`${person.lastName} ${person.firstName} ${person.middleName}`);
    } finally {
      await down.close();
    }
  });
});
