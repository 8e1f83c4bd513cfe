import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Catalogue, createWorld } from '../../seeds/index.ts';
import { applyLive, fullNameOf, logIn, newSandbox, screenshots, startBrowserFixture, type BrowserFixture } from './browser-fixture.ts';

// The ЦОК library in Chromium: browse by subject and grade, search, open an item, read its access
// check (who must act, what to do), fix it live as a trainer would, and open the lesson.
describe('the ЦОК library in Chromium', () => {
  const world = createWorld({ seed: 42, scale: 'demo' });
  const catalogue = new Catalogue();
  let fixture: BrowserFixture;

  beforeAll(async () => {
    fixture = await startBrowserFixture(world);
  });
  afterAll(async () => fixture?.close());

  it('a pupil browses, searches, opens a lesson: the parent must give the permission; fixed live, the lesson opens', async () => {
    const { base, id } = await newSandbox(fixture.server);
    const shot = screenshots('library-browse-lesson-access');
    const page = await (await fixture.browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    try {
      await logIn(page, base, fullNameOf(world, 'pupil-no-permission'));
      await Promise.all([
        page.waitForURL(`${base}/library`),
        page.getByRole('navigation', { name: 'Разделы' }).getByRole('link', { name: 'Библиотека ЦОК' }).click(),
      ]);
      expect(await page.getByRole('status').textContent()).toBe(`Найдено ${catalogue.size.toLocaleString('ru-RU')} материалов, показаны 1–20.`);
      await page.getByLabel('Предмет').selectOption({ label: 'Математика' });
      await page.getByLabel('Класс').selectOption({ label: '5 класс' });
      await page.getByLabel('Слова из названия или темы').fill('дроби');
      await Promise.all([page.waitForURL('**/library?role=PUPIL&subject=MAT&grade=5&q=**'), page.getByRole('button', { name: 'Найти' }).click()]);
      const found = catalogue.search({ subject: 'MAT', grade: 5, search: 'дроби' });
      expect(found.length).toBe(320);
      expect(await page.getByRole('status').textContent()).toBe('Найдено 320 материалов, показаны 1–20.');
      const first = catalogue.item(found[0] ?? -1);
      await shot(page, '1-search-results');

      await Promise.all([page.waitForURL(`**/library/${first?.id}**`), page.locator(`li[data-item="${first?.id}"] a`).click()]);
      expect(await page.locator('h1').textContent()).toBe('Обыкновенные дроби. 5 класс, часть 1');
      const permission = page.locator('li[data-check="LESSON_PERMISSION"]');
      expect(await permission.getAttribute('data-passed')).toBe('false');
      expect(await permission.innerText()).toBe(
        '✗ Разрешение на уроки ЦОК\n— не выполнено\n\nНет разрешения на использование уроков ЦОК.\nКто должен действовать: родитель.\nЧто сделать: Родитель устанавливает приложение «Моя школа» и даёт разрешение ребёнку.',
      );
      expect(await page.locator('li[data-passed="true"]').count()).toBe(3);
      await page.getByRole('button', { name: 'Открыть урок' }).click();
      await page.waitForURL('**done=refused**');
      expect(await page.getByRole('alert').textContent()).toBe('Урок не открылся: не выполнены условия доступа. Ниже сказано, кто и что должен сделать.');
      await shot(page, '2-access-check-red');

      // The trainer applies the fix (the parent gives the permission); the page, reloaded, turns green.
      await applyLive(fixture.server, id, 'lesson-permission-given', { persona: 'pupil-no-permission' });
      await page.getByRole('button', { name: 'Открыть урок' }).click();
      await page.waitForURL('**done=opened**');
      expect(await page.getByRole('status').textContent()).toBe('Урок открыт: «Моя школа» записала открытие, оно учтено в показателях использования ЦОК.');
      expect(await page.locator('[data-allowed]').getAttribute('data-allowed')).toBe('true');
      await shot(page, '3-lesson-opened');
      await Promise.all([page.waitForURL('**/library?**'), page.getByRole('link', { name: '← К списку материалов' }).click()]);
      expect(await page.getByRole('status').textContent()).toBe('Найдено 320 материалов, показаны 1–20.');
    } finally {
      await page.context().close();
    }
  });
});
