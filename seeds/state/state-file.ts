/**
 * The mutable state on disk: one JSON document with a format name and version, written to a
 * temporary file and renamed into place so a crash never leaves half a file.
 */
import { randomBytes } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { describeValue } from '../describe-value.ts';
import type { ResolvedWorldOptions } from '../world/world.ts';
import type { StateSnapshot, WorldState } from './world-state.ts';

export const STATE_FORMAT = 'edusim-state';
export const STATE_VERSION = 1;

export interface StateFile {
  readonly format: typeof STATE_FORMAT;
  readonly version: typeof STATE_VERSION;
  readonly worldId: string;
  readonly world: Pick<ResolvedWorldOptions, 'seed' | 'scale' | 'region' | 'asOf'>;
  readonly state: StateSnapshot;
}

export class StateFileError extends Error {
  override readonly name = 'StateFileError';
}

export async function writeStateFile(path: string, state: WorldState, world: StateFile['world']): Promise<void> {
  const document = stateDocument(state, world);
  const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(temporary, `${JSON.stringify(document, null, 2)}\n`, { flag: 'wx' });
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads and checks a state file; the state is restored only when the whole file is valid. */
export async function readStateFile(path: string): Promise<StateFile> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new StateFileError(`${path}: not a readable JSON state file (${(error as Error).message})`);
  }
  return parseStateDocument(parsed, path);
}

/** Checks a parsed state document (from a file or an admin request); `source` names it in errors. */
export function parseStateDocument(parsed: unknown, source: string): StateFile {
  if (!isRecord(parsed) || parsed['format'] !== STATE_FORMAT) {
    throw new StateFileError(`${source}: "format" must be "${STATE_FORMAT}", got ${describeValue(isRecord(parsed) ? parsed['format'] : parsed)}`);
  }
  if (parsed['version'] !== STATE_VERSION) {
    throw new StateFileError(
      `${source}: state format version ${describeValue(parsed['version'])} is not supported: this edusim reads version ${STATE_VERSION}`,
    );
  }
  const state = parsed['state'];
  if (
    !isRecord(state) ||
    !Array.isArray(state['consents']) ||
    !isRecord(state['links']) ||
    !isRecord(state['lessonPermissions']) ||
    !isRecord(state['teacherRights']) ||
    !Array.isArray(state['timetableEdits']) ||
    typeof parsed['worldId'] !== 'string' ||
    !isRecord(parsed['world'])
  ) {
    throw new StateFileError(`${source}: "state" must hold consents, links, lessonPermissions, teacherRights and timetableEdits`);
  }
  return parsed as unknown as StateFile;
}

/** The document `writeStateFile` writes, for an admin API to return. */
export function stateDocument(state: WorldState, world: StateFile['world']): StateFile {
  return { format: STATE_FORMAT, version: STATE_VERSION, worldId: state.worldId, world, state: state.snapshot() };
}
