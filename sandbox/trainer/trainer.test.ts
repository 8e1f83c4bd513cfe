import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, findPersona, PERSONA_HANDLES } from '../../seeds/index.ts';
import { createApp, type App } from '../http/app.ts';

// The trainer panel through inject: every button the page offers is pressed as a browser would
// press it (the form's fields, POST, the 303, the page it leads to).
const world = createWorld({ seed: 42, scale: 'demo' });
const CLOCK = { at: '2026-11-23T10:00:00+03:00', frozen: true };
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

let app: App;
beforeAll(async () => {
  app = await createApp({ world, clock: CLOCK });
});
afterAll(async () => {
  await app.fastify.close();
});

const fullName = (handle: string) => {
  const { person } = findPersona(world, handle);
  return `${person.lastName} ${person.firstName} ${person.middleName}`;
};

async function get(url: string) {
  return app.fastify.inject({ method: 'GET', url });
}

/** Presses the first button of this kind on the page (`data-fix` or `data-action` = scenario); returns the answer. */
async function press(page: string, kind: 'fix' | 'action', scenario?: string) {
  const forms = [...page.matchAll(new RegExp(`<form method="post" action="([^"]+)" [^>]*data-${kind}="([^"]+)">(.*?)</form>`, 'g'))];
  const form = forms.find((f) => scenario === undefined || f[2] === scenario);
  if (!form) throw new Error(`no ${kind} button ${scenario ?? ''} on the page`);
  const fields = Object.fromEntries([...(form[3] ?? '').matchAll(/name="(\w+)" value="([^"]*)"/g)].map((m) => [m[1], m[2]]));
  return app.fastify.inject({ method: 'POST', url: form[1] ?? '', headers: FORM, payload: new URLSearchParams(fields).toString() });
}

const failing = (page: string) => [...page.matchAll(/data-check="(\w+)" data-passed="false"><span[^>]*>✗<\/span> (.*?)<span/g)].map((m) => [m[1], m[2]]);
const fixButtons = (page: string) => [...page.matchAll(/data-fix="([^"]+)"/g)].map((m) => m[1]);
const steps = (page: string) => [...page.matchAll(/data-step="\d" data-status="(\w+)"/g)].map((m) => m[1]);
const message = (page: string) => /<div class="(?:notice|error)" id="result"[^>]*>(.*?)<\/div>/.exec(page)?.[1];

describe('the trainer panel', () => {
  it('lists all 13 personas, one click each, the chosen one marked', async () => {
    const page = (await get('/demo?persona=teacher-no-rights')).body;
    expect([...page.matchAll(/<a href="\/demo\?persona=([\w-]+)" data-handle/g)].map((m) => m[1])).toEqual(PERSONA_HANDLES);
    expect(PERSONA_HANDLES).toHaveLength(13);
    expect(/<a [^>]*data-handle="([\w-]+)" aria-current="page"/.exec(page)?.[1]).toBe('teacher-no-rights');
  });

  it('applies every fix the check proposes, through its button, until the check is green or only what no scenario fixes is left', async () => {
    const outcome: Record<string, { pressed: string[]; left: string[][] }> = {};
    for (const handle of PERSONA_HANDLES) {
      await app.registry.reset('default');
      const pressed: string[] = [];
      let page = (await get(`/demo?persona=${handle}`)).body;
      for (let fix = fixButtons(page)[0]; fix !== undefined; fix = fixButtons(page)[0]) {
        expect(pressed).not.toContain(fix);
        pressed.push(fix);
        const answer = await press(page, 'fix', fix);
        expect(answer.statusCode).toBe(303);
        page = (await get(String(answer.headers.location))).body;
        expect(message(page)).toMatch(/^<b>Готово\.<\/b> /);
      }
      outcome[handle] = { pressed, left: failing(page) as string[][] };
    }
    const green = { pressed: [], left: [] };
    expect(outcome).toEqual({
      'pupil-child-account': green,
      'pupil-no-child-account': { pressed: ['child-account-created'], left: [] },
      'pupil-teen-unlinked': { pressed: ['parent-linked'], left: [] },
      'pupil-no-permission': { pressed: ['lesson-permission-given'], left: [] },
      'pupil-no-citizenship': green,
      'parent-two-schools': green,
      'teacher-with-rights': green,
      'teacher-no-rights': { pressed: ['teacher-library-rights-granted'], left: [] },
      'teacher-no-lessons': { pressed: ['lesson-added-to-timetable'], left: [] },
      'teacher-parent': green,
      // A director without lessons, and people the registry does not hold: no scenario fixes these, no button is offered.
      'school-administrator': { pressed: [], left: [['TIMETABLE_LESSONS', 'В актуальном расписании школы у сотрудника нет уроков на этой неделе.']] },
      'esia-only-adult': { pressed: [], left: [['REGISTRY_MEMBERSHIP', 'Человека нет в реестре ГИС РУО: ни школы, ни роли.']] },
      'adult-simplified': { pressed: [], left: [['REGISTRY_MEMBERSHIP', 'Человека нет в реестре ГИС РУО: ни школы, ни роли.']] },
    });
    await app.registry.reset('default');
  });

  it('offers «Создать детскую учётную запись» for every red line of a pupil without an account, once, and no dead link button', async () => {
    const page = (await get('/demo?persona=pupil-no-child-account')).body;
    expect(failing(page).map((f) => f[0])).toEqual(['CHILD_ACCOUNT', 'PARENT_LINK', 'LESSON_PERMISSION']);
    expect(fixButtons(page)).toEqual(['child-account-created']);
    expect(page).toContain('<button type="submit">Создать детскую учётную запись</button>');
    expect(page.match(/Сначала нужна кнопка «Создать детскую учётную запись» выше\./g)).toHaveLength(2);
    expect(page).toContain('<small>Кто действует: родитель.</small>');
  });

  it('after a fix returns to the same persona with what changed, and the created child account is seen by ESIA, the registry and the check', async () => {
    await app.registry.reset('default');
    const { person } = findPersona(world, 'pupil-no-child-account');
    const oid = world.oidOf(person.slot);
    const refused = await app.fastify.inject({ method: 'POST', url: '/esia/sim/login', payload: { persona: 'pupil-no-child-account' } });
    expect([refused.statusCode, refused.json()]).toEqual([
      400,
      {
        error: 'access_denied',
        error_description: `ESIA-007004: Владелец ресурса или сервис авторизации отклонил запрос (У человека ${person.lastName} ${person.firstName} нет учётной записи ЕСИА — войти нельзя)`,
      },
    ]);
    const before = (await get('/demo?persona=pupil-no-child-account')).body;
    expect(steps(before)).toEqual(['failed', 'skipped', 'skipped', 'skipped', 'skipped', 'skipped']);
    expect(before).toContain('<p class="muted">Запроса к «Моей школе» не было: вход не состоялся.</p>');
    const answer = await press(before, 'fix', 'child-account-created');
    expect(answer.statusCode).toBe(303);
    expect(String(answer.headers.location)).toMatch(/^\/demo\?persona=pupil-no-child-account&message=[\w-]+#result$/);
    const after = (await get(String(answer.headers.location))).body;
    const parent = app.sandbox.world.personByOid(app.sandbox.state.childAccounts.get(person.id)?.linkedParentOids[0] ?? 0);
    expect(message(after)).toBe(
      `<b>Готово.</b> Родитель (${parent?.lastName} ${parent?.firstName} ${parent?.middleName}) создал(а) на Госуслугах детскую учётную запись (oid ${oid}), привязанную к себе: ${fullName('pupil-no-child-account')}.`,
    );
    expect(after).toContain('<p class="verdict ok" data-testid="verdict"><b>Урок ЦОК открывается</b></p>');
    expect(after).toContain(`<dd data-testid="account">oid ${oid}, детская, создана родителем</dd>`);
    // Logged in now; the consent is the next step.
    expect(steps(after)).toEqual(['ok', 'failed', 'skipped', 'skipped', 'skipped', 'skipped']);

    // ESIA: a headless login by oid, and the person API.
    const login = await app.fastify.inject({ method: 'POST', url: '/esia/sim/login', payload: { oid, consent: true } });
    expect(login.statusCode).toBe(200);
    expect((await app.fastify.inject({ method: 'POST', url: '/esia/sim/login', payload: { persona: 'pupil-no-child-account' } })).statusCode).toBe(200);
    expect(app.sandbox.world.personByOid(oid)?.account).toEqual({
      oid,
      level: 'standard',
      createdByParent: true,
      linkedParentOids: app.sandbox.state.childAccounts.get(person.id)?.linkedParentOids,
    });
    // The registry flow through the gateway: region, school, class.
    const gql = await app.fastify.inject({
      method: 'POST',
      url: '/graphql',
      headers: { authorization: `Bearer ${login.json<{ access_token: string }>().access_token}`, 'content-type': 'application/json', 'x-edusim-role': 'PUPIL' },
      payload: { query: '{ me { oid childAccount registry { memberships { role class { grade } } } } }' },
    });
    expect(gql.json()).toEqual({
      data: {
        me: {
          oid: String(oid),
          childAccount: true,
          registry: { memberships: [{ role: 'PUPIL', class: { grade: person.memberships[0]?.role === 'pupil' ? person.memberships[0].grade : 0 } }] },
        },
      },
    });
    // The snapshot keeps it; another sandbox of the same world does not see it.
    expect(app.sandbox.snapshot().state.childAccounts).toEqual({ [person.id]: app.sandbox.state.childAccounts.get(person.id) });
    expect(world.personByOid(oid)).toBeUndefined();
    await app.registry.reset('default');
    expect(app.sandbox.world.personByOid(oid)).toBeUndefined();
  });

  it('plays the other scenarios live: consent, the region diary, and the timeline follows', async () => {
    await app.registry.reset('default');
    let page = (await get('/demo?persona=pupil-teen-unlinked')).body;
    expect(steps(page)).toEqual(['ok', 'failed', 'skipped', 'skipped', 'skipped', 'skipped']);
    page = (await get(String((await press(page, 'action', 'consent-granted')).headers.location))).body;
    expect(message(page)).toMatch(/^<b>Готово\.<\/b> Согласие на передачу данных в «Моя школа» дано \([\w-]+, действует до 23\.11\.2027 10:00 МСК\): /);
    expect(steps(page)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 'ok']);
    page = (await get(String((await press(page, 'action', 'diary-down')).headers.location))).body;
    expect(message(page)).toBe('<b>Готово.</b> Дневник региона 36 недоступен: «Моя школа» получит DIARY_UNAVAILABLE.');
    expect(steps(page)).toEqual(['ok', 'ok', 'ok', 'ok', 'failed', 'skipped']);
    expect(page).toContain('<dd data-testid="diary">недоступен</dd>');
    page = (await get(String((await press(page, 'action', 'diary-restored')).headers.location))).body;
    expect(steps(page)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok', 'ok']);
    page = (await get(String((await press(page, 'action', 'consent-revoked')).headers.location))).body;
    expect(message(page)).toBe(`<b>Готово.</b> Отозвано согласий: 1 (${fullName('pupil-teen-unlinked')}).`);
    expect(steps(page)).toEqual(['ok', 'failed', 'skipped', 'skipped', 'skipped', 'skipped']);
  });

  it('«Сбросить демо» restores the start: state, clock, faults', async () => {
    await app.registry.reset('default');
    const start = { state: app.sandbox.state.snapshot(), now: app.sandbox.clock.now().toISOString(), faults: app.sandbox.faults.list() };
    let page = (await get('/demo?persona=teacher-no-rights')).body;
    page = (await get(String((await press(page, 'fix', 'teacher-library-rights-granted')).headers.location))).body;
    page = (await get(String((await press(page, 'action', 'diary-down')).headers.location))).body;
    app.sandbox.clock.advance('PT1H');
    expect(app.sandbox.state.snapshot()).not.toEqual(start.state);
    const reset = await app.fastify.inject({ method: 'POST', url: '/demo/reset', headers: FORM, payload: 'persona=teacher-no-rights' });
    expect(reset.statusCode).toBe(303);
    page = (await get(String(reset.headers.location))).body;
    expect(message(page)).toBe(
      '<b>Готово.</b> Демо сброшено: песочница вернулась к началу — согласия, учётные записи, права, расписание, часы и сбои такие же, как при её создании.',
    );
    expect({ state: app.sandbox.state.snapshot(), now: app.sandbox.clock.now().toISOString(), faults: app.sandbox.faults.list() }).toEqual(start);
    expect(fixButtons(page)).toEqual(['teacher-library-rights-granted']);
  });

  it('opens the demo in a sandbox of its own, on the same world and clock, apart from the first', async () => {
    const answer = await app.fastify.inject({ method: 'POST', url: '/demo/new', headers: FORM, payload: '' });
    expect(answer.statusCode).toBe(303);
    const location = String(answer.headers.location);
    const id = /^\/sandboxes\/(sb-[a-z2-7]{10})\/demo$/.exec(location)?.[1] ?? '';
    const own = await app.registry.get(id);
    expect({ world: own.worldFacts(), clock: own.clock.view().mode, now: own.clock.now().toISOString(), ttl: own.spec.ttl }).toEqual({
      world: app.sandbox.worldFacts(),
      clock: 'frozen',
      now: '2026-11-23T07:00:00.000Z',
      ttl: 'PT8H',
    });
    let page = (await get(location)).body;
    expect(page).toContain('action="/sandboxes/' + id + '/demo/apply"');
    page = (await get(`/sandboxes/${id}/demo?persona=pupil-no-permission`)).body;
    const fixed = await press(page, 'fix', 'lesson-permission-given');
    expect(String(fixed.headers.location)).toMatch(new RegExp(`^/sandboxes/${id}/demo\\?persona=pupil-no-permission&message=`));
    expect(fixButtons((await get(`/sandboxes/${id}/demo?persona=pupil-no-permission`)).body)).toEqual([]);
    expect(fixButtons((await get('/demo?persona=pupil-no-permission')).body)).toEqual(['lesson-permission-given']);
  });

  it('answers bad input with the panel and a Russian message naming what was wrong, never JSON', async () => {
    const unknown = await get('/demo?persona=nobody');
    expect([unknown.statusCode, unknown.headers['content-type'], message(unknown.body)]).toEqual([
      400,
      'text/html; charset=utf-8',
      '<b>Не получилось.</b> Персоны «nobody» нет. Выберите персону из списка.',
    ]);
    const bad = await app.fastify.inject({ method: 'POST', url: '/demo/apply', headers: FORM, payload: 'persona=teacher-no-rights&scenario=world-peace' });
    expect(bad.statusCode).toBe(400);
    expect(message(bad.body)).toMatch(
      /^<b>Не получилось\.<\/b> Форма не принята — поле «scenario»: expected one of consent-granted, consent-revoked, child-account-created, /,
    );
    // A button pressed twice (a page left open): refused in words, nothing changes.
    await app.registry.reset('default');
    const page = (await get('/demo?persona=teacher-no-rights')).body;
    await press(page, 'fix', 'teacher-library-rights-granted');
    const again = await press(page, 'fix', 'teacher-library-rights-granted');
    expect(message((await get(String(again.headers.location))).body)).toBe(
      '<b>Не получилось.</b> «Выдать учителю права на ЦОК» для этой персоны сейчас не нужно (страница устарела?). Доступно: «Внести урок в расписание», «Дать согласие на передачу данных», «Отключить дневник региона».',
    );
  });

  it('says in words why a scenario or a new sandbox was refused, and changes nothing', async () => {
    await app.registry.reset('default');
    const { person } = findPersona(world, 'teacher-no-rights');
    app.sandbox.state.teacherLessons.set(person.id, 40);
    const revision = app.sandbox.state.revision;
    const page = (await get('/demo?persona=teacher-no-rights')).body;
    const answer = await press(page, 'action', 'lesson-added-to-timetable');
    expect(message((await get(String(answer.headers.location))).body)).toBe(
      `<b>Не получилось.</b> «Внести урок в расписание»: ничего не изменилось. Причина (как её называет edusim): scenario lesson-added-to-timetable: ${fullName('teacher-no-rights')} already has 40 added lessons a week`,
    );
    expect(app.sandbox.state.revision).toBe(revision);
    await app.registry.reset('default');

    const full = await createApp({ world, clock: CLOCK, maxSandboxes: 1 });
    try {
      const refused = await full.fastify.inject({ method: 'POST', url: '/demo/new', headers: FORM, payload: '' });
      expect(String(refused.headers.location)).toMatch(/^\/demo\?persona=pupil-child-account&message=[\w-]+#result$/);
      expect(message((await full.fastify.inject({ method: 'GET', url: String(refused.headers.location) })).body)).toBe(
        '<b>Не получилось.</b> Своя песочница не открыта: ничего не изменилось. Причина (как её называет edusim): 1 sandboxes are alive, the most this edusim keeps (--max-sandboxes); delete some first',
      );
    } finally {
      await full.fastify.close();
    }
  });

  it('says why no ЦОК check applies to a parent', async () => {
    const page = (await get('/demo?persona=parent-two-schools')).body;
    expect(/<p data-testid="verdict">(.*?)<\/p>/.exec(page)?.[1]).toBe(
      'Проверка доступа к урокам ЦОК к роли родителя не применяется: уроки открывают ученики и сотрудники школы. Родитель действует за ребёнка — создаёт детскую учётную запись, привязывает её и даёт разрешение; выберите персону ученика, чтобы это показать.',
    );
  });
});
