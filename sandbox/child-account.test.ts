import { afterAll, describe, expect, it } from 'vitest';
import { ageOn, createWorld, findPersona, sharedWorld, type Person } from '../seeds/index.ts';
import { SandboxRegistry } from './registry.ts';
import { applyScenario } from './scenarios.ts';
import { MemoryStore } from './store.ts';

// The child-account-created scenario: the account lives in one sandbox's state and every lookup of
// that sandbox sees it; the shared world and other sandboxes do not.
const world = createWorld({ seed: 42, scale: 'demo' });
const registry = await SandboxRegistry.open({ store: new MemoryStore(), host: {}, defaultWorld: world, defaultSpec: {} });
afterAll(() => registry.close());

const CLOCK = { at: '2026-11-23T10:00:00+03:00', frozen: true };
const fullName = (p: Person) => `${p.lastName} ${p.firstName} ${p.middleName}`;

/** The first pupil of region 36 without an ESIA account who fits. */
function pupilWithoutAccount(fits: (p: Person, age: number) => boolean): Person {
  const people = world.region('36');
  for (let i = 0; i < people.layout.pupilCount; i++) {
    const p = people.pupil(i);
    if (p.account === null && fits(p, ageOn(p.birthDate, world.options.asOf))) return p;
  }
  throw new Error('no such pupil');
}

describe('a child account created in a sandbox', () => {
  it('is found by oid, id, SNILS and name in that sandbox only, and kept in its snapshot and restore', async () => {
    const [a, b] = [await registry.create({ clock: CLOCK }), await registry.create({ clock: CLOCK })];
    const { person } = findPersona(world, 'pupil-no-child-account');
    const oid = world.oidOf(person.slot);
    applyScenario(a, 'child-account-created', { persona: 'pupil-no-child-account' });
    const created = a.state.childAccounts.get(person.id);
    expect(created?.oid).toBe(oid);
    expect(created?.createdAt).toBe('2026-11-23T07:00:00.000Z');
    const account = { oid, level: 'standard', createdByParent: true, linkedParentOids: created?.linkedParentOids };
    const name = { lastName: person.lastName, firstName: person.firstName, middleName: person.middleName, birthDate: person.birthDate };
    expect([
      a.world.personByOid(oid)?.account,
      a.world.personById(person.id)?.account,
      a.world.personBySnils(person.snils)?.account,
      a.world.findByName(name).find((p) => p.id === person.id)?.account,
      findPersona(a.world, 'pupil-no-child-account').person.account,
    ]).toEqual([account, account, account, account, account]);
    expect([b.world.personByOid(oid), world.personByOid(oid), b.world.personById(person.id)?.account]).toEqual([undefined, undefined, null]);
    expect(sharedWorld(a.world)).toBe(sharedWorld(b.world));

    const snapshot = a.snapshot();
    expect(snapshot.state.childAccounts).toEqual({ [person.id]: created });
    await registry.restore(b.id, { ...snapshot, id: b.id });
    expect(b.world.personByOid(oid)?.account).toEqual(account);
  });

  it('refuses, with what to do, a pupil who has an account, one of 14 or more, and linking a pupil without one', async () => {
    const sandbox = await registry.create({ clock: CLOCK });
    const teen = pupilWithoutAccount((_, age) => age >= 14 && age < 18);
    const refusal = (name: string, params: Record<string, unknown>) => {
      try {
        applyScenario(sandbox, name, params);
        return null;
      } catch (error) {
        return [(error as { status?: number }).status ?? (error as Error).name, (error as Error).message];
      }
    };
    const withAccount = findPersona(world, 'pupil-child-account').person;
    expect(refusal('child-account-created', { persona: 'pupil-child-account' })).toEqual([
      409,
      `scenario child-account-created: ${fullName(withAccount)} already has an ESIA account (oid ${withAccount.account?.oid})`,
    ]);
    expect(refusal('child-account-created', { personId: teen.id })).toEqual([
      409,
      `scenario child-account-created: ${fullName(teen)} is ${ageOn(teen.birthDate, world.options.asOf)}; a parent creates a child account for a child under 14, from 14 the pupil registers with a passport`,
    ]);
    expect(refusal('child-account-created', { oid: world.oidOf(teen.slot) })).toEqual([
      404,
      `scenario child-account-created: no ESIA account with oid ${world.oidOf(teen.slot)} in this sandbox's world`,
    ]);
    expect(refusal('child-account-created', { persona: 'pupil-no-child-account', personId: teen.id })).toEqual([
      'SpecError',
      'scenario child-account-created: the body: give exactly one of "persona", "oid" or "personId"',
    ]);
    expect(refusal('parent-linked', { persona: 'pupil-no-child-account' })).toEqual([
      409,
      `scenario parent-linked: ${fullName(findPersona(world, 'pupil-no-child-account').person)} has no ESIA account to link; create it first (scenario child-account-created)`,
    ]);
    expect(sandbox.state.revision).toBe(0);
  });
});
