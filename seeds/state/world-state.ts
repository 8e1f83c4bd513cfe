/**
 * Everything that changes at run time, kept apart from the derived world: consents, account
 * links, lesson permissions, teacher rights, timetable edits. One WorldState per world; a
 * StateStore keeps many independent worlds in one process, keyed by world id.
 */

export type ConsentPurpose = 'EDU_JOURNAL' | 'KID_SCHOOL' | 'KID_EDUCATION' | 'EDUSIM_MYSCHOOL_TRANSFER' | 'EDUSIM_LESSON_ACCESS';
export type ConsentStatus = 'active' | 'revoked' | 'expired';

export interface ConsentRecord {
  readonly id: string;
  /** oid of the person whose data it is. */
  readonly subjectOid: number;
  readonly grantorOid: number;
  readonly recipient: string;
  readonly purpose: ConsentPurpose;
  readonly scopes: readonly string[];
  /** ISO timestamps. */
  readonly grantedAt: string;
  readonly expiresAt: string | null;
  readonly revokedAt: string | null;
}

export interface TimetableEdit {
  /** `<classId>|<date>|<lesson number>` */
  readonly key: string;
  readonly cancelled: boolean;
  readonly subject?: string;
  readonly topic?: string;
}

export interface StateSnapshot {
  readonly consents: readonly ConsentRecord[];
  /** pupil person id → linked parent oids (replaces the derived links). */
  readonly links: Readonly<Record<string, readonly number[]>>;
  /** pupil person id → whether lesson permission is given. */
  readonly lessonPermissions: Readonly<Record<string, boolean>>;
  /** teacher person id → whether the school granted ЦОК rights. */
  readonly teacherRights: Readonly<Record<string, boolean>>;
  readonly timetableEdits: readonly TimetableEdit[];
  /** teacher person id → weekly lessons the school added to the timetable (absent in older documents). */
  readonly teacherLessons?: Readonly<Record<string, number>>;
}

export class WorldState {
  readonly consents = new Map<string, ConsentRecord>();
  readonly links = new Map<string, readonly number[]>();
  readonly lessonPermissions = new Map<string, boolean>();
  readonly teacherRights = new Map<string, boolean>();
  readonly timetableEdits = new Map<string, TimetableEdit>();
  readonly teacherLessons = new Map<string, number>();

  constructor(readonly worldId: string) {}

  consentStatus(consent: ConsentRecord, now: Date): ConsentStatus {
    if (consent.revokedAt !== null) return 'revoked';
    if (consent.expiresAt !== null && Date.parse(consent.expiresAt) <= now.getTime()) return 'expired';
    return 'active';
  }

  snapshot(): StateSnapshot {
    const sorted = <V>(map: Map<string, V>) => Object.fromEntries([...map].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    return {
      consents: [...this.consents.values()].sort((a, b) => (a.id < b.id ? -1 : 1)),
      links: sorted(this.links),
      lessonPermissions: sorted(this.lessonPermissions),
      teacherRights: sorted(this.teacherRights),
      timetableEdits: [...this.timetableEdits.values()].sort((a, b) => (a.key < b.key ? -1 : 1)),
      teacherLessons: sorted(this.teacherLessons),
    };
  }

  /** Replaces everything with a snapshot (all or nothing: the snapshot is checked first). */
  restore(snapshot: StateSnapshot): void {
    this.consents.clear();
    this.links.clear();
    this.lessonPermissions.clear();
    this.teacherRights.clear();
    this.timetableEdits.clear();
    this.teacherLessons.clear();
    for (const consent of snapshot.consents) this.consents.set(consent.id, consent);
    for (const [k, v] of Object.entries(snapshot.links)) this.links.set(k, v);
    for (const [k, v] of Object.entries(snapshot.lessonPermissions)) this.lessonPermissions.set(k, v);
    for (const [k, v] of Object.entries(snapshot.teacherRights)) this.teacherRights.set(k, v);
    for (const edit of snapshot.timetableEdits) this.timetableEdits.set(edit.key, edit);
    for (const [k, v] of Object.entries(snapshot.teacherLessons ?? {})) this.teacherLessons.set(k, v);
  }
}

export class StateStore {
  readonly #states = new Map<string, WorldState>();

  get(worldId: string): WorldState {
    let state = this.#states.get(worldId);
    if (!state) {
      state = new WorldState(worldId);
      this.#states.set(worldId, state);
    }
    return state;
  }

  has(worldId: string): boolean {
    return this.#states.has(worldId);
  }

  delete(worldId: string): boolean {
    return this.#states.delete(worldId);
  }

  get worldIds(): string[] {
    return [...this.#states.keys()];
  }
}
