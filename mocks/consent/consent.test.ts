import { describe, expect, it } from 'vitest';
import { createWorld, findPersona, WorldState, type Person } from '../../seeds/index.ts';
import { EsiaSimulator } from '../esia/simulator.ts';
import type { SimRequest } from '../http/sim-http.ts';
import { ConsentError, ConsentPlatform } from './platform.ts';
import { ConsentRoutes } from './routes.ts';

const world = createWorld({ seed: 42, scale: 'demo' });
let nowMs = Date.parse('2026-11-23T07:00:00Z');
const now = () => new Date(nowMs);
const oid = (p: Person | undefined) => p?.account?.oid ?? 0;
const parentsOf = (pupil: Person) => {
  const people = world.region('36');
  const family = people.families.familyOfPupil(Number(pupil.id.split('-')[2]));
  return people
    .parentSlotsOf(family)
    .map((slot) => world.personBySlot(slot))
    .filter((p): p is Person => p?.account != null);
};

describe('consent age rules', () => {
  const platform = new ConsentPlatform(world, new WorldState('rules'), now);
  const grant = (subject: Person, grantor: Person) =>
    platform.grant({
      subjectOid: oid(subject),
      grantorOid: oid(grantor),
      recipient: 'FGIS_MYSCHOOL',
      purpose: 'EDUSIM_MYSCHOOL_TRANSFER',
      scopes: ['fullname'],
      expiresInMinutes: 60,
    });
  const child = findPersona(world, 'pupil-child-account').person;
  const teen = findPersona(world, 'pupil-teen-unlinked').person;
  const adult = findPersona(world, 'teacher-with-rights').person;

  it('under 14: the parent grants; the child or a stranger cannot', () => {
    const [parent] = parentsOf(child);
    expect(grant(child, parent as Person).status).toBe('active');
    expect(() => grant(child, child)).toThrow(
      new ConsentError('GRANTOR_NOT_ALLOWED', 'До 14 лет согласие за ребёнка даёт только родитель (законный представитель).', 403),
    );
    expect(() => grant(child, adult)).toThrow('Согласие за ребёнка до 14 лет может дать только его родитель (законный представитель).');
  });

  it('14–17: the parent or the teenager grants; a stranger cannot', () => {
    const [parent] = parentsOf(teen);
    expect(grant(teen, teen).status).toBe('active');
    expect(grant(teen, parent as Person).status).toBe('active');
    expect(() => grant(teen, adult)).toThrow('С 14 до 17 лет согласие может дать только сам подросток или его родитель.');
  });

  it('from 18: only the person', () => {
    expect(grant(adult, adult).status).toBe('active');
    const [parent] = parentsOf(child);
    expect(() => grant(adult, parent as Person)).toThrow('С 18 лет согласие на обработку своих данных даёт только сам человек.');
  });

  it('names a bad purpose or expiry and an unknown oid', () => {
    expect(() =>
      platform.grant({ subjectOid: oid(adult), grantorOid: oid(adult), recipient: 'X', purpose: 'FUN', scopes: [], expiresInMinutes: null }),
    ).toThrow('purpose "FUN" is not valid: expected one of EDU_JOURNAL, KID_SCHOOL, KID_EDUCATION, EDUSIM_MYSCHOOL_TRANSFER, EDUSIM_LESSON_ACCESS');
    expect(() =>
      platform.grant({ subjectOid: oid(adult), grantorOid: oid(adult), recipient: 'X', purpose: 'EDU_JOURNAL', scopes: [], expiresInMinutes: 0 }),
    ).toThrow('expiresInMinutes 0 is not valid');
    expect(() =>
      platform.grant({ subjectOid: 42, grantorOid: oid(adult), recipient: 'X', purpose: 'EDU_JOURNAL', scopes: [], expiresInMinutes: null }),
    ).toThrow('subjectOid: нет учётной записи ЕСИА с oid 42');
  });

  it('revoking: a minor cannot revoke what a parent gave; the parent can; a teenager revokes their own', () => {
    for (const minor of [child, teen]) {
      const [parent] = parentsOf(minor);
      const byParent = grant(minor, parent as Person);
      expect(() => platform.revoke(byParent.id, oid(minor))).toThrow(
        new ConsentError(
          'NOT_YOURS',
          'согласие за вас дал родитель (законный представитель): отозвать его может только он — попросите его сделать это на платформе согласий',
          403,
        ),
      );
      expect(() => platform.revoke(byParent.id, oid(adult))).toThrow(
        new ConsentError('NOT_YOURS', 'отозвать согласие может тот, кто его дал, родитель ребёнка или сам человек с 18 лет', 403),
      );
      expect(platform.revoke(byParent.id, oid(parent)).status).toBe('revoked');
    }
    expect(platform.revoke(grant(teen, teen).id, oid(teen)).status).toBe('revoked');
  });

  it('revocation and expiry take effect on the very next read', () => {
    const record = grant(adult, adult);
    expect(platform.active(oid(adult), 'EDUSIM_MYSCHOOL_TRANSFER')?.status).toBe('active');
    platform.revoke(record.id, oid(adult));
    expect(platform.view(platform.state.consents.get(record.id) as never).status).toBe('revoked');
    const others = platform.list(oid(adult)).filter((c) => c.status === 'active');
    for (const c of others) platform.revoke(c.id, oid(adult));
    expect(platform.active(oid(adult), 'EDUSIM_MYSCHOOL_TRANSFER')).toBeUndefined();
    const short = grant(adult, adult);
    nowMs += 61 * 60_000;
    expect(platform.view(platform.state.consents.get(short.id) as never).status).toBe('expired');
    expect(platform.active(oid(adult), 'EDUSIM_MYSCHOOL_TRANSFER')).toBeUndefined();
    nowMs -= 61 * 60_000;
  });
});

