import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld } from '../../seeds/index.ts';
import { createApp, type App } from '../http/app.ts';
import { InjectBrowser, pageText } from './inject-browser.ts';

// The ЦОК library in the cabinet through inject: browse by subject and grade, pages with counts,
// an empty search, an item with its access check (who acts, what to do) and «Открыть урок».
const world = createWorld({ seed: 42, scale: 'demo' });
const CLOCK = { at: '2026-11-23T10:00:00+03:00', frozen: true };

describe('the ЦОК library in the cabinet', () => {
  let app: App;
  beforeAll(async () => {
    app = await createApp({ world, clock: CLOCK });
  });
  afterAll(async () => app?.fastify.close());

  async function loggedIn(persona: string, scenarios: unknown[] = []): Promise<{ prefix: string; browser: InjectBrowser }> {
    const created = await app.fastify.inject({ method: 'POST', url: '/_edusim/sandboxes', payload: { clock: CLOCK, scenarios } });
    const prefix = `/sandboxes/${created.json<{ id: string }>().id}`;
    const browser = new InjectBrowser(app.fastify);
    await browser.login(prefix, { persona });
    return { prefix, browser };
  }

  const hrefOf = (html: string, name: string) => [...html.matchAll(/href="([^"]+)"[^>]*>([^<]+)</g)].find((m) => m[2] === name)?.[1]?.replaceAll('&amp;', '&');

  it('browses mathematics of grade 5 page by page, with the count found', async () => {
    const { prefix, browser } = await loggedIn('teacher-with-rights');
    const first = await browser.get(`${prefix}/library?subject=MAT&grade=5`);
    expect(first.statusCode).toBe(200);
    const words = pageText(first.body);
    expect(words).toContain('Найдено 781 материал, показаны 1–20.');
    expect(words).toContain('Натуральные числа. 5 класс, часть 1 Математика, 5 класс · Урок, 40 мин · Фоксфорд');
    expect(first.body).toContain('<option value="MAT" selected>Математика</option>');
    expect(first.body).toContain('<label for="lib-q">Слова из названия или темы</label>');
    const next = await browser.get(hrefOf(first.body, 'Следующие →') ?? '');
    expect(pageText(next.body)).toContain('Найдено 781 материал, показаны 21–40. ');
    expect(next.body).toContain('data-item="MAT-05-0021"');
    expect(pageText(next.body)).toContain('Страница 2');
    const back = await browser.get(hrefOf(next.body, '← Предыдущие') ?? '');
    expect(pageText(back.body)).toContain('показаны 1–20.');
  });

  it('says when a search finds nothing, and names a grade it cannot use', async () => {
    const { prefix, browser } = await loggedIn('teacher-with-rights');
    const none = pageText((await browser.get(`${prefix}/library?q=${encodeURIComponent('квазарыфыва')}`)).body);
    expect(none).toContain('Ничего не найдено по словам «квазарыфыва». Измените слова поиска или выберите другой предмет или класс.');
    const badGrade = pageText((await browser.get(`${prefix}/library?grade=12&subject=MAT`)).body);
    expect(badGrade).toContain('Класс «12» не подходит: выберите класс от 1 до 11. Показаны все классы.');
    const tooLong = pageText((await browser.get(`${prefix}/library?q=${'а'.repeat(201)}`)).body);
    expect(tooLong).toContain('Запрос не принят search: длина 201, ожидается не больше 200 символов. Исправьте это поле и попробуйте снова.');
  });

  it('a pupil whose parent gave no permission opens an item: a red check, who must act and what to do; the lesson does not open', async () => {
    const { prefix, browser } = await loggedIn('pupil-no-permission');
    const item = await browser.get(`${prefix}/library/MAT-05-0021`);
    expect(item.statusCode).toBe(200);
    const words = pageText(item.body);
    expect(words).toContain('Уроки ЦОК не открываются');
    expect(item.body).toContain('data-check="LESSON_PERMISSION" data-passed="false"');
    expect(words).toContain(
      'Разрешение на уроки ЦОК — не выполнено Нет разрешения на использование уроков ЦОК. Кто должен действовать: родитель . Что сделать: Родитель устанавливает приложение «Моя школа» и даёт разрешение ребёнку.',
    );
    expect(item.body).toContain('data-check="CHILD_ACCOUNT" data-passed="true"');
    expect(item.body).toContain('data-check="REGISTRY_CLASS" data-passed="true"');
    const refused = await browser.follow(await browser.post(`${prefix}/library/MAT-05-0021/open`, { role: '', back: `${prefix}/library` }));
    expect(pageText(refused.body)).toContain('Урок не открылся: не выполнены условия доступа.');
  });

  it('a teacher with rights opens a lesson, and the usage shows in the indicators', async () => {
    const { prefix, browser } = await loggedIn('teacher-with-rights');
    const page = await browser.get(`${prefix}/library/MAT-05-0021?back=${encodeURIComponent(`${prefix}/library?subject=MAT`)}`);
    expect(pageText(page.body)).toContain('Уроки ЦОК открываются');
    expect(page.body).toContain(`<a href="${prefix}/library?subject=MAT">← К списку материалов</a>`);
    const opened = await browser.follow(await browser.post(`${prefix}/library/MAT-05-0021/open`, { role: 'TEACHER', back: `${prefix}/library` }));
    expect(pageText(opened.body)).toContain('Урок открыт: «Моя школа» записала открытие, оно учтено в показателях использования ЦОК.');
    const id = prefix.split('/')[2];
    const report = await app.fastify.inject({ method: 'GET', url: `/_edusim/sandboxes/${id}/indicators` });
    expect(report.json<{ rows: { library: { teachers: { opened: number } } }[] }>().rows[0]?.library.teachers.opened).toBe(1);
  });

  it('in the parent role an item says the child opens lessons, with no employee checks', async () => {
    const { prefix, browser } = await loggedIn('teacher-parent');
    const asParent = await browser.get(`${prefix}/library/MAT-05-0021?role=PARENT`);
    expect(pageText(asParent.body)).toContain('Родитель уроки ЦОК не открывает: урок открывает ребёнок под своей учётной записью (роль «Ученик»).');
    expect(asParent.body).not.toContain('data-check=');
    const asTeacher = await browser.get(`${prefix}/library/MAT-05-0021?role=TEACHER`);
    expect(pageText(asTeacher.body)).toContain('Проверка для роли «Учитель».');
    expect(asTeacher.body).toContain('data-check="EMPLOYEE_ROLE" data-passed="true"');
  });

  it('an unknown item is a Russian 404 page; the library asks to log in first', async () => {
    const { prefix, browser } = await loggedIn('teacher-with-rights');
    const missing = await browser.get(`${prefix}/library/NOPE-1`);
    expect([missing.statusCode, missing.headers['content-type']]).toEqual([404, 'text/html; charset=utf-8']);
    expect(pageText(missing.body)).toContain('В библиотеке ЦОК нет материала с кодом «NOPE-1». Коды выглядят как MAT-05-0042');
    const stranger = await new InjectBrowser(app.fastify).get(`${prefix}/library`);
    expect(pageText(stranger.body)).toContain('Библиотека ЦОК открывается после входа: войдите через Госуслуги.');
  });

  it('the large-type toggle persists in a cookie for the whole host and comes back to the page', async () => {
    const { prefix, browser } = await loggedIn('teacher-with-rights');
    const before = await browser.get(`${prefix}/library`);
    expect(before.body).toContain('<html lang="ru">');
    const toggle = await browser.get(hrefOf(before.body, 'Крупный шрифт') ?? '');
    expect([toggle.statusCode, toggle.headers.location, toggle.headers['set-cookie']]).toEqual([
      303,
      `${prefix}/library`,
      'edusim_large_type=1; Path=/; SameSite=Lax; Max-Age=31536000',
    ]);
    const after = await browser.get(`${prefix}/`);
    expect(after.body).toContain('<html lang="ru" class="large">');
    expect(after.body).toContain('>Обычный шрифт</a>');
    const offsite = await browser.get(`${prefix}/large-type?on=0&back=${encodeURIComponent('//evil.test/')}`);
    expect(offsite.headers.location).toBe(`${prefix}/`);
  });

  it('a failure in a page a browser asked for is a Russian page without the error text; API clients keep JSON', async () => {
    const own = await createApp({ world, clock: CLOCK });
    try {
      own.fastify.get('/boom', async () => {
        throw new Error('secret detail');
      });
      const page = await own.fastify.inject({ method: 'GET', url: '/boom', headers: { accept: 'text/html' } });
      expect([page.statusCode, page.headers['content-type']]).toEqual([500, 'text/html; charset=utf-8']);
      expect(pageText(page.body)).toContain('Страница не открылась На стенде произошла ошибка. Обновите страницу');
      expect(page.body).not.toContain('secret detail');
      const api = await own.fastify.inject({ method: 'GET', url: '/boom', headers: { accept: 'application/json' } });
      expect(api.json()).toEqual({ error: 'server_error', message: 'internal error' });
    } finally {
      await own.fastify.close();
    }
  });
});
