import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../pages/launch-browser.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, findPersona } from '../../seeds/index.ts';
import { startServer, type RunningServer } from '../index.ts';

// The «Моя школа» cabinet in a real browser (Debian's Chromium), in a sandbox of its own (the
// /sandboxes/<id>/ prefix), keyboard first. End states are saved as screenshots.
export const SCREENSHOTS = 'test-results/screenshots';
const CLOCK = { at: '2026-11-23T10:00:00+03:00', frozen: true };

describe('the «Моя школа» cabinet in Chromium', () => {
  const world = createWorld({ seed: 42, scale: 'demo' });
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    server = await startServer(world, { port: 0, host: '127.0.0.1' }, { clock: CLOCK });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function sandbox(scenarios: unknown[] = []): Promise<string> {
    const answer = await fetch(`${server.url}/_edusim/sandboxes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ clock: CLOCK, scenarios }),
    });
    return `${server.url}/sandboxes/${((await answer.json()) as { id: string }).id}`;
  }

  /** Tabs to the link or button with this name and presses Enter: the page works from the keyboard. */
  async function keyboardActivate(page: Page, name: string): Promise<void> {
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      const focused = String(await page.evaluate("document.activeElement?.innerText?.trim() ?? ''"));
      if (focused === name) {
        await page.keyboard.press('Enter');
        return;
      }
    }
    throw new Error(`«${name}» is not reachable with Tab`);
  }

  const fullName = (handle: string) => {
    const { person } = findPersona(world, handle);
    return `${person.lastName} ${person.firstName} ${person.middleName}`;
  };

  it('a pupil under 14: the parent gives the consent, then the pupil sees her week', async () => {
    const base = await sandbox();
    const pupil = findPersona(world, 'pupil-child-account').person;
    const parent = world.personByOid(pupil.account?.linkedParentOids[0] ?? 0);
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    try {
      await page.goto(`${base}/`);
      await Promise.all([page.waitForURL('**/esia/aas/oauth2/v2/ac**'), keyboardActivate(page, 'Войти через Госуслуги')]);
      await Promise.all([page.waitForURL(`${base}/`), page.getByRole('button', { name: `Войти: ${fullName('pupil-child-account')}` }).click()]);
      expect(await page.locator('h1').textContent()).toBe(`Здравствуйте, ${fullName('pupil-child-account')}`);
      expect(await page.locator('#consent-h').textContent()).toBe('Нужно согласие родителя');
      expect(await page.locator('li[data-step="2"]').getAttribute('data-status')).toBe('failed');

      // The parent logs in on ESIA with their own account (found by oid) and gives the consent.
      await Promise.all([page.waitForURL('**/esia/sim/session**'), page.getByRole('link', { name: 'Родителю: войти и дать согласие' }).click()]);
      await page.getByLabel('oid').fill(String(parent?.account?.oid));
      await Promise.all([page.waitForURL('**/consent/page**'), page.getByRole('button', { name: 'Найти и войти' }).click()]);
      expect(await page.locator('h1').textContent()).toBe(`Согласия: ${parent?.lastName} ${parent?.firstName} ${parent?.middleName}`);
      const card = page.locator(`section.grant[data-subject="${pupil.account?.oid}"]`);
      await card.getByLabel('Срок согласия').selectOption({ label: 'на 1 год' });
      await Promise.all([page.waitForURL('**/consent/page?done=granted**'), card.getByRole('button', { name: 'Дать согласие' }).click()]);
      expect(await page.getByRole('status').textContent()).toBe(
        `Согласие дано: «Передача данных в «Моя школа»: школа, класс, роль, дневник» — данные ${fullName('pupil-child-account')}, действует до 23.11.2027 10:00.`,
      );
      await page.screenshot({ path: `${SCREENSHOTS}/consent-given-by-parent.png`, fullPage: true });

      // Back in the pupil's cabinet: her week.
      await Promise.all([
        page.waitForURL((url) => `${url.origin}${url.pathname}` === `${base}/`),
        page.getByRole('link', { name: '← Вернуться в «Моя школа»', exact: true }).click(),
      ]);
      expect(await page.locator('#consent').count()).toBe(0);
      expect(await page.locator('li[data-status="ok"]').count()).toBe(6);
      const monday = page.locator('.day[data-date="2026-11-23"]');
      expect(await monday.locator('h3').textContent()).toBe('Понедельник, 23 ноября');
      expect(await monday.locator('.lesson').nth(1).innerText()).toContain('Домашнее задание: § 10, упр. 68 (письменно)');
      await page.screenshot({ path: `${SCREENSHOTS}/pupil-week.png`, fullPage: true });
      await page.setViewportSize({ width: 390, height: 844 });
      expect(Number(await page.evaluate('document.documentElement.scrollWidth'))).toBeLessThanOrEqual(390);
      await page.screenshot({ path: `${SCREENSHOTS}/pupil-week-390px.png`, fullPage: true });
      await Promise.all([page.waitForURL('**week=2026-11-16**'), page.getByRole('link', { name: '← Предыдущая неделя' }).click()]);
      expect(await page.locator('nav.week b').textContent()).toBe('16 ноября — 22 ноября 2026');
    } finally {
      await context.close();
    }
  });

  it('a teacher who is also a parent picks a role and switches', async () => {
    const teacher = findPersona(world, 'teacher-parent').person;
    const child = world.personById(teacher.memberships.find((m) => m.role === 'parent')?.childIds[0] ?? '');
    const base = await sandbox([
      { name: 'consent-granted', params: { persona: 'teacher-parent' } },
      { name: 'consent-granted', params: { oid: child?.account?.oid } },
    ]);
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    try {
      await page.goto(`${base}/`);
      await Promise.all([page.waitForURL('**/esia/aas/oauth2/v2/ac**'), page.getByRole('link', { name: 'Войти через Госуслуги' }).click()]);
      await Promise.all([page.waitForURL(`${base}/`), page.getByRole('button', { name: `Войти: ${fullName('teacher-parent')}` }).click()]);
      expect(await page.locator('#role-h').textContent()).toBe('Выберите роль');
      await Promise.all([page.waitForURL('**role=TEACHER**'), page.getByRole('link', { name: 'Учитель' }).first().click()]);
      expect(await page.locator('.membership[data-current="true"] h3').innerText()).toContain('Учитель');
      await page.screenshot({ path: `${SCREENSHOTS}/teacher-parent-as-teacher.png`, fullPage: true });
      await Promise.all([page.waitForURL('**role=PARENT**'), page.getByRole('navigation', { name: 'Роль' }).getByRole('link', { name: 'Родитель' }).click()]);
      expect(await page.getByRole('navigation', { name: 'Ребёнок' }).getByRole('link').first().getAttribute('aria-current')).toBe('page');
      expect(await page.locator('li[data-status="ok"]').count()).toBe(6);
      expect(await page.locator('.entry h3').first().innerText()).toContain(`${child?.lastName} ${child?.firstName}`);
      await page.screenshot({ path: `${SCREENSHOTS}/teacher-parent-as-parent.png`, fullPage: true });
      await Promise.all([page.waitForURL(`${base}/`), page.getByRole('button', { name: 'Выйти' }).click()]);
      expect(await page.getByRole('link', { name: 'Войти через Госуслуги' }).count()).toBe(1);
    } finally {
      await context.close();
    }
  });
});
