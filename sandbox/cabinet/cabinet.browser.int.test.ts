import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, findPersona, fullNameIn } from '../../seeds/index.ts';
import { fullNameOf, keyboardActivate, logIn, newSandbox, screenshots, scrollWidth, startBrowserFixture, type BrowserFixture } from './browser-fixture.ts';

// The «Моя школа» cabinet in a real browser (Debian's Chromium), in a sandbox of its own (the
// /sandboxes/<id>/ prefix), keyboard first. End states are saved as screenshots (docs/cabinet.md).
describe('the «Моя школа» cabinet in Chromium', () => {
  const world = createWorld({ seed: 42, scale: 'demo' });
  let fixture: BrowserFixture;

  beforeAll(async () => {
    fixture = await startBrowserFixture(world);
  });
  afterAll(async () => fixture?.close());

  const sandbox = async (scenarios: unknown[] = []) => (await newSandbox(fixture.server, scenarios)).base;
  const fullName = (handle: string) => fullNameOf(world, handle);
  const newPage = async (width = 1280, height = 900): Promise<Page> => (await fixture.browser.newContext({ viewport: { width, height } })).newPage();

  it('a pupil under 14: the parent gives the consent, then the pupil sees her week', async () => {
    const base = await sandbox();
    const pupil = findPersona(world, 'pupil-child-account').person;
    const parent = world.personByOid(pupil.account?.linkedParentOids[0] ?? 0);
    const shot = screenshots('pupil-under-14-parent-gives-consent');
    const page = await newPage();
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
        `Согласие дано: «Передача данных в «Моя школа»: школа, класс, роль, дневник» — данные ${fullNameIn(findPersona(world, 'pupil-child-account').person, 'genitive')}, действует до 23.11.2027 10:00.`,
      );
      await shot(page, '1-consent-given-by-parent');

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
      await shot(page, '2-pupil-week');
      await page.setViewportSize({ width: 390, height: 844 });
      expect(await scrollWidth(page)).toBeLessThanOrEqual(390);
      await shot(page, '3-pupil-week-390px');
      await Promise.all([page.waitForURL('**week=2026-11-16**'), page.getByRole('link', { name: '← Предыдущая неделя' }).click()]);
      expect(await page.locator('nav.week b').textContent()).toBe('16 ноября — 22 ноября 2026');
    } finally {
      await page.context().close();
    }
  });

  it('a teacher who is also a parent picks a role and switches', async () => {
    const teacher = findPersona(world, 'teacher-parent').person;
    const child = world.personById(teacher.memberships.find((m) => m.role === 'parent')?.childIds[0] ?? '');
    const base = await sandbox([
      { name: 'consent-granted', params: { persona: 'teacher-parent' } },
      { name: 'consent-granted', params: { oid: child?.account?.oid } },
    ]);
    const shot = screenshots('teacher-parent-switches-roles');
    const page = await newPage();
    try {
      await logIn(page, base, fullName('teacher-parent'));
      expect(await page.locator('#role-h').textContent()).toBe('Выберите роль');
      await Promise.all([page.waitForURL('**role=TEACHER**'), page.getByRole('link', { name: 'Учитель' }).first().click()]);
      expect(await page.locator('.membership[data-current="true"] h3').innerText()).toContain('Учитель');
      await shot(page, '1-as-teacher');
      await Promise.all([page.waitForURL('**role=PARENT**'), page.getByRole('navigation', { name: 'Роль' }).getByRole('link', { name: 'Родитель' }).click()]);
      expect(await page.getByRole('navigation', { name: 'Ребёнок' }).getByRole('link').first().getAttribute('aria-current')).toBe('page');
      expect(await page.locator('li[data-status="ok"]').count()).toBe(6);
      expect(await page.locator('.entry h3').first().innerText()).toContain(`${child?.lastName} ${child?.firstName}`);
      await shot(page, '2-as-parent');
      await Promise.all([page.waitForURL(`${base}/`), page.getByRole('button', { name: 'Выйти' }).click()]);
      expect(await page.getByRole('link', { name: 'Войти через Госуслуги' }).count()).toBe(1);
    } finally {
      await page.context().close();
    }
  });

  /** The first mother in the world whose children (two or more) all have ESIA accounts, so the picker lists each. */
  function parentOfTwo() {
    const people = world.region('36');
    for (let i = 0; i < people.layout.pupilCount; i++) {
      const mother = people.parent('mother', people.families.familyOfPupil(i));
      const children = (mother?.memberships.find((m) => m.role === 'parent')?.childIds ?? []).map((id) => world.personById(id));
      if (mother?.account && children.length >= 2 && children.every((c) => c?.account)) return { mother, children };
    }
    throw new Error('[test] no mother of two children with accounts in the demo world');
  }

  it("a parent with two children logs in by oid, picks each child and sees that child's week", async () => {
    const { mother, children } = parentOfTwo();
    const base = await sandbox([
      { name: 'consent-granted', params: { oid: mother.account?.oid } },
      ...children.map((c) => ({ name: 'consent-granted', params: { oid: c?.account?.oid } })),
    ]);
    const shot = screenshots('parent-with-two-children');
    const page = await newPage();
    try {
      await page.goto(`${base}/`);
      await Promise.all([page.waitForURL('**/esia/aas/oauth2/v2/ac**'), page.getByRole('link', { name: 'Войти через Госуслуги' }).click()]);
      await page.getByLabel('oid').fill(String(mother.account?.oid));
      await Promise.all([page.waitForURL(`${base}/`), page.getByRole('button', { name: 'Найти и войти' }).click()]);
      expect(await page.locator('h1').textContent()).toBe(`Здравствуйте, ${mother.lastName} ${mother.firstName} ${mother.middleName}`);
      const picker = page.getByRole('navigation', { name: 'Ребёнок' }).getByRole('link');
      expect(await picker.allInnerTexts()).toEqual(children.map((c) => `${c?.lastName} ${c?.firstName} ${c?.middleName}`));
      expect(await picker.first().getAttribute('aria-current')).toBe('page');
      expect(await page.locator('.entry h3').first().innerText()).toContain(`${children[0]?.lastName} ${children[0]?.firstName}`);
      await shot(page, '1-first-child');
      await Promise.all([page.waitForURL(`**child=${children[1]?.account?.oid}**`), picker.nth(1).click()]);
      expect(await picker.nth(1).getAttribute('aria-current')).toBe('page');
      expect(await page.locator('.entry h3').first().innerText()).toContain(`${children[1]?.lastName} ${children[1]?.firstName}`);
      expect(await page.locator('.entry').count()).toBe(1);
      expect(await page.locator('li[data-status="ok"]').count()).toBe(6);
      await shot(page, '2-second-child');
    } finally {
      await page.context().close();
    }
  });
});
