/**
 * Issue 8, item 7: consents must not pile up under a long soak, and reading a person's consent
 * must cost the same whatever other people have granted.
 */
import { describe, expect, it, vi } from 'vitest';
import { createWorld, findPersona, WorldState, type ConsentRecord, type Person } from '../../seeds/index.ts';
import { CONSENT_HISTORY_LIMIT, ConsentPlatform, type GrantInput } from './platform.ts';

const world = createWorld({ seed: 42, scale: 'demo' });
const oid = (p: Person | undefined) => p?.account?.oid ?? 0;
const adult = findPersona(world, 'teacher-with-rights').person;
const teen = findPersona(world, 'pupil-teen-unlinked').person;
const teenParent = (() => {
  const people = world.region('36');
  const family = people.families.familyOfPupil(Number(teen.id.split('-')[2]));
  return people
    .parentSlotsOf(family)
    .map((slot) => world.personBySlot(slot))
    .find((p): p is Person => p?.account != null);
})();

function setup(start = '2026-11-23T07:00:00.000Z') {
  let nowMs = Date.parse(start);
  const state = new WorldState('bounds');
  const platform = new ConsentPlatform(world, state, () => new Date(nowMs));
  const advance = (ms: number) => {
    nowMs += ms;
  };
  return { state, platform, advance };
}

const transfer = (subject: Person, grantor: Person, extra: Partial<GrantInput> = {}): GrantInput => ({
  subjectOid: oid(subject),
  grantorOid: oid(grantor),
  recipient: 'FGIS_MYSCHOOL',
  purpose: 'EDUSIM_MYSCHOOL_TRANSFER',
  scopes: ['fullname'],
  expiresInMinutes: 60,
  ...extra,
});

describe('one active consent per subject, recipient and purpose', () => {
  it('renews the active consent when the same consent is granted 1 000 times', () => {
    const { state, platform, advance } = setup();
    const first = platform.grant(transfer(adult, adult));
    for (let i = 1; i < 1000; i++) {
      advance(60_000);
      const again = platform.grant(transfer(adult, adult, { scopes: ['fullname', `s${i}`] }));
      expect(again.id).toBe(first.id);
    }
    expect(state.consents.size).toBe(1);
    const active = platform.active(oid(adult), 'EDUSIM_MYSCHOOL_TRANSFER');
    expect(active).toEqual({
      id: first.id,
      subjectOid: oid(adult),
      grantorOid: oid(adult),
      recipient: 'FGIS_MYSCHOOL',
      purpose: 'EDUSIM_MYSCHOOL_TRANSFER',
      scopes: ['fullname', 's999'],
      grantedAt: '2026-11-23T23:39:00.000Z',
      expiresAt: '2026-11-24T00:39:00.000Z',
      revokedAt: null,
      status: 'active',
    });
    expect(platform.list(oid(adult))).toEqual([active]);
  });

  it('renews the headless-login transfer consent instead of adding one per login', () => {
    const { state, platform } = setup();
    const ids = new Set(Array.from({ length: 1000 }, () => platform.grantTransfer(oid(adult)).id));
    expect(ids.size).toBe(1);
    expect(state.consents.size).toBe(1);
  });

  it('hands a renewed consent over to the new grantor, in both people’s lists', () => {
    const { platform } = setup();
    const parent = teenParent as Person;
    const byParent = platform.grant(transfer(teen, parent));
    expect(platform.list(oid(parent)).map((c) => c.id)).toEqual([byParent.id]);
    const byTeen = platform.grant(transfer(teen, teen, { scopes: ['snils'] }));
    expect(byTeen).toMatchObject({ id: byParent.id, grantorOid: oid(teen), scopes: ['snils'], status: 'active' });
    expect(platform.list(oid(parent))).toEqual([]);
    expect(platform.list(oid(teen)).map((c) => c.id)).toEqual([byParent.id]);
  });

  it('keeps consents for another recipient or purpose apart', () => {
    const { state, platform } = setup();
    const a = platform.grant(transfer(adult, adult));
    const b = platform.grant(transfer(adult, adult, { recipient: 'VENDOR01' }));
    const c = platform.grant(transfer(adult, adult, { purpose: 'EDU_JOURNAL' }));
    expect(new Set([a.id, b.id, c.id]).size).toBe(3);
    expect(state.consents.size).toBe(3);
    expect(platform.active(oid(adult), 'EDUSIM_MYSCHOOL_TRANSFER', 'VENDOR01')?.id).toBe(b.id);
    expect(platform.active(oid(adult), 'EDU_JOURNAL')?.id).toBe(c.id);
  });

  it('starts a new record once the old one is revoked or has expired', () => {
    const { platform, advance } = setup();
    const first = platform.grant(transfer(adult, adult));
    platform.revoke(first.id, oid(adult));
    advance(1_000);
    const second = platform.grant(transfer(adult, adult));
    expect(second.id).not.toBe(first.id);
    advance(61 * 60_000);
    const third = platform.grant(transfer(adult, adult));
    expect(third.id).not.toBe(second.id);
    expect(platform.list(oid(adult)).map((c) => [c.id, c.status])).toEqual([
      [third.id, 'active'],
      [second.id, 'expired'],
      [first.id, 'revoked'],
    ]);
  });
});

