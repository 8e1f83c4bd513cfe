/** `sandbox.esiaClients` against the whole app in this process (as client.test.ts): the vendor's client registrations. */
import { afterAll, describe, expect, it } from 'vitest';
// Tests may run edusim in-process; the client itself imports nothing of the project (eslint.config.js).
// eslint-disable-next-line @typescript-eslint/no-restricted-imports
import { createEdusimHandlers } from '../testing/msw.ts';
import { Edusim, type EdusimError, type SandboxSpec } from './index.ts';

const host = await createEdusimHandlers({ seed: 42, date: '2026-11-23' });
afterAll(() => host.close());
const edusim = new Edusim({ url: host.baseUrl, fetch: (url: string, init: RequestInit) => host.handle(new Request(url, init)) });

const SPEC = { seed: 42, date: '2026-11-23', clock: { at: '2026-11-23T09:00:00+03:00', frozen: true } } satisfies SandboxSpec;
const FROM_SPEC = { clientId: 'CONFIGURED1', redirectUris: ['https://configured.example/cb'], scopes: [] };
const VENDOR = { clientId: 'VENDOR01', redirectUris: ['https://vendor.example/cb'], scopes: ['openid'] };
let made = 0;
const E007003 = 'ESIA-007003: В запросе отсутствует обязательный параметр, неверное значение параметра или параметр указан несколько раз';
const E007002 = 'ESIA-007002: Несоответствие сертификата и мнемоники информационной системы';
const DEMO_REFUSED = `${E007003} (the demo client EDUSIM cannot be replaced or deleted; register a client of your own)`;
const sandbox = () => edusim.createSandbox({ ...SPEC, id: `esia-clients-${++made}`, clients: [FROM_SPEC] });

async function rejection(promise: Promise<unknown>): Promise<{ type: string; status: number; code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    const e = error as EdusimError;
    return { type: e.constructor.name, status: e.status, code: e.code, message: e.message };
  }
  throw new Error('expected a rejection');
}

describe('sandbox.esiaClients', () => {
  it('creates, lists, gets, updates and deletes a client system, revision by revision', async () => {
    const sb = await sandbox();
    expect(await sb.esiaClients.create(VENDOR)).toEqual({ ...VENDOR, hasKey: false, certificateHash: null, revision: 1 });
    expect((await sb.esiaClients.list()).map((c) => `${c.clientId}@${c.revision}`)).toEqual(['EDUSIM@1', 'CONFIGURED1@1', 'VENDOR01@1']);
    const moved = { ...VENDOR, redirectUris: ['https://vendor.example/new-cb'] };
    expect(await sb.esiaClients.update(moved, 1)).toEqual({ ...moved, hasKey: false, certificateHash: null, revision: 2 });
    expect((await sb.esiaClients.get('VENDOR01')).redirectUris).toEqual(['https://vendor.example/new-cb']);
    expect(await rejection(sb.esiaClients.update(VENDOR, 1))).toEqual({
      type: 'EdusimConflictError',
      status: 412,
      code: 'ESIA-007003',
      message: `${E007003} (client VENDOR01 is at revision 2, not 1: read it again (GET /sim/clients/VENDOR01) and retry)`,
    });
    expect((await sb.esiaClients.update(VENDOR)).revision).toBe(3);
    await sb.esiaClients.delete('VENDOR01');
    expect(await rejection(sb.esiaClients.get('VENDOR01'))).toEqual({
      type: 'EdusimNotFoundError',
      status: 404,
      code: 'ESIA-007002',
      message: `${E007002} (client_id "VENDOR01" is not registered)`,
    });
  });

  it('refuses to replace a registration by a second create, and to touch the demo client', async () => {
    const sb = await sandbox();
    await sb.esiaClients.create(VENDOR);
    expect(await rejection(sb.esiaClients.create({ ...VENDOR, redirectUris: ['https://evil.example/cb'] }))).toEqual({
      type: 'EdusimConflictError',
      status: 409,
      code: 'ESIA-007003',
      message: `${E007003} (client_id "VENDOR01" is registered already; replace it with PUT /sim/clients/VENDOR01 and If-Match: "1")`,
    });
    expect(await rejection(sb.esiaClients.delete('EDUSIM'))).toEqual({ type: 'EdusimForbiddenError', status: 403, code: 'ESIA-007003', message: DEMO_REFUSED });
    expect(await rejection(sb.esiaClients.update({ clientId: 'EDUSIM', redirectUris: [] }, 1))).toEqual({
      type: 'EdusimForbiddenError',
      status: 403,
      code: 'ESIA-007003',
      message: DEMO_REFUSED,
    });
  });

  it('keeps registrations in the snapshot; reset keeps the ones the sandbox was made with and drops the rest', async () => {
    const sb = await sandbox();
    await sb.esiaClients.create(VENDOR);
    const snapshot = await sb.snapshot();
    expect(snapshot.clients).toEqual([FROM_SPEC, VENDOR]);
    await sb.esiaClients.delete('VENDOR01');
    await sb.restore(snapshot);
    expect((await sb.esiaClients.list()).map((c) => c.clientId)).toEqual(['EDUSIM', 'CONFIGURED1', 'VENDOR01']);
    await sb.reset();
    expect((await sb.esiaClients.list()).map((c) => c.clientId)).toEqual(['EDUSIM', 'CONFIGURED1']);
    // A version 2 snapshot (before logins were kept) brings its clients back as well.
    const older: Record<string, unknown> = { ...snapshot, version: 2 };
    delete older['logins'];
    await sb.restore(older as typeof snapshot);
    expect((await sb.esiaClients.list()).map((c) => c.clientId)).toEqual(['EDUSIM', 'CONFIGURED1', 'VENDOR01']);
  });
});
