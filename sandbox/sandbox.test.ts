import { afterAll, describe, expect, it } from 'vitest';
import { ConsentError } from '../mocks/index.ts';
import { ageOn, createWorld, findPersona, type Person } from '../seeds/index.ts';
import { SandboxRegistry } from './registry.ts';
import { MemoryStore } from './store.ts';

const world = createWorld({ seed: 42, scale: 'demo' });
const registry = await SandboxRegistry.open({ store: new MemoryStore(), host: {}, defaultWorld: world, defaultSpec: {} });
afterAll(() => registry.close());

const oidOf = (p: Person) => p.account?.oid ?? 0;

/** The first pupil with an ESIA account who is `age` on the world's date and fits `also`. */
function pupilAged(age: number, also: (p: Person) => boolean = () => true): Person {
  const people = world.region('36');
  for (let i = 0; i < people.layout.pupilCount; i++) {
    const p = people.pupil(i);
    if (p.account && ageOn(p.birthDate, world.options.asOf) === age && also(p)) return p;
  }
  throw new Error(`no pupil aged ${age}`);
}

/** The day before someone's birthday `years` after birth, at noon Moscow time. */
function eveOfBirthday(person: Person, years: number): string {
  const [y, m, d] = person.birthDate.split('-').map(Number) as [number, number, number];
  const birthday = new Date(Date.UTC(y + years, m - 1, d));
  const eve = new Date(birthday.getTime() - 86_400_000).toISOString().slice(0, 10);
  return `${eve}T12:00:00+03:00`;
}

describe('a sandbox clock drives the consent rules', () => {
  it('lets a pupil give their own consent only from their 14th birthday', async () => {
    const pupil = pupilAged(13);
    const sandbox = await registry.create({ clock: { at: eveOfBirthday(pupil, 14), frozen: true } });
    const own = {
      subjectOid: oidOf(pupil),
      grantorOid: oidOf(pupil),
      recipient: 'FGIS_MYSCHOOL',
      purpose: 'EDUSIM_MYSCHOOL_TRANSFER',
      scopes: [],
      expiresInMinutes: null,
    };
    expect(() => sandbox.consents.grant(own)).toThrow(
      new ConsentError('GRANTOR_NOT_ALLOWED', 'До 14 лет согласие за ребёнка даёт только родитель (законный представитель).', 403),
    );
    sandbox.clock.advance('P1D');
    expect(sandbox.consents.grant(own).status).toBe('active');
  });

  it('lets a parent consent for a 17-year-old, and no longer from the 18th birthday', async () => {
    const pupil = pupilAged(17, (p) => (p.account?.linkedParentOids.length ?? 0) > 0);
    const parentOid = pupil.account?.linkedParentOids[0] ?? 0;
    const sandbox = await registry.create({ clock: { at: eveOfBirthday(pupil, 18), frozen: true } });
    const byParent = {
      subjectOid: oidOf(pupil),
      grantorOid: parentOid,
      recipient: 'FGIS_MYSCHOOL',
      purpose: 'EDUSIM_MYSCHOOL_TRANSFER',
      scopes: [],
      expiresInMinutes: null,
    };
    expect(sandbox.consents.grant(byParent).status).toBe('active');
    sandbox.clock.advance('P1D');
    expect(() => sandbox.consents.grant(byParent)).toThrow('С 18 лет согласие на обработку своих данных даёт только сам человек.');
  });

  it('lapses a consent when the clock passes its expiry', async () => {
    const adult = findPersona(world, 'teacher-with-rights').person;
    const sandbox = await registry.create({ clock: { at: '2026-11-23T09:00:00+03:00', frozen: true } });
    const consent = sandbox.consents.grant({
      subjectOid: oidOf(adult),
      grantorOid: oidOf(adult),
      recipient: 'FGIS_MYSCHOOL',
      purpose: 'EDUSIM_MYSCHOOL_TRANSFER',
      scopes: [],
      expiresInMinutes: 60,
    });
    expect(consent.expiresAt).toBe('2026-11-23T07:00:00.000Z');
    sandbox.clock.advance('PT59M');
    expect(sandbox.consents.active(oidOf(adult), 'EDUSIM_MYSCHOOL_TRANSFER')?.id).toBe(consent.id);
    sandbox.clock.advance('PT1M');
    expect(sandbox.consents.active(oidOf(adult), 'EDUSIM_MYSCHOOL_TRANSFER')).toBeUndefined();
    expect(sandbox.consents.list(oidOf(adult)).map((c) => c.status)).toEqual(['expired']);
  });
});

