/**
 * The logins made in a sandbox: for each ESIA account (by oid), the instants its tokens were
 * issued after a login, newest kept. Part of the sandbox's snapshot; the activity indicators lay it
 * over the world's login history (docs/indicators.md «Activity»).
 */

/** Instants kept per person: more than any indicator window needs (one a day is enough for them). */
export const LOGINS_KEPT_PER_PERSON = 32;
/** People kept: beyond this, the one whose latest login is the oldest is forgotten first. */
export const LOGIN_PEOPLE_KEPT = 100_000;

export interface LoginRecord {
  readonly oid: number;
  /** ISO instants, oldest first. */
  readonly at: string[];
}

export class LoginLog {
  /** oid → login instants (ms), oldest first; the map's order is by latest login, oldest first. */
  readonly #byOid = new Map<number, number[]>();

  get size(): number {
    return this.#byOid.size;
  }

  record(oid: number, at: Date): void {
    const times = this.#byOid.get(oid) ?? [];
    this.#byOid.delete(oid);
    const ms = at.getTime();
    let i = times.length;
    while (i > 0 && (times[i - 1] ?? 0) > ms) i--;
    times.splice(i, 0, ms);
    if (times.length > LOGINS_KEPT_PER_PERSON) times.splice(0, times.length - LOGINS_KEPT_PER_PERSON);
    this.#byOid.set(oid, times);
    while (this.#byOid.size > LOGIN_PEOPLE_KEPT) this.#byOid.delete(this.#byOid.keys().next().value as number);
  }

  /** Each person's last login at or before `now` (people whose logins all come later are left out). */
  *lastLogins(now: Date): Generator<{ readonly oid: number; readonly at: Date }> {
    const limit = now.getTime();
    for (const [oid, times] of this.#byOid) {
      const last = times.findLast((ms) => ms <= limit);
      if (last !== undefined) yield { oid, at: new Date(last) };
    }
  }

  records(): LoginRecord[] {
    return [...this.#byOid].map(([oid, times]) => ({ oid, at: times.map((ms) => new Date(ms).toISOString()) }));
  }

  restore(records: readonly LoginRecord[]): void {
    this.#byOid.clear();
    for (const { oid, at } of records) for (const instant of at) this.record(oid, new Date(instant));
  }

  clear(): void {
    this.#byOid.clear();
  }
}
