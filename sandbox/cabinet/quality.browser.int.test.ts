import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld } from '../../seeds/index.ts';
import { fullNameOf, keyboardActivate, newSandbox, screenshots, scrollWidth, startBrowserFixture, type BrowserFixture } from './browser-fixture.ts';

// Large type for projectors and a phone's width (390 px) on every page a trainer shows: the front
// page, ESIA's login page, the cabinet, the library, an item, the indicators. Nothing scrolls
// sideways, every control has a label, and the choice of large type persists across pages.
describe('large type and 390 px in Chromium', () => {
  const world = createWorld({ seed: 42, scale: 'demo' });
  let fixture: BrowserFixture;

  beforeAll(async () => {
    fixture = await startBrowserFixture(world);
  });
  afterAll(async () => fixture?.close());

  const isLarge = (page: Page) => page.evaluate("document.documentElement.classList.contains('large')");
  /** Form controls a person fills in that have neither a <label> nor an aria-label. */
  const unlabelled = (page: Page) =>
    page.evaluate(
      "[...document.querySelectorAll('input:not([type=hidden]),select,textarea')].filter((e) => e.labels.length === 0 && !e.getAttribute('aria-label')).map((e) => e.name)",
    );

  it('switches large type on from the keyboard, keeps it on every page, and nothing scrolls sideways at 390 px', async () => {
    const { base } = await newSandbox(fixture.server);
    const shot = screenshots('large-type-390px');
    const page = await (await fixture.browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
    const check = async (name: string) => {
      expect([name, await isLarge(page), (await scrollWidth(page)) <= 390, await unlabelled(page)]).toEqual([name, true, true, []]);
      await shot(page, name);
    };
    try {
      await page.goto(`${base}/`);
      expect(await isLarge(page)).toBe(false);
      await keyboardActivate(page, 'Крупный шрифт');
      await page.waitForFunction("document.documentElement.classList.contains('large')");
      await check('1-front-page');

      await Promise.all([page.waitForURL('**/esia/aas/oauth2/v2/ac**'), page.getByRole('link', { name: 'Войти через Госуслуги' }).click()]);
      expect(await page.getByRole('button', { name: 'Обычный шрифт' }).count()).toBe(1);
      await check('2-esia-login');

      await Promise.all([page.waitForURL(`${base}/`), page.getByRole('button', { name: `Войти: ${fullNameOf(world, 'teacher-with-rights')}` }).click()]);
      await check('3-cabinet');

      await page.goto(`${base}/library`);
      // The filters from the keyboard: type the words in their field, then Tab to «Найти» and Enter.
      await page.getByLabel('Слова из названия или темы').focus();
      await page.keyboard.type('дроби');
      await Promise.all([page.waitForURL('**q=%D0%B4%D1%80%D0%BE%D0%B1%D0%B8**'), keyboardActivate(page, 'Найти')]);
      expect(await page.getByRole('status').textContent()).toBe('Найдено 621 материал, показаны 1–20.');
      await page.goto(`${base}/library?subject=MAT&grade=5`);
      await check('4-library');
      await Promise.all([page.waitForURL('**/library/MAT-05-0001**'), page.locator('li[data-item="MAT-05-0001"] a').click()]);
      await check('5-library-item');

      await page.goto(`${base}/indicators`);
      await check('6-indicators');

      await page.getByRole('link', { name: 'Обычный шрифт' }).click();
      await page.waitForFunction("!document.documentElement.classList.contains('large')");
      expect(page.url()).toBe(`${base}/indicators`);
    } finally {
      await page.context().close();
    }
  });

  it('an unknown page, an unknown sandbox, the library before a login and a bad region are Russian pages, not JSON', async () => {
    const { base } = await newSandbox(fixture.server);
    const page = await (await fixture.browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
    try {
      expect((await page.goto(`${base}/nowhere`))?.status()).toBe(404);
      expect(await page.locator('h1').textContent()).toBe('Страница не найдена');
      expect((await page.goto(`${base}-gone/`))?.status()).toBe(404);
      expect(await page.locator('h1').textContent()).toBe('Песочница не найдена');
      expect(await scrollWidth(page)).toBeLessThanOrEqual(390);
      expect((await page.goto(`${base}/library/MAT-99-0001`))?.status()).toBe(200);
      expect(await page.getByRole('alert').textContent()).toBe('Библиотека ЦОК открывается после входа: войдите через Госуслуги.');
      expect((await page.goto(`${base}/indicators?region=99`))?.status()).toBe(400);
      expect(await page.getByRole('alert').textContent()).toBe('Региона «99» нет в мире этой песочницы. Откройте показатели без параметра region.');
      expect(await scrollWidth(page)).toBeLessThanOrEqual(390);
    } finally {
      await page.context().close();
    }
  });
});
