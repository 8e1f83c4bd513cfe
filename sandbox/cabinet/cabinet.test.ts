import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, findPersona } from '../../seeds/index.ts';
import { createApp, type App } from '../http/app.ts';
import { InjectBrowser, pageText } from './inject-browser.ts';

// The «Моя школа» cabinet through inject: the real login (ESIA's pages, the callback), the consent
// a parent gives on the consent platform's page, the pupil's week, and a teacher-parent's roles.
const world = createWorld({ seed: 42, scale: 'demo' });
const CLOCK = { at: '2026-11-23T10:00:00+03:00', frozen: true };

/** A browser's cookies over inject, with the login's own checks. */
class Browser extends InjectBrowser {
  constructor(app: App) {
    super(app.fastify);
  }

  override async login(prefix: string, who: Record<string, string>) {
    const login = await this.get(`${prefix}/login`);
    expect(login.statusCode).toBe(302);
    const authorize = new URL(String(login.headers.location), 'http://localhost');
    expect(authorize.pathname).toBe(`${prefix}/esia/aas/oauth2/v2/ac`);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('redirect_uri')).toBe(`http://localhost:80${prefix}/callback`);
    return super.login(prefix, who);
  }
}

const text = pageText;

describe('the «Моя школа» cabinet', () => {
  let app: App;
  beforeAll(async () => {
    app = await createApp({ world, clock: CLOCK });
  });
  afterAll(async () => app?.fastify.close());

  async function sandbox(scenarios: unknown[] = []): Promise<string> {
    const created = await app.fastify.inject({ method: 'POST', url: '/_edusim/sandboxes', payload: { clock: CLOCK, scenarios } });
    return `/sandboxes/${created.json<{ id: string }>().id}`;
  }

  it('greets a browser at / with «Войти через Госуслуги»; unknown paths get an HTML 404 for browsers and JSON for API clients', async () => {
    const prefix = await sandbox();
    const browser = new Browser(app);
    const front = await browser.get(`${prefix}/`);
    expect(front.statusCode).toBe(200);
    expect(front.body).toContain(`<a class="button" href="${prefix}/login">Войти через Госуслуги</a>`);
    const missing = await browser.get(`${prefix}/nope`);
    expect([missing.statusCode, missing.headers['content-type']]).toEqual([404, 'text/html; charset=utf-8']);
    expect(missing.body).toContain('Страница не найдена');
    expect((await browser.get(`${prefix}/nope`, 'application/json')).json()).toMatchObject({ error: 'not_found' });
  });

  it('logs in when edusim is reached by another host name: the demo client accepts its own /callback', async () => {
    const prefix = await sandbox();
    const headers = { host: 'edusim.school.test', accept: 'text/html' };
    const login = await app.fastify.inject({ method: 'GET', url: `${prefix}/login`, headers });
    const authorize = new URL(String(login.headers.location), 'http://edusim.school.test');
    expect(authorize.searchParams.get('redirect_uri')).toBe(`http://edusim.school.test${prefix}/callback`);
    const page = await app.fastify.inject({ method: 'GET', url: authorize.pathname + authorize.search, headers });
    expect([page.statusCode, /<h1>[^<]*<\/h1>/.exec(page.body)?.[0]]).toEqual([200, '<h1>Вход для системы EDUSIM</h1>']);
    const elsewhere = new URLSearchParams(authorize.search);
    elsewhere.set('redirect_uri', 'http://attacker.test/callback');
    const refused = await app.fastify.inject({ method: 'GET', url: `${authorize.pathname}?${elsewhere.toString()}`, headers });
    expect(refused.statusCode).toBe(400);
  });

  it('logs in through a strict ESIA too: the cabinet signs as the demo client with its published key', async () => {
    const strict = await createApp({ world, clock: CLOCK, profile: 'strict' });
    try {
      const { person } = findPersona(world, 'teacher-parent');
      const page = await new Browser(strict).login('', { persona: 'teacher-parent' });
      expect([page.statusCode, /<title>([^<]*)<\/title>/.exec(page.body)?.[1]]).toEqual([
        200,
        `${person.lastName} ${person.firstName} ${person.middleName} — Моя школа (edusim)`,
      ]);
    } finally {
      await strict.fastify.close();
    }
  });

  it('refuses a callback whose state this browser did not start, in Russian', async () => {
    const prefix = await sandbox();
    const answer = await new Browser(app).get(`${prefix}/callback?code=x&state=f918e3be-664e-45db-b5a2-adbf5d6ae3f6`);
    expect(answer.statusCode).toBe(400);
    expect(text(answer.body)).toContain('Вход не завершён: ответ Госуслуг не относится к этому окну браузера.');
  });

  it('a pupil under 14: the parent gives the consent on the consent page, then the pupil sees her week', async () => {
    const prefix = await sandbox();
    const pupil = findPersona(world, 'pupil-child-account').person;
    const pupilBrowser = new Browser(app);
    const cabinet = await pupilBrowser.login(prefix, { persona: 'pupil-child-account' });
    const before = text(cabinet.body);
    expect(before).toContain('Здравствуйте, Никонов Павел Борисович');
    expect(before).toContain('Нужно согласие родителя');
    expect(before).toContain('До 14 лет согласие за ребёнка даёт только родитель (законный представитель).');
    const parents = (pupil.account?.linkedParentOids ?? []).map((oid) => world.personByOid(oid)).map((p) => `${p?.lastName} ${p?.firstName} ${p?.middleName}`);
    expect(before).toContain(`Дать согласие может: ${parents.join(' или ')}`);
    expect(cabinet.body).toContain('data-step="2" data-status="failed"');

    // The parent, in their own browser, logs in through ESIA on the consent page and gives it.
    const parentOid = pupil.account?.linkedParentOids[0] ?? 0;
    const parentBrowser = new Browser(app);
    const consentUrl = `${prefix}/consent/page?oid=${pupil.account?.oid}&return=${encodeURIComponent(`${prefix}/`)}`;
    const loginPage = await parentBrowser.follow(await parentBrowser.get(consentUrl));
    const request = /name="request" value="([^"]+)"/.exec(loginPage.body)?.[1] ?? '';
    const consentPage = await parentBrowser.follow(await parentBrowser.post(`${prefix}/esia/login`, { request, oid: String(parentOid) }));
    expect(text(consentPage.body)).toContain('Передача данных в «Моя школа»: школа, класс, роль, дневник');
    expect(text(consentPage.body)).toContain('Данные: фамилия, имя, отчество, дата рождения, СНИЛС, школа и класс ребёнка.');
    const granted = await parentBrowser.follow(
      await parentBrowser.post(`${prefix}/consent/page/grant`, {
        subject: String(pupil.account?.oid),
        purpose: 'EDUSIM_MYSCHOOL_TRANSFER',
        term: '525600',
        return: `${prefix}/`,
      }),
    );
    expect(text(granted.body)).toContain(
      'Согласие дано: «Передача данных в «Моя школа»: школа, класс, роль, дневник» — данные Никонова Павла Борисовича, действует до 23.11.2027 10:00.',
    );

    expect(granted.body).toContain(`<a href="${prefix}/">← Вернуться в «Моя школа»</a>`);
    const after = await pupilBrowser.get(`${prefix}/`);
    const week = text(after.body);
    expect(week).toContain('Регион Воронежская область (36)');
    expect(week).toContain('Школа МАОУ «Гимназия № 4» Адрес 394078, Воронежская область, г. Воронеж, ул. Мира, д. 91 Класс 3А');
    expect(week).toContain('23 ноября — 29 ноября 2026');
    expect(week).toContain('Понедельник, 23 ноября');
    expect(week).toContain('08:30 Труд (технология) Природные материалы. Урок 8 Домашнее задание: § 10, упр. 68 (письменно)');
    expect([...after.body.matchAll(/data-status="ok"/g)].length).toBe(6);
    expect(after.body).toContain('<li data-check="CHILD_ACCOUNT" data-passed="true"><span class="ok" aria-hidden="true">✓</span>');
    expect(week).toContain('Уроки ЦОК открываются');
    // previous week
    const previousPage = (await pupilBrowser.get(`${prefix}/?week=2026-11-16`)).body;
    const previous = text(previousPage);
    expect(previous).toContain('16 ноября — 22 ноября 2026');
    expect(previousPage).toContain('title="оценка 5, контрольная работа">5</span>'); // Monday's marks are not in yet: last week's
  });

  it('the ESIA consent screen speaks Russian and does not offer «Разрешить» to a child under 14', async () => {
    const prefix = await sandbox();
    const browser = new Browser(app);
    const permissions = Buffer.from(
      JSON.stringify([
        {
          sysname: 'EDUSIM_MYSCHOOL_TRANSFER',
          expire: 1440,
          actions: [{ sysname: 'ALL_ACTIONS_TO_DATA' }],
          purposes: [{ sysname: 'EDU_JOURNAL' }],
          scopes: [{ sysname: 'fullname' }],
        },
      ]),
    ).toString('base64url');
    const query = new URLSearchParams({
      client_id: 'EDUSIM',
      redirect_uri: 'http://localhost:3000/callback',
      scope: 'openid fullname',
      response_type: 'code',
      state: 'f918e3be-664e-45db-b5a2-adbf5d6ae3f6',
      timestamp: '2026.11.23 10:00:00 +0300',
      client_secret: 'x',
      permissions,
    });
    const page = await browser.get(`${prefix}/esia/aas/oauth2/v2/ac?${query.toString()}`);
    const request = /name="request" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    const screen = await browser.post(`${prefix}/esia/login`, { request, persona: 'pupil-child-account' });
    const words = text(screen.body);
    expect(words).toContain('Передача данных в «Моя школа»: школа, класс, роль, дневник фамилия, имя, отчество на 1 день');
    expect(screen.body).not.toContain('Разрешить');
    expect(words).toContain('Дать это согласие вы не можете: До 14 лет согласие за ребёнка даёт только родитель (законный представитель).');
  });

  it('a teacher who is also a parent chooses a role, then switches between them', async () => {
    const teacher = findPersona(world, 'teacher-parent').person;
    const child = world.personById(teacher.memberships.find((m) => m.role === 'parent')?.childIds[0] ?? '');
    const prefix = await sandbox([
      { name: 'consent-granted', params: { persona: 'teacher-parent' } },
      { name: 'consent-granted', params: { oid: child?.account?.oid } },
    ]);
    const browser = new Browser(app);
    const first = text((await browser.login(prefix, { persona: 'teacher-parent' })).body);
    expect(first).toContain('Выберите роль');
    expect(first).toContain('У вас несколько ролей');
    const asTeacher = await browser.get(`${prefix}/?role=TEACHER&week=2026-11-23`);
    expect(asTeacher.body).toContain('aria-current="page">Учитель</a>');
    expect(text(asTeacher.body)).toContain('Учитель (текущая роль) Школа МАОУ «Гимназия № 4»');
    const asParent = await browser.get(`${prefix}/?role=PARENT&week=2026-11-23`);
    expect(asParent.body).toContain('aria-current="page">Родитель</a>');
    expect(asParent.body).toContain(`aria-current="page">${child?.lastName} ${child?.firstName} ${child?.middleName}</a>`);
    expect([...asParent.body.matchAll(/data-status="ok"/g)].length).toBe(6);
    // A parent opens no ЦОК lessons: the access panel is for pupils and school staff.
    expect(asParent.body).not.toContain('Доступ к урокам библиотеки ЦОК');
    expect(text(asTeacher.body)).toContain('Доступ к урокам библиотеки ЦОК');
  });
});
