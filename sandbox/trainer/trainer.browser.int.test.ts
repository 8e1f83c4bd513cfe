import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, findPersona, fullNameIn } from '../../seeds/index.ts';
import { startServer, type RunningServer } from '../index.ts';
import { launchBrowser } from '../pages/launch-browser.ts';
import { keyboardActivate } from '../cabinet/browser-fixture.ts';

// The trainer panel in a real browser (Debian's Chromium), as a trainer drives it in front of a
// room: keyboard first, each test in a sandbox of its own. End states are saved as screenshots,
// one folder per test.
const SCREENSHOTS = 'test-results/screenshots';
const CLOCK = { at: '2026-11-23T10:00:00+03:00', frozen: true };

describe('the trainer panel in Chromium', () => {
  const world = createWorld({ seed: 42, scale: 'demo' });
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer(world, { port: 0, host: '127.0.0.1' }, { clock: CLOCK });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function sandbox(): Promise<string> {
    const answer = await fetch(`${server.url}/_edusim/sandboxes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ clock: CLOCK }),
    });
    return `${server.url}/sandboxes/${((await answer.json()) as { id: string }).id}`;
  }

  /** A page, and the folder its screenshots go to. */
  async function open(test: string): Promise<{ page: Page; shot: (name: string) => Promise<void>; close: () => Promise<void> }> {
    const folder = `${SCREENSHOTS}/${test}`;
    mkdirSync(folder, { recursive: true });
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    return { page, shot: async (name) => void (await page.screenshot({ path: `${folder}/${name}.png`, fullPage: true })), close: () => context.close() };
  }

  const fullName = (handle: string) => {
    const { person } = findPersona(world, handle);
    return `${person.lastName} ${person.firstName} ${person.middleName}`;
  };
  /** The panel's answer to an action: a new address with its own message (the current one may carry the previous action's). */
  const nextMessage = (page: Page) => {
    const before = page.url();
    return page.waitForURL((url) => url.href !== before && /&message=[\w-]+#result$/.test(url.href));
  };
  const steps = (page: Page) => page.locator('ol.flow li').evaluateAll((items) => items.map((li) => li.getAttribute('data-status')));
  const verdict = (page: Page) => page.getByTestId('verdict').innerText();

  it('a pupil without a child account: red, the child account created live, consent given, green and logged in', async () => {
    const base = await sandbox();
    const { page, shot, close } = await open('trainer-pupil-no-child-account');
    try {
      await page.goto(`${base}/demo?persona=pupil-no-child-account`);
      expect(await verdict(page)).toBe('Урок ЦОК не открывается');
      expect(await page.locator('li[data-check][data-passed="false"]').evaluateAll((lines) => lines.map((l) => l.getAttribute('data-check')))).toEqual([
        'CHILD_ACCOUNT',
        'PARENT_LINK',
        'LESSON_PERMISSION',
      ]);
      expect(await steps(page)).toEqual(['failed', 'skipped', 'skipped', 'skipped', 'skipped', 'skipped']);
      await shot('1-red');

      await Promise.all([page.waitForURL('**/demo?persona=pupil-no-child-account&message=*#result'), keyboardActivate(page, 'Создать детскую учётную запись')]);
      expect(await page.getByRole('status').innerText()).toMatch(
        new RegExp(
          `^Готово\\. Родитель \\(.+\\) создал\\(а\\) на Госуслугах детскую учётную запись \\(oid \\d{10}\\), привязанную к себе: ${fullName('pupil-no-child-account')}\\.$`,
        ),
      );
      expect(await verdict(page)).toBe('Урок ЦОК открывается');
      expect(await page.locator('li[data-check][data-passed="false"]').count()).toBe(0);
      expect(await steps(page)).toEqual(['ok', 'failed', 'skipped', 'skipped', 'skipped', 'skipped']);
      await shot('2-account-created');

      await Promise.all([nextMessage(page), page.getByRole('button', { name: 'Дать согласие на передачу данных' }).click()]);
      expect(await page.getByTestId('consent').innerText()).toBe('дано');
      expect(await steps(page)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 'ok']);
      await shot('3-green');
      await page.setViewportSize({ width: 390, height: 844 });
      expect(Number(await page.evaluate('document.documentElement.scrollWidth'))).toBeLessThanOrEqual(390);
      await shot('4-green-390px');
    } finally {
      await close();
    }
  });

  it('a teacher without library rights: chosen in one click, rights granted live, the check turns green', async () => {
    const base = await sandbox();
    const { page, shot, close } = await open('trainer-teacher-no-rights');
    try {
      await page.goto(`${base}/demo`);
      await Promise.all([
        page.waitForURL('**/demo?persona=teacher-no-rights'),
        page.getByRole('navigation', { name: 'Персоны' }).getByRole('link', { name: 'Учитель без прав на ЦОК' }).click(),
      ]);
      expect(await page.getByTestId('fullname').innerText()).toBe(fullName('teacher-no-rights'));
      const rights = page.locator('li[data-check="LIBRARY_RIGHTS"]');
      expect(await rights.getAttribute('data-passed')).toBe('false');
      expect(await rights.innerText()).toContain('Кто действует: администратор школы.');
      await shot('1-red');
      await Promise.all([nextMessage(page), rights.getByRole('button', { name: 'Выдать учителю права на ЦОК' }).click()]);
      expect(await page.getByRole('status').innerText()).toBe(
        `Готово. Школа выдала ${fullNameIn(findPersona(world, 'teacher-no-rights').person, 'dative')} права доступа к библиотеке ЦОК.`,
      );
      expect(await page.locator('li[data-check="LIBRARY_RIGHTS"]').getAttribute('data-passed')).toBe('true');
      expect(await verdict(page)).toBe('Урок ЦОК открывается');
      await shot('2-green');
    } finally {
      await close();
    }
  });

  it('«Сбросить демо» brings the start back; «Открыть демо в своей песочнице» gives a presenter a sandbox of their own', async () => {
    const base = await sandbox();
    const { page, shot, close } = await open('trainer-reset');
    try {
      await page.goto(`${base}/demo?persona=pupil-no-permission`);
      await Promise.all([nextMessage(page), page.getByRole('button', { name: 'Дать разрешение на уроки ЦОК' }).click()]);
      expect(await verdict(page)).toBe('Урок ЦОК открывается');
      await Promise.all([nextMessage(page), keyboardActivate(page, 'Сбросить демо')]);
      expect(await page.getByRole('status').innerText()).toBe(
        'Готово. Демо сброшено: песочница вернулась к началу — согласия, учётные записи, права, расписание, часы и сбои такие же, как при её создании.',
      );
      expect(await page.getByTestId('fullname').innerText()).toBe(fullName('pupil-no-permission'));
      expect(await verdict(page)).toBe('Урок ЦОК не открывается');
      await shot('1-after-reset');
      await Promise.all([page.waitForURL(/\/sandboxes\/sb-[a-z2-7]{10}\/demo$/), page.getByRole('button', { name: 'Открыть демо в своей песочнице' }).click()]);
      expect(page.url().startsWith(base)).toBe(false);
      expect(await page.locator('h1').innerText()).toBe('Панель тренера: почему не открывается урок ЦОК');
      await shot('2-own-sandbox');
    } finally {
      await close();
    }
  });
});
