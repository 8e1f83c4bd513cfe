/**
 * The world as one sandbox sees it: the shared, read-only world plus the ESIA accounts created
 * at run time (`WorldState.childAccounts`). Every lookup of a person — by oid, slot, id, SNILS or
 * name — answers with the account in place, so ESIA login, the person API, the registry flow, the
 * diaries and the access check all see a created child account without knowing it was created.
 */
import type { World } from '../world/world.ts';
import type { Person } from '../world/types.ts';
import type { WorldState } from './world-state.ts';

/** The person with the account created for them in this state, if any. */
export function withCreatedAccount(person: Person, state: WorldState): Person {
  if (person.account !== null) return person;
  const created = state.childAccounts.get(person.id);
  if (!created) return person;
  return { ...person, account: { oid: created.oid, level: 'standard', createdByParent: true, linkedParentOids: created.linkedParentOids } };
}

const SHARED = new WeakMap<World, World>();

/** The shared world under a sandbox's view (the world itself if it is not a view): the key for caches of pure answers. */
export function sharedWorld(world: World): World {
  return SHARED.get(world) ?? world;
}

const LOOKUPS = new Set<PropertyKey>(['personBySlot', 'personById', 'personBySnils', 'personByOid', 'findByName']);

/**
 * A view of `world` whose person lookups apply the state's created accounts; everything else is
 * the world itself (its caches stay shared). A Proxy, because World keeps private fields: its own
 * methods run bound to the real world.
 */
export function worldWithState(world: World, state: WorldState): World {
  const bound = new Map<PropertyKey, unknown>();
  const overlay = (person: Person | undefined) => (person ? withCreatedAccount(person, state) : undefined);
  const lookups: Partial<Record<PropertyKey, unknown>> = {
    personBySlot: (slot: number) => overlay(world.personBySlot(slot)),
    personById: (id: string) => overlay(world.personById(id)),
    personBySnils: (snils: string) => overlay(world.personBySnils(snils)),
    findByName: (query: Parameters<World['findByName']>[0]) => world.findByName(query).map((p) => withCreatedAccount(p, state)),
    personByOid: (oid: number) => {
      const found = world.personByOid(oid);
      if (found) return found;
      // A created account's oid is the one the world reserves for the person's slot.
      const person = world.personBySlot(world.slotOfOid(oid));
      const withAccount = person ? withCreatedAccount(person, state) : undefined;
      return withAccount?.account?.oid === oid ? withAccount : undefined;
    },
  };
  const view = new Proxy(world, {
    get(target, property) {
      if (LOOKUPS.has(property)) return lookups[property];
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      let method = bound.get(property);
      if (!method) {
        method = (value as (...args: unknown[]) => unknown).bind(target);
        bound.set(property, method);
      }
      return method;
    },
  });
  SHARED.set(view, sharedWorld(world));
  return view;
}
