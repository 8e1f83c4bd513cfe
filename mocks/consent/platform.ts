/**
 * The consent platform: records of who allowed which system to receive whose data, for what.
 * Lives in the world's mutable state; status is computed from the clock on every read, so
 * revocation and expiry bite on the very next request that depends on them.
 *
 * Bounded per person: one active consent per (subject, recipient, purpose) — granting it again
 * renews it — and at most CONSENT_HISTORY_LIMIT ended (revoked or expired) ones per subject. Reads
 * go through the state's per-person indexes, so they cost the same however many people consented.
 */
import { randomUUID } from 'node:crypto';
import {
  describeValue,
  moscowDateOf,
  type ConsentPurpose,
  type ConsentRecord,
  type ConsentStatus,
  type Person,
  type World,
  type WorldState,
} from '../../seeds/index.ts';
import { grantorVerdict, revokerVerdict } from './rules.ts';

/** The longest a consent may last: ten years. */
export const MAX_EXPIRY_MINUTES = 10 * 525_600;

export const CONSENT_PURPOSES: readonly ConsentPurpose[] = ['EDU_JOURNAL', 'KID_SCHOOL', 'KID_EDUCATION', 'EDUSIM_MYSCHOOL_TRANSFER', 'EDUSIM_LESSON_ACCESS'];

/** How many ended (revoked or expired) consents are kept per subject; older ones are dropped. */
export const CONSENT_HISTORY_LIMIT = 20;

/** The «Моя школа» system as a consent recipient. */
export const MYSCHOOL_RECIPIENT = 'FGIS_MYSCHOOL';

export type ConsentErrorCode = 'UNKNOWN_PERSON' | 'GRANTOR_NOT_ALLOWED' | 'BAD_PURPOSE' | 'BAD_EXPIRY' | 'NOT_FOUND' | 'NOT_YOURS' | 'ALREADY_REVOKED';

export class ConsentError extends Error {
  override readonly name = 'ConsentError';
  constructor(
    readonly code: ConsentErrorCode,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

export interface GrantInput {
  readonly subjectOid: number;
  readonly grantorOid: number;
  readonly recipient: string;
  readonly purpose: string;
  readonly scopes: readonly string[];
  /** Minutes from now; null for no expiry. */
  readonly expiresInMinutes: number | null;
}

export interface ConsentView extends ConsentRecord {
  readonly status: ConsentStatus;
}

export class ConsentPlatform {
  constructor(
    readonly world: World,
    readonly state: WorldState,
    readonly now: () => Date,
  ) {}

  /** The date ages count on: the clock's date in Moscow. */
  today(): string {
    return moscowDateOf(this.now());
  }

  #person(oid: number, role: string): Person {
    const person = this.world.personByOid(oid);
    if (!person) throw new ConsentError('UNKNOWN_PERSON', `${role}: нет учётной записи ЕСИА с oid ${oid}`, 404);
    return person;
  }

  view(record: ConsentRecord): ConsentView {
    return { ...record, status: this.state.consentStatus(record, this.now()) };
  }

  /** Newest first by grantedAt (a stable sort: ties keep their order). */
  #newestFirst(records: readonly ConsentRecord[]): ConsentRecord[] {
    return [...records].sort((a, b) => (a.grantedAt < b.grantedAt ? 1 : a.grantedAt > b.grantedAt ? -1 : 0));
  }

