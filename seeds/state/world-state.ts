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

/** An ESIA account made at run time for someone the world generated without one (a parent creating a child's account). */
export interface CreatedAccount {
  /** The oid the world reserves for the person (`World.oidOf(slot)`). */
  readonly oid: number;
  /** The parents the account is linked to: the one who created it first. */
  readonly linkedParentOids: readonly number[];
  /** ISO instant, sandbox time. */
  readonly createdAt: string;
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
  /** pupil person id → the child account created at run time (absent in older documents). */
  readonly childAccounts?: Readonly<Record<string, CreatedAccount>>;
}

/**
 * The consents by id, indexed by subject oid and by grantor oid. Every write — through
 * WorldState's methods or straight to the map (`set`, `delete`, `clear`) — keeps the indexes in
 * step, so a person's consents are found without scanning everyone's.
 */
/** Counts the writes to a WorldState's maps, so a store can tell a changed state from an unchanged one without serialising it. */
class Revision {
  value = 0;
}

/** A map that counts its writes. */
class CountedMap<K, V> extends Map<K, V> {
  constructor(readonly revision: Revision) {
    super();
  }

  override set(key: K, value: V): this {
    this.revision.value++;
    return super.set(key, value);
  }

  override delete(key: K): boolean {
    this.revision.value++;
    return super.delete(key);
  }

  override clear(): void {
    this.revision.value++;
    super.clear();
  }
}

class ConsentTable extends CountedMap<string, ConsentRecord> {
  readonly #bySubject = new Map<number, Map<string, ConsentRecord>>();
  readonly #byGrantor = new Map<number, Map<string, ConsentRecord>>();

  override set(id: string, record: ConsentRecord): this {
    const old = super.get(id);
    if (old) this.#unindex(id, old);
    super.set(id, record);
    add(this.#bySubject, record.subjectOid, id, record);
    add(this.#byGrantor, record.grantorOid, id, record);
    return this;
  }

  override delete(id: string): boolean {
    const old = super.get(id);
    if (!old) return false;
    this.#unindex(id, old);
    return super.delete(id);
  }

  override clear(): void {
    super.clear();
    this.#bySubject.clear();
    this.#byGrantor.clear();
  }

  about(oid: number): ConsentRecord[] {
    return [...(this.#bySubject.get(oid)?.values() ?? [])];
  }

  by(oid: number): ConsentRecord[] {
    return [...(this.#byGrantor.get(oid)?.values() ?? [])];
  }

  #unindex(id: string, record: ConsentRecord): void {
    remove(this.#bySubject, record.subjectOid, id);
    remove(this.#byGrantor, record.grantorOid, id);
  }
}

function add(index: Map<number, Map<string, ConsentRecord>>, oid: number, id: string, record: ConsentRecord): void {
  let bucket = index.get(oid);
  if (!bucket) {
    bucket = new Map();
    index.set(oid, bucket);
  }
  bucket.set(id, record);
}

function remove(index: Map<number, Map<string, ConsentRecord>>, oid: number, id: string): void {
  const bucket = index.get(oid);
  if (bucket?.delete(id) && bucket.size === 0) index.delete(oid);
}

/** When a consent stopped being active: its revocation or its expiry, whichever came first (ms). */
function endedAt(consent: ConsentRecord): number {
  const revoked = consent.revokedAt === null ? Infinity : Date.parse(consent.revokedAt);
  const expired = consent.expiresAt === null ? Infinity : Date.parse(consent.expiresAt);
  return Math.min(revoked, expired);
}

export class WorldState {
  readonly #revision = new Revision();
  readonly #consents = new ConsentTable(this.#revision);
  /** Consents by id: the source of truth (readable by anyone; writes keep the subject and grantor indexes). */
  readonly consents: Map<string, ConsentRecord> = this.#consents;
  readonly links: Map<string, readonly number[]> = new CountedMap(this.#revision);
  readonly lessonPermissions: Map<string, boolean> = new CountedMap(this.#revision);
  readonly teacherRights: Map<string, boolean> = new CountedMap(this.#revision);
  readonly timetableEdits: Map<string, TimetableEdit> = new CountedMap(this.#revision);
  readonly teacherLessons: Map<string, number> = new CountedMap(this.#revision);
  readonly childAccounts: Map<string, CreatedAccount> = new CountedMap(this.#revision);

  /** Goes up on every write to the state (any map): equal revisions mean an unchanged state. */
  get revision(): number {
    return this.#revision.value;
  }

  constructor(readonly worldId: string) {}

  /** Adds a consent, or replaces the one with its id. */
  putConsent(record: ConsentRecord): ConsentRecord {
    this.consents.set(record.id, record);
    return record;
  }

  deleteConsent(id: string): boolean {
    return this.consents.delete(id);
  }

  /** Consents whose subject is the person (in the order they were last written). */
  consentsAbout(oid: number): ConsentRecord[] {
    return this.#consents.about(oid);
  }

  /** Consents the person gave (as grantor), in the order they were last written. */
  consentsBy(oid: number): ConsentRecord[] {
    return this.#consents.by(oid);
  }

  /**
   * Keeps at most `keep` of the person's ended (revoked or expired at `now`) consents, dropping
   * those that ended first; active ones are never dropped. Returns what it dropped, oldest first.
   */
  pruneConsentHistory(subjectOid: number, now: Date, keep: number): ConsentRecord[] {
    const ended = this.consentsAbout(subjectOid).filter((c) => this.consentStatus(c, now) !== 'active');
    if (ended.length <= keep) return [];
    ended.sort((a, b) => endedAt(a) - endedAt(b) || (a.grantedAt < b.grantedAt ? -1 : a.grantedAt > b.grantedAt ? 1 : a.id < b.id ? -1 : 1));
    const dropped = ended.slice(0, ended.length - keep);
    for (const c of dropped) this.consents.delete(c.id);
    return dropped;
  }

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
      childAccounts: sorted(this.childAccounts),
    };
  }

  /** Replaces everything with a snapshot (all or nothing: the snapshot is checked first); rebuilds the consent indexes. */
  restore(snapshot: StateSnapshot): void {
    this.consents.clear();
    this.links.clear();
    this.lessonPermissions.clear();
    this.teacherRights.clear();
    this.timetableEdits.clear();
    this.teacherLessons.clear();
    this.childAccounts.clear();
    for (const consent of snapshot.consents) this.putConsent(consent);
    for (const [k, v] of Object.entries(snapshot.links)) this.links.set(k, v);
    for (const [k, v] of Object.entries(snapshot.lessonPermissions)) this.lessonPermissions.set(k, v);
    for (const [k, v] of Object.entries(snapshot.teacherRights)) this.teacherRights.set(k, v);
    for (const edit of snapshot.timetableEdits) this.timetableEdits.set(edit.key, edit);
    for (const [k, v] of Object.entries(snapshot.teacherLessons ?? {})) this.teacherLessons.set(k, v);
    for (const [k, v] of Object.entries(snapshot.childAccounts ?? {})) this.childAccounts.set(k, v);
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
