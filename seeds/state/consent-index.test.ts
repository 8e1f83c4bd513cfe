/** The consent indexes of WorldState: by subject and by grantor, kept in step with `consents`. */
import { describe, expect, it } from 'vitest';
import { WorldState, type ConsentRecord } from '../index.ts';

const record = (id: string, subjectOid: number, grantorOid: number, extra: Partial<ConsentRecord> = {}): ConsentRecord => ({
  id,
  subjectOid,
  grantorOid,
  recipient: 'FGIS_MYSCHOOL',
  purpose: 'EDUSIM_MYSCHOOL_TRANSFER',
  scopes: ['fullname'],
  grantedAt: '2026-11-23T07:00:00.000Z',
  expiresAt: null,
  revokedAt: null,
  ...extra,
});
const ids = (records: readonly ConsentRecord[]) => records.map((c) => c.id);

describe('consent indexes', () => {
  it('finds a person’s consents as subject and as grantor', () => {
    const state = new WorldState('w');
    state.putConsent(record('a', 1, 1));
    state.putConsent(record('b', 2, 1));
    state.putConsent(record('c', 2, 3));
    expect(ids(state.consentsAbout(1))).toEqual(['a']);
    expect(ids(state.consentsAbout(2))).toEqual(['b', 'c']);
    expect(ids(state.consentsBy(1))).toEqual(['a', 'b']);
    expect(ids(state.consentsBy(3))).toEqual(['c']);
    expect(state.consentsAbout(99)).toEqual([]);
    expect(state.consentsBy(99)).toEqual([]);
  });

  it('moves a record between grantors when it is replaced, and forgets it when deleted', () => {
    const state = new WorldState('w');
    state.putConsent(record('a', 2, 1));
    state.putConsent(record('a', 2, 3, { scopes: ['snils'] }));
    expect(state.consents.size).toBe(1);
    expect(state.consentsBy(1)).toEqual([]);
    expect(state.consentsBy(3)).toEqual([record('a', 2, 3, { scopes: ['snils'] })]);
    expect(state.consentsAbout(2)).toEqual([record('a', 2, 3, { scopes: ['snils'] })]);
    expect(state.deleteConsent('a')).toBe(true);
    expect(state.deleteConsent('a')).toBe(false);
    expect(state.consentsAbout(2)).toEqual([]);
    expect(state.consentsBy(3)).toEqual([]);
  });

  it('stays right when code writes the public map directly', () => {
    const state = new WorldState('w');
    state.consents.set('a', record('a', 5, 6));
    expect(ids(state.consentsAbout(5))).toEqual(['a']);
    state.consents.delete('a');
    expect(state.consentsAbout(5)).toEqual([]);
    state.consents.set('b', record('b', 5, 6));
    state.consents.clear();
    expect(state.consentsBy(6)).toEqual([]);
  });

  it('rebuilds the indexes on restore, and snapshots the same document as before', () => {
    const state = new WorldState('w');
    state.putConsent(record('z', 1, 1));
    state.putConsent(record('m', 2, 1, { revokedAt: '2026-11-23T08:00:00.000Z' }));
    state.putConsent(record('a', 2, 2));
    const snapshot = state.snapshot();
    expect(snapshot.consents.map((c) => c.id)).toEqual(['a', 'm', 'z']);
    expect(Object.keys(snapshot)).toEqual(['consents', 'links', 'lessonPermissions', 'teacherRights', 'timetableEdits', 'teacherLessons', 'childAccounts']);
    const restored = new WorldState('w2');
    restored.putConsent(record('stale', 2, 9));
    restored.restore(snapshot);
    expect(JSON.stringify(restored.snapshot())).toBe(JSON.stringify(snapshot));
    expect(ids(restored.consentsAbout(2))).toEqual(['a', 'm']);
    expect(ids(restored.consentsBy(1))).toEqual(['m', 'z']);
    expect(restored.consentsBy(9)).toEqual([]);
  });

  it('prunes a subject’s ended consents down to a bound, oldest ended first, never an active one', () => {
    const state = new WorldState('w');
    const now = new Date('2026-11-23T12:00:00.000Z');
    state.putConsent(record('active', 1, 1));
    state.putConsent(record('future', 1, 1, { purpose: 'EDU_JOURNAL', expiresAt: '2026-11-24T00:00:00.000Z' }));
    state.putConsent(record('r10', 1, 1, { revokedAt: '2026-11-23T10:00:00.000Z' }));
    state.putConsent(record('e09', 1, 1, { expiresAt: '2026-11-23T09:00:00.000Z' }));
    state.putConsent(record('r11', 1, 1, { revokedAt: '2026-11-23T11:00:00.000Z' }));
    state.putConsent(record('e08', 1, 1, { expiresAt: '2026-11-23T08:00:00.000Z', revokedAt: '2026-11-23T11:30:00.000Z' }));
    state.putConsent(record('other', 2, 1, { revokedAt: '2026-11-23T07:00:00.000Z' }));
    expect(ids(state.pruneConsentHistory(1, now, 2))).toEqual(['e08', 'e09']);
    expect(ids(state.consentsAbout(1))).toEqual(['active', 'future', 'r10', 'r11']);
    expect(state.pruneConsentHistory(1, now, 2)).toEqual([]);
    expect(ids(state.pruneConsentHistory(1, now, 0))).toEqual(['r10', 'r11']);
    expect(ids(state.consentsAbout(2))).toEqual(['other']);
  });
});