describe('a bounded history per person', () => {
  it(`keeps at most ${CONSENT_HISTORY_LIMIT} revoked records after 50 revoke/grant cycles, dropping the oldest`, () => {
    expect(CONSENT_HISTORY_LIMIT).toBe(20);
    const { state, platform, advance } = setup();
    const ids: string[] = [];
    for (let i = 0; i < 50; i++) {
      advance(60_000);
      const granted = platform.grant(transfer(adult, adult));
      ids.push(granted.id);
      advance(1_000);
      platform.revoke(granted.id, oid(adult));
    }
    expect(new Set(ids).size).toBe(50);
    expect(state.consents.size).toBe(20);
    const listed = platform.list(oid(adult));
    expect(listed.map((c) => c.status)).toEqual(Array(20).fill('revoked'));
    expect(listed.map((c) => c.id)).toEqual(ids.slice(30).reverse());
    advance(60_000);
    const current = platform.grant(transfer(adult, adult));
    expect(state.consents.size).toBe(21);
    expect(platform.active(oid(adult), 'EDUSIM_MYSCHOOL_TRANSFER')?.id).toBe(current.id);
  });

  it('counts expired records in the history too', () => {
    const { state, platform, advance } = setup();
    for (let i = 0; i < 50; i++) {
      platform.grant(transfer(adult, adult, { expiresInMinutes: 1 }));
      advance(2 * 60_000);
    }
    const current = platform.grant(transfer(adult, adult));
    expect(state.consents.size).toBe(21);
    expect(platform.list(oid(adult)).map((c) => c.status)).toEqual(['active', ...Array(20).fill('expired')]);
    expect(platform.active(oid(adult), 'EDUSIM_MYSCHOOL_TRANSFER')?.id).toBe(current.id);
  });

  it('keeps another person’s history out of the count', () => {
    const { state, platform } = setup();
    const other = platform.grant(transfer(teen, teen));
    platform.revoke(other.id, oid(teen));
    for (let i = 0; i < 30; i++) platform.revoke(platform.grant(transfer(adult, adult)).id, oid(adult));
    expect(platform.list(oid(teen)).map((c) => c.id)).toEqual([other.id]);
    expect(state.consents.size).toBe(21);
  });
});

describe('active() reads only the person’s own consents', () => {
  const strangers = (n: number): ConsentRecord[] =>
    Array.from({ length: n }, (_, i) => ({
      id: `stranger-${String(i).padStart(6, '0')}`,
      subjectOid: 2_000_000_000 + i,
      grantorOid: 2_000_000_000 + i,
      recipient: 'FGIS_MYSCHOOL',
      purpose: 'EDUSIM_MYSCHOOL_TRANSFER',
      scopes: [],
      grantedAt: '2026-11-22T00:00:00.000Z',
      expiresAt: null,
      revokedAt: null,
    }));

  /** What one active() call touches: whole-table iterations and records whose status it computed. */
  function workOfActive(others: number): { scans: number; statusReads: number; found: string | undefined } {
    const { state, platform } = setup();
    const mine = platform.grant(transfer(adult, adult));
    platform.revoke(platform.grant(transfer(adult, adult, { purpose: 'EDU_JOURNAL' })).id, oid(adult));
    for (const record of strangers(others)) state.consents.set(record.id, record);
    const table = state.consents;
    const scans = [
      vi.spyOn(table, 'values'),
      vi.spyOn(table, 'entries'),
      vi.spyOn(table, 'keys'),
      vi.spyOn(table, 'forEach'),
      vi.spyOn(table, Symbol.iterator),
    ];
    const status = vi.spyOn(state, 'consentStatus');
    const found = platform.active(oid(adult), 'EDUSIM_MYSCHOOL_TRANSFER')?.id;
    expect(found).toBe(mine.id);
    return { scans: scans.reduce((sum, spy) => sum + spy.mock.calls.length, 0), statusReads: status.mock.calls.length, found };
  }

  it('does the same work with 100 000 other people’s consents present as with none', () => {
    const none = workOfActive(0);
    const many = workOfActive(100_000);
    expect(many.scans).toBe(0);
    expect(none.scans).toBe(0);
    expect(many.statusReads).toBe(none.statusReads);
    expect(many.statusReads).toBeLessThanOrEqual(2);
  });

  it('indexes the strangers by their own oid, not the person’s', () => {
    const { state } = setup();
    for (const record of strangers(1000)) state.consents.set(record.id, record);
    expect(state.consentsAbout(oid(adult))).toEqual([]);
    expect(state.consentsAbout(2_000_000_007).map((c) => c.id)).toEqual(['stranger-000007']);
    expect(state.consentsBy(2_000_000_007).map((c) => c.id)).toEqual(['stranger-000007']);
  });
});
