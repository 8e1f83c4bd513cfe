import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkSchedule, type Schedule } from '../mocks/index.ts';
import { createWorld, findPersona } from '../seeds/index.ts';
import { startServer, type RunningServer } from './index.ts';

describe('the sandbox server on a real socket', () => {
  const world = createWorld({ seed: 42, scale: 'demo' });
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer(world, { port: 0, host: '127.0.0.1' });
  });
  afterAll(() => server.close());

  it('serves a person by oid', async () => {
    const { person } = findPersona(world, 'teacher-with-rights');
    const response = await fetch(`${server.url}/admin/people/${person.account?.oid}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(JSON.parse(JSON.stringify(person)));
  });

  it('answers bad input and unknown paths with JSON errors, never a crash', async () => {
    const bad = await fetch(`${server.url}/admin/people/abc`);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: 'bad_request', message: 'oid "abc" is not valid: expected digits, e.g. 1000299681' });
    const missing = await fetch(`${server.url}/admin/people/1000000000`);
    expect(missing.status).toBe(404);
    const unknown = await fetch(`${server.url}/nowhere`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ error: 'not_found', message: 'GET /nowhere: no such endpoint; see GET /health for what is served' });
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
  });

  it('saves the mutable state as a versioned document and loads it back, refusing another version', async () => {
    const saved = (await (await fetch(`${server.url}/admin/state`)).json()) as {
      format: string;
      version: number;
      state: { lessonPermissions: Record<string, boolean> };
    };
    expect({ format: saved.format, version: saved.version }).toEqual({ format: 'edusim-state', version: 1 });
    const edited = { ...saved, state: { ...saved.state, lessonPermissions: { '36-pupil-86': true } } };
    const put = await fetch(`${server.url}/admin/state`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(edited) });
    expect(put.status).toBe(200);
    expect(server.app.sandbox.state.lessonPermissions.get('36-pupil-86')).toBe(true);
    const old = await fetch(`${server.url}/admin/state`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...saved, version: 2 }),
    });
    expect(old.status).toBe(400);
    expect(await old.json()).toEqual({
      error: 'bad_request',
      message: 'PUT /admin/state: state format version 2 is not supported: this edusim reads version 1',
    });
    expect(server.app.sandbox.state.lessonPermissions.get('36-pupil-86')).toBe(true);
  });

  it('rotates the ESIA signing keys and publishes both', async () => {
    const before = (await (await fetch(`${server.url}/esia/.well-known/jwks.json`)).json()) as { keys: unknown[] };
    const after = (await (await fetch(`${server.url}/esia/sim/keys/rotate`, { method: 'POST' })).json()) as { keys: unknown[] };
    expect(after.keys).toHaveLength(before.keys.length + 1);
  });

  it('serves each region’s diary on the federal contract at /diary/{region}', async () => {
    const tokenResponse = await fetch(`${server.url}/diary/36/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials&client_id=FGIS_MYSCHOOL&client_secret=myschool-secret',
    });
    const { access_token: token } = (await tokenResponse.json()) as { access_token: string };
    const { person } = findPersona(world, 'pupil-child-account');
    const response = await fetch(`${server.url}/diary/36/Schedule/${person.account?.oid}?start=2026-11-23&end=2026-11-23`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as Schedule;
    expect(checkSchedule(body)).toEqual([]);
    expect(body.school[0]?.scheduleUrl).toMatch(new RegExp(`^${server.url}/diary/36/schools/36-\\d{5}/schedule$`));
  });

  it('lists the personas with their oids', async () => {
    const personas = (await (await fetch(`${server.url}/admin/personas`)).json()) as { handle: string; oid: number | null }[];
    expect(personas.map((p) => p.handle)).toHaveLength(13);
    expect(personas.find((p) => p.handle === 'pupil-no-child-account')?.oid).toBeNull();
  });
});
