import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld } from '../../seeds/index.ts';
import { newSandbox, screenshots, startBrowserFixture, type BrowserFixture } from '../cabinet/browser-fixture.ts';
import type { IndicatorsReport } from '../indicators/schema.ts';

// The indicators page in Chromium, reached from the cabinet's front page: every figure read off
// the page equals the API's, and each chart is an image with a title and a description.
describe('the indicators page in Chromium', () => {
  const world = createWorld({ seed: 42, scale: 'demo' });
  let fixture: BrowserFixture;

  beforeAll(async () => {
    fixture = await startBrowserFixture(world);
  });
  afterAll(async () => fixture?.close());

  const percent = (share: number | null) => (share === null ? '—' : `${String(share).replace('.', ',')}\u00a0%`);

  it('shows the region, its municipalities and schools with the numbers of GET …/indicators', async () => {
    const { base, id } = await newSandbox(fixture.server);
    const api = async (level: string) =>
      (await (await fetch(`${fixture.server.url}/_edusim/sandboxes/${id}/indicators?level=${level}`)).json()) as IndicatorsReport;
    const shot = screenshots('indicators-against-api');
    const page = await (await fixture.browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    try {
      await page.goto(`${base}/`);
      await Promise.all([page.waitForURL(`${base}/indicators`), page.getByRole('link', { name: 'показатели региона', exact: true }).click()]);
      const region = await api('region');
      const c = region.rows[0]?.childAccounts;
      expect(await page.locator('h1').textContent()).toBe(`Показатели региона: ${region.region.name} (${region.region.code})`);
      expect(await page.locator('[data-region-share]').getAttribute('data-region-share')).toBe(percent(c?.share ?? null));
      expect(await page.locator('p.headline b').allTextContents()).toEqual([percent(c?.share ?? null), c?.grade]);
      for (const level of ['municipality', 'school']) {
        for (const row of (await api(level)).rows) {
          const cells = page.locator(`#child-accounts tr[data-id="${row.id}"] td`);
          expect(await cells.allTextContents()).toEqual([
            String(row.childAccounts.pupils),
            String(row.childAccounts.k10to14),
            String(row.childAccounts.k14to18),
            percent(row.childAccounts.share),
            row.childAccounts.grade ?? '—',
          ]);
        }
      }
      const charts = page.getByRole('img');
      expect(await charts.count()).toBe(5);
      for (const chart of await charts.all()) {
        expect(await chart.evaluate((svg) => svg.tagName)).toBe('svg');
        expect((await chart.locator('title').textContent())?.length).toBeGreaterThan(10);
      }
      const usage = page.getByRole('img', { name: 'Использование библиотеки ЦОК в регионе, цель 80 %' });
      expect(await usage.locator('[data-bar]').evaluateAll((bars) => bars.map((b) => b.getAttribute('data-bar')))).toEqual(['Учителя', 'Ученики']);
      const demand = await api('region');
      for (const subject of demand.contentDemand.bySubject.slice(0, 3)) {
        const cells = page.locator(`#content-demand tr[data-subject="${subject.subjectCode}"] td`);
        expect((await cells.allTextContents()).map((t) => t.replaceAll('\u00a0', ''))).toEqual([String(subject.available), String(subject.opened)]);
      }
      const ranked = await page.locator('#activity-ranking tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-id')));
      expect(ranked).toEqual(region.activity.ranking.slice(0, 20).map((s) => s.id));
      await shot(page, 'indicators');
    } finally {
      await page.context().close();
    }
  });
});