describe('sandboxes are isolated and come back on reset', () => {
  it('keeps one sandbox’s consents, links and clock out of another', async () => {
    const [a, b] = [await registry.create({}), await registry.create({})];
    const pupil = findPersona(world, 'pupil-teen-unlinked').person;
    a.consents.grantTransfer(oidOf(pupil));
    a.state.lessonPermissions.set(pupil.id, true);
    a.clock.advance('P10D');
    expect(a.consents.list(oidOf(pupil))).toHaveLength(1);
    expect(b.consents.list(oidOf(pupil))).toEqual([]);
    expect(registry.default.consents.list(oidOf(pupil))).toEqual([]);
    expect(b.state.lessonPermissions.size).toBe(0);
    expect(Math.abs(b.clock.now().getTime() - Date.now())).toBeLessThan(5_000);
  });

  it('resets state, clock, clients and keys to how the sandbox was created, scenarios included', async () => {
    const teacher = findPersona(world, 'teacher-no-rights').person;
    const sandbox = await registry.create({
      clock: { at: '2026-11-23T09:00:00+03:00', frozen: true },
      scenarios: [{ name: 'teacher-library-rights-granted', params: { persona: 'teacher-no-rights' } }],
    });
    const token = (await sandbox.esia.mint(oidOf(teacher), 'EDUSIM', 'openid fullname')).access_token;
    const firstKid = sandbox.esia.jwks().keys[0]?.kid;
    sandbox.state.teacherRights.set(teacher.id, false);
    sandbox.consents.grantTransfer(oidOf(teacher));
    sandbox.esia.registerClient({ clientId: 'VENDOR01', redirectUris: ['https://vendor.example/cb'], scopes: [] });
    await sandbox.esia.rotateKeys();
    sandbox.setLegacyDiaryFault('36', { mode: 'down' });
    sandbox.faults.add({ system: 'esia', action: { kind: 'reset' } });
    sandbox.clock.advance('P3D');

    const reset = await registry.reset(sandbox.id);
    expect(reset.state.teacherRights.get(teacher.id)).toBe(true);
    expect(reset.consents.list(oidOf(teacher))).toEqual([]);
    expect(reset.clock.view()).toMatchObject({ mode: 'frozen', now: '2026-11-23T06:00:00.000Z', today: '2026-11-23' });
    expect(reset.esia.clients().map((c) => c.clientId)).toEqual(['EDUSIM']);
    expect(reset.esia.jwks().keys.map((k) => k.kid)).toEqual([firstKid]);
    expect(reset.faults.list()).toEqual([]);
    expect((await reset.verify(`Bearer ${token}`)).ok).toBe(true);
  });

  it('refuses what it cannot do with the field named, changing nothing', async () => {
    await expect(registry.create({ scale: 'galaxy' })).rejects.toThrow(
      'POST /_edusim/sandboxes: scale: Invalid option: expected one of "demo"|"region"|"country"',
    );
    await expect(registry.create({ seeed: 1 })).rejects.toThrow(
      'POST /_edusim/sandboxes: unknown field "seeed"; accepted: id, seed, scale, region, date, profile, clients, diaries, diaryClients, scenarios, ttl, clock, faults, journal',
    );
    await expect(registry.create({ ttl: 'two hours' })).rejects.toThrow('POST /_edusim/sandboxes: ttl: expected an ISO-8601 duration, e.g. PT30M, PT2H, P1D');
    await expect(registry.create({ ttl: 'P30D' })).rejects.toThrow('ttl "P30D" is not valid: expected a positive ISO-8601 duration of at most P7D, e.g. PT1H');
    await expect(registry.create({ scenarios: [{ name: 'consent-granted', params: { persona: 'nobody' } }] })).rejects.toThrow(
      /scenario consent-granted: persona: Invalid option/,
    );
    await expect(registry.get('nope')).rejects.toThrow(
      'no sandbox "nope"; create one with POST /_edusim/sandboxes (or `edusim sandbox create`); list them with GET /_edusim/sandboxes',
    );
    const named = await registry.create({ id: 'qa-team-1' });
    await expect(registry.create({ id: 'qa-team-1' })).rejects.toThrow('sandbox "qa-team-1" exists already; pick another id or leave "id" out');
    await expect(registry.delete('default')).rejects.toThrow('the default sandbox cannot be deleted');
    const before = named.snapshot();
    await expect(registry.restore(named.id, { ...before, version: 4 })).rejects.toThrow(
      `restore of sandbox qa-team-1: version: expected format version 3 (this edusim reads versions 1 to 3)`,
    );
    await expect(registry.restore(named.id, { ...before, state: { ...before.state, consents: [null] } })).rejects.toThrow(
      'restore of sandbox qa-team-1: state.consents[0]: Invalid input: expected object, received null',
    );
    await expect(registry.restore(named.id, { ...before, world: { ...before.world, seed: 7 } })).rejects.toThrow(
      "the snapshot is of another world (seed 7, demo, region 36, 2026-11-23); this sandbox's world is seed 42, demo, region 36, 2026-11-23",
    );
    expect({ ...named.snapshot(), takenAt: before.takenAt, clock: before.clock }).toEqual(before);
  });

  it('expires an idle sandbox after its TTL, never the default one', async () => {
    let machine = Date.parse('2026-11-23T06:00:00Z');
    const local = await SandboxRegistry.open({ store: new MemoryStore(), host: { machineClock: () => machine }, defaultWorld: world, defaultSpec: {} });
    const sandbox = await local.create({ ttl: 'PT10M' });
    expect(sandbox.info().expiresAt).toBe('2026-11-23T06:10:00.000Z');
    machine += 9 * 60_000;
    local.touch(sandbox);
    machine += 9 * 60_000;
    await local.maintain();
    expect(local.live(sandbox.id)).toBe(sandbox);
    machine += 2 * 60_000;
    await local.maintain();
    expect(local.live(sandbox.id)).toBeUndefined();
    expect(local.live('default')).toBe(local.default);
    await local.close();
  });
});