describe('consent REST and page', async () => {
  const consents = new ConsentPlatform(world, new WorldState('rest'), now);
  const esia = new EsiaSimulator({ world, consents, now });
  const routes = new ConsentRoutes(consents, (token) => esia.verifyAccess(token), {
    sessionOf: (cookie) => esia.sessionOf(cookie),
    loginUrl: (_base, back) => `http://consent.test/esia/sim/session?return=${encodeURIComponent(back)}`,
  });
  /** The browser session ESIA sets after a login, as a Cookie header. */
  const sessionOf = (person: Person | undefined) => ({ cookie: esia.sessions.issue(oid(person), '/').split(';')[0] ?? '' });
  const child = findPersona(world, 'pupil-child-account').person;
  const [mother] = parentsOf(child);
  const token = (await esia.mint(oid(mother), 'EDUSIM', 'openid fullname')).access_token;
  const call = (method: string, path: string, body?: unknown, headers: Record<string, string> = { authorization: `Bearer ${token}` }) => {
    const url = new URL(`http://consent.test/consent${path}`);
    const request: SimRequest = {
      method,
      path: url.pathname.slice('/consent'.length),
      query: url.searchParams,
      headers,
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      baseUrl: 'http://consent.test/consent',
    };
    return routes.handle(request);
  };

  it('lets a parent grant for a child, list it, and revoke it', async () => {
    const granted = await call('POST', '/consents', {
      subjectOid: oid(child),
      purpose: 'EDUSIM_LESSON_ACCESS',
      scopes: ['kid_school_data'],
      expiresInMinutes: 1440,
    });
    expect(granted.status).toBe(201);
    const record = JSON.parse(granted.body) as { id: string; status: string; grantorOid: number; subjectOid: number };
    expect({ status: record.status, grantorOid: record.grantorOid, subjectOid: record.subjectOid }).toEqual({
      status: 'active',
      grantorOid: oid(mother),
      subjectOid: oid(child),
    });
    const listed = JSON.parse((await call('GET', '/consents')).body) as { consents: { id: string }[] };
    expect(listed.consents.map((c) => c.id)).toContain(record.id);
    const page = await call('GET', '/page', undefined, sessionOf(mother));
    expect(page.body).toContain('EDUSIM_LESSON_ACCESS');
    expect(page.body).toContain('Отозвать');
    const revoked = await call('POST', '/page/revoke', `id=${record.id}`, { 'content-type': 'application/x-www-form-urlencoded', ...sessionOf(mother) });
    expect(revoked.status).toBe(302);
    expect(revoked.headers['location']).toBe(`http://consent.test/consent/page?done=revoked&id=${record.id}`);
    expect(consents.view(consents.state.consents.get(record.id) as never).status).toBe('revoked');
    const again = await call('POST', `/consents/${record.id}/revoke`);
    expect(again.status).toBe(409);
  });

  it("refuses a child's own token revoking the consent the parent gave (403 NOT_YOURS)", async () => {
    const record = consents.grant({
      subjectOid: oid(child),
      grantorOid: oid(mother),
      recipient: 'FGIS_MYSCHOOL',
      purpose: 'EDUSIM_LESSON_ACCESS',
      scopes: ['kid_school_data'],
      expiresInMinutes: 60,
    });
    const childToken = (await esia.mint(oid(child), 'EDUSIM', 'openid fullname')).access_token;
    const refused = await call('POST', `/consents/${record.id}/revoke`, undefined, { authorization: `Bearer ${childToken}` });
    expect({ status: refused.status, body: JSON.parse(refused.body) as unknown }).toEqual({
      status: 403,
      body: {
        error: 'NOT_YOURS',
        message: 'согласие за вас дал родитель (законный представитель): отозвать его может только он — попросите его сделать это на платформе согласий',
      },
    });
    expect(consents.view(consents.state.consents.get(record.id) as never).status).toBe('active');
    const page = await call('GET', '/page', undefined, sessionOf(child));
    const row = page.body.split('<tr>').find((r) => r.includes('EDUSIM_LESSON_ACCESS') && r.includes('действует')) ?? '';
    expect(row).not.toContain('Отозвать</button>');
    expect(row).toContain(
      '<small class="note">Согласие за вас дал родитель (законный представитель): отозвать его может только он — попросите его сделать это на платформе согласий.</small>',
    );
  });

  it('refuses without a token, with a bad body, and for a stranger', async () => {
    expect(JSON.parse((await call('GET', '/consents', undefined, {})).body)).toEqual({
      error: 'NOT_YOURS',
      message: 'нужен действующий маркер доступа ЕСИА человека (Authorization: Bearer …)',
    });
    const bad = await call('POST', '/consents', '{oops');
    expect(bad.status).toBe(400);
    const teacher = findPersona(world, 'teacher-with-rights').person;
    const refused = await call('POST', '/consents', { subjectOid: oid(teacher), purpose: 'EDU_JOURNAL', scopes: [] });
    expect(refused.status).toBe(403);
    expect(JSON.parse(refused.body)).toEqual({ error: 'GRANTOR_NOT_ALLOWED', message: 'С 18 лет согласие на обработку своих данных даёт только сам человек.' });
  });

  it('shows and revokes consents only for the person logged in through ESIA (attack: ?oid= of a stranger, a forged cookie)', async () => {
    const granted = JSON.parse(
      (await call('POST', '/consents', { subjectOid: oid(child), purpose: 'EDUSIM_LESSON_ACCESS', scopes: ['kid_school_data'], expiresInMinutes: 60 })).body,
    ) as { id: string };
    const anonymous = await call('GET', `/page?oid=${oid(mother)}`, undefined, {});
    expect({ status: anonymous.status, location: anonymous.headers['location'] }).toEqual({
      status: 302,
      location: `http://consent.test/esia/sim/session?return=${encodeURIComponent(`http://consent.test/consent/page?oid=${oid(mother)}`)}`,
    });
    const forged = await call('GET', '/page', undefined, { cookie: `${esia.sessions.cookieName}=${oid(mother)}.9999999999.${'A'.repeat(43)}` });
    expect(forged.status).toBe(302);
    const stranger = findPersona(world, 'teacher-with-rights').person;
    const nosy = await call('GET', `/page?oid=${oid(mother)}`, undefined, sessionOf(stranger));
    expect(nosy.status).toBe(403);
    expect(nosy.body).not.toContain(granted.id);
    const sneaky = await call('POST', '/page/revoke', `id=${granted.id}`, { 'content-type': 'application/x-www-form-urlencoded', ...sessionOf(stranger) });
    expect(sneaky.status).toBe(403);
    expect(sneaky.body).toContain('это согласие не ваше и не ваших детей');
    const unauthenticated = await call('POST', '/page/revoke', `id=${granted.id}`, { 'content-type': 'application/x-www-form-urlencoded' });
    expect(unauthenticated.status).toBe(302);
    expect(consents.view(consents.state.consents.get(granted.id) as never).status).toBe('active');
  });
});
