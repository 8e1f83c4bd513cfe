import { createServer, type Server } from 'node:http';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from './pages/launch-browser.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodePermissions } from '../mocks/index.ts';
import { createWorld, findPersona } from '../seeds/index.ts';
import { startServer, type RunningServer } from './index.ts';

// The ESIA login, consent and consent-management pages in a real browser (Debian's Chromium).
let CALLBACK = '';
const STATE = 'f918e3be-664e-45db-b5a2-adbf5d6ae3f6';

describe('ESIA pages in Chromium', () => {
  const world = createWorld({ seed: 42, scale: 'demo' });
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let client: Server;

  beforeAll(async () => {
    server = await startServer(world, { port: 0, host: '127.0.0.1' });
    browser = await launchBrowser();
    page = await browser.newPage();
    // The client system whose callback ESIA redirects to (the demo client accepts any localhost redirect).
    client = createServer((_request, response) => response.writeHead(200, { 'content-type': 'text/html' }).end('<title>callback</title>'));
    await new Promise<void>((resolve) => client.listen(0, '127.0.0.1', resolve));
    const address = client.address();
    CALLBACK = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/callback`;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    client?.close();
  });

  const authorizeUrl = (extra: Record<string, string> = {}) =>
    `${server.url}/esia/aas/oauth2/v2/ac?${new URLSearchParams({ client_id: 'EDUSIM', redirect_uri: CALLBACK, scope: 'openid fullname', response_type: 'code', state: STATE, timestamp: '2026.11.23 10:00:00 +0300', client_secret: 'x', ...extra })}`;

  it('logs a persona in with one click and returns to the client with a code', async () => {
    await page.goto(authorizeUrl());
    expect(await page.locator('h1').textContent()).toBe('Вход для системы EDUSIM');
    const { person } = findPersona(world, 'teacher-with-rights');
    const card = page.locator('form.persona', { hasText: `${person.lastName} ${person.firstName} ${person.middleName}` });
    await Promise.all([page.waitForURL(`${CALLBACK}**`), card.getByRole('button', { name: 'Войти' }).click()]);
    const url = new URL(page.url());
    expect(url.searchParams.get('state')).toBe(STATE);
    expect(url.searchParams.get('code')).toMatch(/^eyJ[\w-]+\.[\w-]+\.[\w-]+$/);
  });

  it('shows an error in the page for a person who cannot log in, and finds one by SNILS', async () => {
    await page.goto(authorizeUrl());
    await page.fill('input[name="oid"]', '12ab');
    await page.getByRole('button', { name: 'Найти и войти' }).click();
    expect(await page.getByRole('alert').textContent()).toBe('oid «12ab» — ожидаются цифры, например 1000299681');
    const { person } = findPersona(world, 'parent-two-schools');
    await page.fill('input[name="snils"]', person.snils);
    await Promise.all([page.waitForURL(`${CALLBACK}**`), page.getByRole('button', { name: 'Найти и войти' }).click()]);
    expect(new URL(page.url()).searchParams.get('code')).toBeTruthy();
  });

  it('asks for consent, records it on «Разрешить», and lets the person revoke it on the consents page', async () => {
    const permissions = encodePermissions([
      { sysname: 'EDUSIM_MYSCHOOL_TRANSFER', expireMinutes: 1440, actions: ['ALL_ACTIONS_TO_DATA'], purposes: ['EDU_JOURNAL'], scopes: ['fullname'] },
    ]);
    await page.goto(authorizeUrl({ permissions }));
    const { person } = findPersona(world, 'teacher-no-rights');
    await page
      .locator('form.persona', { hasText: `${person.lastName} ${person.firstName}` })
      .getByRole('button', { name: 'Войти' })
      .click();
    expect(await page.locator('h1').textContent()).toBe('Система EDUSIM запрашивает права доступа');
    await Promise.all([page.waitForURL(`${CALLBACK}**`), page.getByRole('button', { name: 'Разрешить' }).click()]);
    const oid = person.account?.oid ?? 0;
    await page.goto(`${server.url}/consent/page?oid=${oid}`);
    expect(await page.locator('tbody tr td').nth(5).textContent()).toBe('действует');
    await page.getByRole('button', { name: 'Отозвать' }).click();
    await page.waitForLoadState();
    expect(await page.locator('tbody tr td').nth(5).textContent()).toBe('отозвано');
    expect(server.app.sandbox.consents.active(oid, 'EDUSIM_MYSCHOOL_TRANSFER')).toBeUndefined();
  });

  it('sends a browser without an ESIA session from the consents page to the ESIA login and back', async () => {
    const fresh = await browser.newContext();
    try {
      const tab = await fresh.newPage();
      await tab.goto(`${server.url}/consent/page`);
      expect(new URL(tab.url()).pathname).toBe('/esia/sim/session');
      const { person } = findPersona(world, 'pupil-teen-unlinked');
      await Promise.all([
        tab.waitForURL(`${server.url}/consent/page**`),
        tab
          .locator('form.persona', { hasText: `${person.lastName} ${person.firstName}` })
          .getByRole('button', { name: 'Войти' })
          .click(),
      ]);
      expect(await tab.locator('h1').textContent()).toBe(`Согласия: ${person.lastName} ${person.firstName} ${person.middleName}`);
    } finally {
      await fresh.close();
    }
  });
});
