import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld } from '../../seeds/index.ts';
import { fullNameOf, newSandbox, screenshots, scrollWidth, startBrowserFixture, type BrowserFixture } from '../cabinet/browser-fixture.ts';

// The vendor's dance in Chromium: a client registered over HTTP, ESIA's login page with the
// sandbox's own callback as redirect URI, the code on the callback page, «Обменять код», the tokens checked.
describe('the callback page in Chromium', () => {
  const world = createWorld({ seed: 42, scale: 'demo' });
  let fixture: BrowserFixture;

  beforeAll(async () => {
    fixture = await startBrowserFixture(world);
  });
  afterAll(async () => fixture?.close());

  it('logs a vendor client in with /_edusim/callback and shows both tokens passing every check', async () => {
    const { base } = await newSandbox(fixture.server);
    const registered = await fetch(`${base}/esia/sim/clients`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ clientId: 'VENDOR01', redirectUris: ['https://vendor.example/cb'], scopes: [] }),
    });
    expect(registered.status).toBe(201);
    const callback = `${base}/_edusim/callback`;
    const query = new URLSearchParams({
      client_id: 'VENDOR01',
      redirect_uri: callback,
      scope: 'openid fullname',
      response_type: 'code',
      state: 'f918e3be-664e-45db-b5a2-adbf5d6ae3f6',
      timestamp: '2026.11.23 10:00:00 +0300',
      client_secret: 'x',
    });
    const shot = screenshots('workbench-callback');
    const page = await (await fixture.browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    try {
      await page.goto(`${base}/esia/aas/oauth2/v2/ac?${query.toString()}`);
      await Promise.all([page.waitForURL(`${callback}?**`), page.getByRole('button', { name: `Войти: ${fullNameOf(world, 'teacher-with-rights')}` }).click()]);
      expect(await page.locator('[data-state]').textContent()).toBe('f918e3be-664e-45db-b5a2-adbf5d6ae3f6');
      expect(await page.locator('[data-code]').textContent()).toBe(new URL(page.url()).searchParams.get('code'));
      expect(await page.getByLabel('client_id').inputValue()).toBe('VENDOR01');
      await page.setViewportSize({ width: 390, height: 800 });
      expect(await scrollWidth(page)).toBeLessThanOrEqual(390);
      await shot(page, 'code-390');
      await page.setViewportSize({ width: 1280, height: 900 });
      await Promise.all([page.waitForURL(callback), page.getByRole('button', { name: 'Обменять код' }).click()]);
      expect(await page.locator('.notice').textContent()).toBe('Код обменян для системы VENDOR01.');
      expect(await page.locator('[data-token]').evaluateAll((lists) => lists.map((l) => l.getAttribute('data-token')))).toEqual(['access_token', 'id_token']);
      expect(
        await page.locator('li[data-check]').evaluateAll((items) => items.map((i) => `${i.getAttribute('data-check')}:${i.getAttribute('data-passed')}`)),
      ).toEqual(['signature:true', 'iss:true', 'aud:true', 'exp:true', 'signature:true', 'iss:true', 'aud:true', 'exp:true']);
      expect(await page.evaluate('document.scripts.length')).toBe(0);
      expect(await scrollWidth(page)).toBeLessThanOrEqual(1280);
      await shot(page, 'tokens');
    } finally {
      await page.context().close();
    }
  });
});
