/**
 * The typed SDK (`edusim/client`) against `edusim/msw`: pointed at the handlers' base URL it works
 * with no server — through msw's interception of the global `fetch`, or through `handle()` given
 * to it as its `fetch`, with no msw at all.
 */
import { Edusim, GraphQLResponseError } from 'edusim/client';
import { createEdusimHandlers } from 'edusim/msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, expect, it } from 'vitest';

const edusim = await createEdusimHandlers({ seed: 42 });
const server = setupServer(...edusim.handlers);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(async () => {
  server.close();
  await edusim.close();
});

it('drives a sandbox with the SDK through msw: login, GraphQL, the clock', async () => {
  const client = new Edusim({ url: edusim.baseUrl });
  const sandbox = await client.createSandbox({ id: 'sdk-msw', clock: { at: '2026-11-23T10:00:00+03:00', frozen: true } });
  expect(sandbox.urls.graphql).toBe('http://edusim.test/sandboxes/sdk-msw/graphql');

  const pupil = await sandbox.login('pupil-child-account', { consent: true });
  const { data } = await pupil.graphql<{ me: { fullName: string; registry: { memberships: { class: { name: string } }[] } } }>(
    '{ me { fullName registry { memberships { class { name } } } } }',
  );
  expect(data.me).toEqual({ fullName: 'Никонов Павел Борисович', registry: { memberships: [{ class: { name: '3А' } }] } });

  expect((await sandbox.clock.advance('PT2H')).now).toBe('2026-11-23T09:00:00.000Z');
  const expired = await pupil.graphql('{ me { oid } }').catch((error: unknown) => error);
  expect(expired).toBeInstanceOf(GraphQLResponseError);
  expect((expired as GraphQLResponseError).code).toBe('UNAUTHENTICATED');
  await sandbox.delete();
});

it('works without msw when handed handle() as its fetch', async () => {
  const client = new Edusim({ url: edusim.baseUrl, fetch: (input, init) => edusim.handle(new Request(input, init)) });
  server.close(); // nothing intercepts the global fetch now
  try {
    expect((await client.health()).status).toBe('ok');
    const teacher = await client.sandbox('default').login('teacher-with-rights');
    expect((await teacher.graphql<{ me: { oid: string } }>('{ me { oid } }')).data.me.oid).toBe('1861968956');
  } finally {
    server.listen({ onUnhandledRequest: 'error' });
  }
});
