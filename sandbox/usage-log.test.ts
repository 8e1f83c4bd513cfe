import { afterAll, describe, expect, it } from 'vitest';
import { createWorld, findPersona } from '../seeds/index.ts';
import { createApp } from './index.ts';

const world = createWorld({ seed: 42, scale: 'demo' });
const app = await createApp({ world });
afterAll(() => app.fastify.close());

describe('the ЦОК usage log of a sandbox', () => {
  it('keeps the newest 10 000 to 20 000 events, however many items are opened (attack: it grew without end)', async () => {
    const teacher = findPersona(world, 'teacher-with-rights').person;
    const token = (await app.sandbox.esia.mint(teacher.account?.oid ?? 0, 'EDUSIM', 'openid fullname')).access_token;
    const open = async () =>
      (
        await app.fastify.inject({
          method: 'POST',
          url: '/graphql',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          payload: JSON.stringify({ query: 'mutation { openLibraryItem(id: "PHY-08-0001") { openedAt } }' }),
        })
      ).json() as { errors?: unknown[] };
    const first = await open();
    expect(first.errors, JSON.stringify(first.errors)).toBeUndefined();
    const usage = app.sandbox.services.libraryUsage;
    usage.push(...Array.from({ length: 19_999 }, (_, i) => ({ oid: 1, itemId: 'PHY-08-0001', at: new Date(i).toISOString() })));
    expect(usage.length).toBe(20_000);
    await open();
    expect(usage.length).toBe(10_000);
    expect(usage[usage.length - 1]?.oid).toBe(teacher.account?.oid);
  });
});
