/**
 * The school app (`school-app.ts`) against edusim — ESIA, the consent platform, «Моя школа» and the
 * regional diary — served in-process by msw: no server, no port. The world is seeded, so the
 * answers are exact.
 */
import { createEdusimHandlers } from 'edusim/msw';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginInBrowser, SchoolApp } from './school-app.ts';

const config = {
  esia: 'https://esia-portal1.test.gosuslugi.ru',
  gateway: 'https://myschool.test/graphql',
  consent: 'https://consent.test/api',
  clientId: 'EDUSIM', // edusim's demo client: any redirect to localhost
  redirectUri: 'http://localhost:3000/callback',
};

// The whole platform on a seeded world, each system at the URL the app is configured with.
const edusim = await createEdusimHandlers({ seed: 42, origins: { esia: config.esia, gateway: config.gateway, consent: config.consent } });
const server = setupServer(...edusim.handlers);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(async () => {
  server.close();
  await edusim.close();
});

describe('a school app logs a pupil in through ESIA and reads the week from «Моя школа»', () => {
  const app = new SchoolApp(config);

  it('logs in with PKCE, gives the consent «Моя школа» asks for, and gets the week', async () => {
    const pending = await app.startLogin();
    expect(pending.url).toMatch(/^https:\/\/esia-portal1\.test\.gosuslugi\.ru\/aas\/oauth2\/v2\/ac\?client_id=EDUSIM&/);

    const callback = await loginInBrowser(pending.url, 'pupil-teen-unlinked');
    expect(callback).toMatch(/^http:\/\/localhost:3000\/callback\?code=eyJ[\w.-]+&state=/);

    const token = await app.finishLogin(callback, pending);
    const flow = await app.flow(token, { from: '2026-11-16', to: '2026-11-20' });

    expect(flow).toMatchObject({ fullName: 'Емельянов Марк Александрович', region: '36', school: 'МАОУ «Гимназия № 4»', className: '10А' });
    expect(flow.lessons).toHaveLength(28);
    expect(flow.lessons[0]).toEqual({ date: '2026-11-16', subject: 'Разговоры о важном', marks: [] });
    expect(flow.lessons.flatMap((l) => l.marks.map((m) => m.value))).toEqual(['4', '3', '3', '4', '3', '3', '4', '4', '3', '4', '4', '5', '4']);
    // He registered himself at 14 and no parent linked his account: no ЦОК lessons until one does.
    expect(flow.lessonAccess).toEqual({ allowed: false, failed: ['PARENT_LINK'] });
  });

  it('is refused by ESIA when the login is replayed: a code is single-use', async () => {
    const pending = await app.startLogin();
    const callback = await loginInBrowser(pending.url, 'teacher-with-rights');
    await app.finishLogin(callback, pending);
    await expect(app.finishLogin(callback, pending)).rejects.toThrow('ESIA-007011');
  });
});
