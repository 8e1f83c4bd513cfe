/**
 * For the cabinet's browser tests: edusim on a real socket (port 0) with a frozen clock, Debian's
 * Chromium, a sandbox per test, the login through ESIA's persona page, keyboard activation, and
 * screenshots of end states into `test-results/screenshots/<test name>/`.
 */
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import type { World } from '../../seeds/index.ts';
import { findPersona } from '../../seeds/index.ts';
import { startServer, type RunningServer } from '../index.ts';
import { launchBrowser } from '../pages/launch-browser.ts';

export const SCREENSHOTS = 'test-results/screenshots';
export const CLOCK = { at: '2026-11-23T10:00:00+03:00', frozen: true };

export interface BrowserFixture {
  readonly server: RunningServer;
  readonly browser: Browser;
  close(): Promise<void>;
}

export async function startBrowserFixture(world: World): Promise<BrowserFixture> {
  const server = await startServer(world, { port: 0, host: '127.0.0.1' }, { clock: CLOCK });
  const browser = await launchBrowser();
  return {
    server,
    browser,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/** A new sandbox with these creation scenarios; its base URL (`…/sandboxes/<id>`) and id. */
export async function newSandbox(server: RunningServer, scenarios: unknown[] = []): Promise<{ base: string; id: string }> {
  const answer = await fetch(`${server.url}/_edusim/sandboxes`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ clock: CLOCK, scenarios }),
  });
  if (!answer.ok) throw new Error(`[test] creating a sandbox answered ${answer.status}: ${await answer.text()}`);
  const { id } = (await answer.json()) as { id: string };
  return { base: `${server.url}/sandboxes/${id}`, id };
}

export async function applyLive(server: RunningServer, id: string, name: string, params: Record<string, unknown>): Promise<void> {
  const answer = await fetch(`${server.url}/_edusim/sandboxes/${id}/scenarios`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, params }),
  });
  if (!answer.ok) throw new Error(`[test] scenario ${name} answered ${answer.status}: ${await answer.text()}`);
}

export function fullNameOf(world: World, handle: string): string {
  const { person } = findPersona(world, handle);
  return `${person.lastName} ${person.firstName} ${person.middleName}`;
}

/** «Войти через Госуслуги» on the sandbox's front page, then the persona's «Войти» on ESIA's page, back in the cabinet. */
export async function logIn(page: Page, base: string, fullName: string): Promise<void> {
  await page.goto(`${base}/`);
  await Promise.all([page.waitForURL('**/esia/aas/oauth2/v2/ac**'), page.getByRole('link', { name: 'Войти через Госуслуги' }).click()]);
  await Promise.all([page.waitForURL(`${base}/`), page.getByRole('button', { name: `Войти: ${fullName}` }).click()]);
}

/** Tabs to the link or button with this name and presses Enter: the page works from the keyboard. */
export async function keyboardActivate(page: Page, name: string, maxTabs = 80): Promise<void> {
  for (let i = 0; i < maxTabs; i++) {
    await page.keyboard.press('Tab');
    const focused = String(await page.evaluate("document.activeElement?.innerText?.trim() ?? ''"));
    if (focused === name) {
      await page.keyboard.press('Enter');
      return;
    }
  }
  throw new Error(`«${name}» is not reachable with Tab`);
}

/** Screenshots of a test's end states: `test-results/screenshots/<test>/<name>.png`. */
export function screenshots(test: string): (page: Page, name: string) => Promise<void> {
  const folder = `${SCREENSHOTS}/${test}`;
  mkdirSync(folder, { recursive: true });
  return async (page, name) => {
    await page.screenshot({ path: `${folder}/${name}.png`, fullPage: true });
  };
}

/** The page's width as laid out: at most the viewport's when nothing scrolls sideways. */
export const scrollWidth = async (page: Page): Promise<number> => Number(await page.evaluate('document.documentElement.scrollWidth'));
