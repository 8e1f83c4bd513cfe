/**
 * Missing citizenship is a registry failure: the ГИС РУО record of pupil-no-citizenship has none,
 * while the child account a parent created in ESIA keeps the child's citizenship.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, findPersona, type Person } from '../seeds/index.ts';
import { createApp, type App } from './index.ts';

describe('citizenship in the registry and in ESIA', () => {
  const world = createWorld({ seed: 42, scale: 'demo' });
  const missing = findPersona(world, 'pupil-no-citizenship').person;
  const present = findPersona(world, 'pupil-child-account').person;
  let app: App;
  beforeAll(async () => {
    app = await createApp({ world, clock: { at: '2026-11-23T09:00:00+03:00', frozen: true }, dateChosen: true });
  });
  afterAll(() => app.fastify.close());

  /** The pupil's ESIA person payload and their ГИС РУО record through the gateway, in a fresh sandbox. */
  async function lookUp(pupil: Person) {
    const oid = pupil.account?.oid ?? 0;
    const created = await app.fastify.inject({ method: 'POST', url: '/_edusim/sandboxes', payload: { scale: 'demo', seed: 42, date: '2026-11-23' } });
    const id = (JSON.parse(created.body) as { id: string }).id;
    const sandbox = app.registry.live(id);
    if (!sandbox) throw new Error(`no sandbox ${id}`);
    sandbox.consents.grantTransfer(oid, pupil.account?.linkedParentOids);
    const token = (await sandbox.esia.mint(oid, 'EDUSIM', 'openid fullname')).access_token;
    const headers = { authorization: `Bearer ${token}`, 'x-edusim-sandbox': id };
    const esia = await app.fastify.inject({ method: 'GET', url: `/sandboxes/${id}/esia/rs/prns/${oid}`, headers });
    const graphql = await app.fastify.inject({
      method: 'POST',
      url: '/graphql',
      headers: { ...headers, 'content-type': 'application/json' },
      payload: JSON.stringify({ query: '{ me { registry { citizenship region { code } } } }' }),
    });
    return { esia: JSON.parse(esia.body) as Record<string, unknown>, registry: JSON.parse(graphql.body) as unknown };
  }

  it('leaves the registry record of pupil-no-citizenship without citizenship, while its parent-created ESIA account has RUS', async () => {
    expect([missing.citizenship, missing.registryCitizenship, missing.account?.createdByParent]).toEqual(['RUS', null, true]);
    const { esia, registry } = await lookUp(missing);
    expect([esia['citizenship'], esia['kidAccCreatedByParent']]).toEqual(['RUS', true]);
    expect(registry).toEqual({ data: { me: { registry: { citizenship: null, region: { code: '36' } } } } });
  });

  it('gives a pupil with a complete record RUS in both', async () => {
    const { esia, registry } = await lookUp(present);
    expect(esia['citizenship']).toBe('RUS');
    expect(registry).toEqual({ data: { me: { registry: { citizenship: 'RUS', region: { code: '36' } } } } });
  });
});
