import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld } from '../../seeds/index.ts';
import { InjectBrowser, pageText } from '../cabinet/inject-browser.ts';
import { createApp, type App } from '../http/app.ts';
import type { IndicatorsReport } from '../indicators/schema.ts';
import { barChart } from './bar-chart.ts';

// The indicators page through inject: the same numbers as the API, charts as SVG with a title and
// a description, a table under each, activity said to be missing while the report has none.
const world = createWorld({ seed: 42, scale: 'demo' });
const CLOCK = { at: '2026-11-23T10:00:00+03:00', frozen: true };

describe('the indicators page', () => {
  let app: App;
  beforeAll(async () => {
    app = await createApp({ world, clock: CLOCK });
  });
  afterAll(async () => app?.fastify.close());

  async function sandbox(): Promise<string> {
    const created = await app.fastify.inject({ method: 'POST', url: '/_edusim/sandboxes', payload: { clock: CLOCK } });
    return created.json<{ id: string }>().id;
  }

  it('shows the child-account share of the region, its municipalities and schools as the API reports them', async () => {
    const id = await sandbox();
    const page = await app.fastify.inject({ method: 'GET', url: `/sandboxes/${id}/indicators`, headers: { accept: 'text/html' } });
    expect([page.statusCode, page.headers['content-type']]).toEqual([200, 'text/html; charset=utf-8']);
    const words = pageText(page.body);
    const api = (level: string) =>
      app.fastify.inject({ method: 'GET', url: `/_edusim/sandboxes/${id}/indicators?level=${level}` }).then((a) => a.json<IndicatorsReport>());
    const region = await api('region');
    const c = region.rows[0]?.childAccounts;
    expect(words).toContain('Показатели региона: Воронежская область (36)');
    expect(words).toContain(`Регион: ${String(c?.share).replace('.', ',')} % — ${c?.grade} (${(c?.k10to14 ?? 0) + (c?.k14to18 ?? 0)} из ${c?.pupils})`);
    for (const level of ['municipality', 'school']) {
      for (const row of (await api(level)).rows) {
        const cells = new RegExp(
          `<tr data-id="${row.id}"><th scope="row">.*?</th><td class="num">([^<]+)</td><td class="num">([^<]+)</td><td class="num">([^<]+)</td><td class="num" data-share>([^<]+)</td><td>([^<]+)</td></tr>`,
        ).exec(page.body);
        const share = row.childAccounts.share === null ? '—' : `${String(row.childAccounts.share).replace('.', ',')}\u00a0%`;
        expect(cells?.slice(1)).toEqual([
          String(row.childAccounts.pupils),
          String(row.childAccounts.k10to14),
          String(row.childAccounts.k14to18),
          share,
          row.childAccounts.grade,
        ]);
      }
    }
    expect([...page.body.matchAll(/<svg class="chart" id="([\w-]+)" role="img"/g)].map((m) => m[1])).toEqual([
      'duz-municipalities',
      'duz-schools',
      'cok-usage',
      'content-available',
      'activity',
    ]);
    expect(words).toContain('Востребовано: пока ни один материал не открыт.');
    expect(page.body).toContain('<title id="cok-usage-t">Использование библиотеки ЦОК в регионе, цель 80 %</title>');
    const library = region.rows[0]?.library;
    expect(words).toContain(`Регион 0 % (0 из ${library?.teachers.total}) нет 0 % (0 из ${library?.pupils.total}) нет 0`);
    expect(words).toContain('В библиотеке 45 016 материалов; открыто разных материалов: 0.');
    expect(words).toContain('Активность пользователей');
    // Activity: the region's figures as the API gives them, and the ranking's head.
    const active = region.rows[0]?.activity;
    expect(page.body).toContain('<title id="activity-t">Активные пользователи за 30 дней</title>');
    expect(active?.pupils).toEqual({ total: 600, active: 293, share: 48.8 });
    expect(words).toContain('Активен — входил в «Мою школу» за последние 30 дней (25.10.2026 — 23.11.2026).');
    expect(words).toContain('Регион 48,8 % (293 из 600) 46,9 % (379 из 808) 95,7 % (45 из 47) 1 из 3');
    const first = region.activity.ranking[0];
    expect(page.body).toContain(`<tr data-rank="1" data-id="${first?.id}">`);
  });

  it('counts a lesson opened in the cabinet: ЦОК usage and the demanded chart', async () => {
    const id = await sandbox();
    const browser = new InjectBrowser(app.fastify);
    await browser.login(`/sandboxes/${id}`, { persona: 'teacher-with-rights' });
    await browser.post(`/sandboxes/${id}/library/MAT-05-0021/open`, { role: 'TEACHER', back: `/sandboxes/${id}/library` });
    const page = await app.fastify.inject({ method: 'GET', url: `/sandboxes/${id}/indicators`, headers: { accept: 'text/html' } });
    expect(page.body).toContain('<title id="content-demanded-t">Востребовано: открытые материалы по предметам</title>');
    expect(page.body).toContain('<tr data-subject="MAT"><th scope="row">Математика</th><td class="num">4\u00a0062</td><td class="num">1</td></tr>');
    expect(pageText(page.body)).toContain('Регион 2,1 % (1 из 47) нет 0 % (0 из 600) нет 1');
  });

  it('names a region that is not in the world, in Russian, with a 400', async () => {
    const id = await sandbox();
    const page = await app.fastify.inject({ method: 'GET', url: `/sandboxes/${id}/indicators?region=99`, headers: { accept: 'text/html' } });
    expect(page.statusCode).toBe(400);
    expect(pageText(page.body)).toContain('Региона «99» нет в мире этой песочницы. Откройте показатели без параметра region.');
  });
});

describe('barChart', () => {
  it('draws each bar to scale with its label and value, and describes every value for screen readers', () => {
    const svg = barChart({
      id: 'c',
      title: 'Доля',
      summary: 'Доля учеников.',
      bars: [
        { label: 'Школа <1>', value: 50, text: '50 %', tone: 'poor' },
        { label: 'Школа 2', value: null, text: 'нет учеников', tone: 'muted' },
      ],
      max: 100,
      marks: [{ value: 80, label: '80 %' }],
    }).text;
    expect(svg).toContain('<title id="c-t">Доля</title><desc id="c-d">Доля учеников. Школа &lt;1&gt;: 50 %; Школа 2: нет учеников.</desc>');
    expect([...svg.matchAll(/<rect x="0" y="(\d+)" width="([\d.]+)" height="14" fill="(#\w+)"\/>/g)].map((m) => [m[2], m[3]])).toEqual([
      ['330', '#eef2f7'],
      ['165', '#c21a1a'],
      ['330', '#eef2f7'],
      ['0', '#9aa6b2'],
    ]);
    expect(svg).toContain('<line x1="264" x2="264" y1="14"');
  });
});
