import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readStateFile, StateStore, writeStateFile } from '../index.ts';

const world = { seed: 42, scale: 'demo' as const, region: '36', asOf: '2026-11-23' };

describe('mutable state', () => {
  it('keeps independent worlds apart in one store', () => {
    const store = new StateStore();
    store.get('a').lessonPermissions.set('36-pupil-1', true);
    expect(store.get('b').lessonPermissions.size).toBe(0);
    expect(store.worldIds).toEqual(['a', 'b']);
  });

  it('exports to a file and imports back exactly, leaving no temporary file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'edusim-state-'));
    const store = new StateStore();
    const state = store.get('w1');
    state.consents.set('c1', {
      id: 'c1',
      subjectOid: 1000299681,
      grantorOid: 1000299654,
      recipient: 'myschool',
      purpose: 'EDUSIM_MYSCHOOL_TRANSFER',
      scopes: ['fullname', 'birthdate'],
      grantedAt: '2026-11-23T10:00:00.000Z',
      expiresAt: null,
      revokedAt: null,
    });
    state.links.set('36-pupil-5', [1000299654]);
    state.teacherRights.set('36-teacher-3', true);
    state.timetableEdits.set('36-class-1|2026-11-24|2', { key: '36-class-1|2026-11-24|2', cancelled: true });
    const path = join(dir, 'state.json');
    await writeStateFile(path, state, world);
    expect(await readdir(dir)).toEqual(['state.json']);
    const file = await readStateFile(path);
    const restored = new StateStore().get(file.worldId);
    restored.restore(file.state);
    expect(restored.snapshot()).toEqual(state.snapshot());
    expect(file.world).toEqual(world);
  });

  it('refuses a file of another format version, or not a state file, naming what is wrong', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'edusim-state-'));
    const path = join(dir, 'old.json');
    await writeFile(path, JSON.stringify({ format: 'edusim-state', version: 0, state: {} }));
    await expect(readStateFile(path)).rejects.toThrow(`${path}: state format version 0 is not supported: this edusim reads version 1`);
    await writeFile(path, '{"format": "something-else"}');
    await expect(readStateFile(path)).rejects.toThrow(`${path}: "format" must be "edusim-state", got "something-else"`);
    await writeFile(path, '{broken');
    await expect(readStateFile(path)).rejects.toThrow(`${path}: not a readable JSON state file`);
    expect(await readFile(path, 'utf8')).toBe('{broken');
  });
});