  /** The newest active consent about the subject for this purpose and recipient, from the subject's index. */
  #current(subjectOid: number, purpose: ConsentPurpose, recipient: string, now: Date): ConsentRecord | undefined {
    let found: ConsentRecord | undefined;
    for (const c of this.state.consentsAbout(subjectOid)) {
      if (c.purpose !== purpose || c.recipient !== recipient || (found !== undefined && c.grantedAt <= found.grantedAt)) continue;
      if (this.state.consentStatus(c, now) === 'active') found = c;
    }
    return found;
  }

  /**
   * Grants a consent; if one of this subject, recipient and purpose is active it is renewed (same
   * id; new grantor, scopes, grantedAt and expiresAt) instead of a second one being added.
   */
  grant(input: GrantInput): ConsentView {
    if (!CONSENT_PURPOSES.includes(input.purpose as ConsentPurpose)) {
      throw new ConsentError('BAD_PURPOSE', `purpose ${describeValue(input.purpose)} is not valid: expected one of ${CONSENT_PURPOSES.join(', ')}`);
    }
    if (
      input.expiresInMinutes !== null &&
      (!Number.isInteger(input.expiresInMinutes) || input.expiresInMinutes < 1 || input.expiresInMinutes > MAX_EXPIRY_MINUTES)
    ) {
      throw new ConsentError(
        'BAD_EXPIRY',
        `expiresInMinutes ${describeValue(input.expiresInMinutes)} is not valid: expected a whole number of minutes from 1 to ${MAX_EXPIRY_MINUTES} (ten years), or null`,
      );
    }
    const subject = this.#person(input.subjectOid, 'subjectOid');
    const grantor = this.#person(input.grantorOid, 'grantorOid');
    const verdict = grantorVerdict(this.world, subject, grantor, this.today(), this.state.links.get(subject.id));
    if (!verdict.allowed) throw new ConsentError('GRANTOR_NOT_ALLOWED', verdict.message, 403);
    const now = this.now();
    const purpose = input.purpose as ConsentPurpose;
    const terms = {
      grantorOid: input.grantorOid,
      scopes: [...input.scopes],
      grantedAt: now.toISOString(),
      expiresAt: input.expiresInMinutes === null ? null : new Date(now.getTime() + input.expiresInMinutes * 60_000).toISOString(),
    };
    const current = this.#current(input.subjectOid, purpose, input.recipient, now);
    const record: ConsentRecord = current
      ? { ...current, ...terms }
      : {
          id: randomUUID(),
          subjectOid: input.subjectOid,
          grantorOid: terms.grantorOid,
          recipient: input.recipient,
          purpose,
          scopes: terms.scopes,
          grantedAt: terms.grantedAt,
          expiresAt: terms.expiresAt,
          revokedAt: null,
        };
    this.state.putConsent(record);
    this.state.pruneConsentHistory(record.subjectOid, now, CONSENT_HISTORY_LIMIT);
    return this.view(record);
  }

  /** The grantor, a parent of the subject, or the subject from 18 may revoke (`revokerVerdict`). */
  revoke(id: string, byOid: number): ConsentView {
    const record = this.state.consents.get(id);
    if (!record) throw new ConsentError('NOT_FOUND', `согласие ${id} не найдено`, 404);
    const by = this.#person(byOid, 'byOid');
    const subject = this.world.personByOid(record.subjectOid);
    const links = subject && this.state.links.get(subject.id);
    const verdict = revokerVerdict(this.world, record, subject, by, this.today(), links);
    if (!verdict.allowed) throw new ConsentError('NOT_YOURS', verdict.message, 403);
    if (record.revokedAt !== null) throw new ConsentError('ALREADY_REVOKED', `согласие ${id} уже отозвано ${record.revokedAt}`, 409);
    const now = this.now();
    const revoked = { ...record, revokedAt: now.toISOString() };
    this.state.putConsent(revoked);
    this.state.pruneConsentHistory(revoked.subjectOid, now, CONSENT_HISTORY_LIMIT);
    return this.view(revoked);
  }

  /**
   * The data-transfer consent to «Моя школа» for a person, given by whoever the law allows: the
   * person, or a linked parent for a child under 14 (the headless login's `consent`, scenarios).
   */
  grantTransfer(subjectOid: number, linkedParentOids: readonly number[] = []): ConsentView {
    const subject = this.#person(subjectOid, 'subjectOid');
    const today = this.today();
    const links = this.state.links.get(subject.id);
    const grantor = [subjectOid, ...(links ?? linkedParentOids)]
      .map((oid) => this.world.personByOid(oid))
      .find((g) => g !== undefined && grantorVerdict(this.world, subject, g, today, links).allowed);
    if (!grantor?.account)
      throw new ConsentError(
        'GRANTOR_NOT_ALLOWED',
        'consent cannot be given: nobody with an account may consent for this person (a child under 14 needs a linked parent)',
        403,
      );
    return this.grant({
      subjectOid,
      grantorOid: grantor.account.oid,
      recipient: MYSCHOOL_RECIPIENT,
      purpose: 'EDUSIM_MYSCHOOL_TRANSFER',
      scopes: ['fullname', 'birthdate', 'snils', 'kid_school_data'],
      expiresInMinutes: 525_600,
    });
  }

  /** Revokes every active consent about the person (as the grantor of each); returns what it revoked. */
  revokeAllAbout(subjectOid: number): ConsentView[] {
    const now = this.now();
    return this.#newestFirst(this.state.consentsAbout(subjectOid))
      .filter((c) => this.state.consentStatus(c, now) === 'active')
      .map((c) => this.revoke(c.id, c.grantorOid));
  }

  /** Consents where the person is the subject or the grantor, newest first. */
  list(oid: number): ConsentView[] {
    const about = this.state.consentsAbout(oid);
    const given = this.state.consentsBy(oid).filter((c) => c.subjectOid !== oid);
    return this.#newestFirst([...about, ...given]).map((c) => this.view(c));
  }

  /** The active consent of this purpose for this subject and recipient, if any: O(the subject's own consents). */
  active(subjectOid: number, purpose: ConsentPurpose, recipient = MYSCHOOL_RECIPIENT): ConsentView | undefined {
    const current = this.#current(subjectOid, purpose, recipient, this.now());
    return current && this.view(current);
  }
}
