/** The public shapes of the world's people and memberships. */
import type { Sex } from '../names/pools.ts';
import type { PersonKind } from './slots.ts';

export type { Sex, PersonKind };

export type TrustLevel = 'simplified' | 'standard' | 'confirmed';

export interface EsiaAccount {
  /** ESIA user id, 10 digits. */
  readonly oid: number;
  readonly level: TrustLevel;
  /** A child account (детская учётная запись) created by a parent before the child turned 14. */
  readonly createdByParent: boolean;
  /** oids of the parents the account is linked to (a child's account only). */
  readonly linkedParentOids: readonly number[];
}

export interface BirthCertificate {
  readonly type: 'RF_BRTH_CERT';
  readonly series: string;
  readonly number: string;
  readonly issueDate: string;
  readonly issuedBy: string;
}

export interface Passport {
  readonly type: 'RF_PASSPORT';
  readonly series: string;
  readonly number: string;
  readonly issueDate: string;
  readonly issueId: string;
  readonly issuedBy: string;
}

export interface Contacts {
  readonly email: string | null;
  readonly mobile: string | null;
}

export type Membership =
  | { readonly role: 'pupil'; readonly schoolId: string; readonly classId: string; readonly className: string; readonly grade: number }
  | { readonly role: 'parent'; readonly childIds: readonly string[] }
  | {
      readonly role: 'teacher';
      readonly schoolId: string;
      readonly subjects: readonly string[];
      readonly weeklyHours: number;
      readonly libraryRights: boolean;
      readonly classTeacherOf: readonly string[];
    }
  | { readonly role: 'administrator'; readonly schoolId: string; readonly post: string };

export interface Person {
  /** Stable registry id: `<region>-<kind>-<n>`. */
  readonly id: string;
  readonly slot: number;
  readonly kind: PersonKind;
  /** The region whose registry holds the person. */
  readonly regionCode: string;
  /** Where the person lives (a parent may live in another region). */
  readonly homeRegionCode: string;
  readonly lastName: string;
  readonly firstName: string;
  readonly middleName: string;
  readonly sex: Sex;
  /** ISO date. */
  readonly birthDate: string;
  readonly birthPlace: string;
  readonly snils: string;
  readonly inn: string | null;
  /** Citizenship as ESIA holds it (from the documents; a child account created by a parent has it too). */
  readonly citizenship: 'RUS' | null;
  /** Citizenship in the ГИС РУО record: null where the registry misses it (a data-quality failure regions are judged on). */
  readonly registryCitizenship: 'RUS' | null;
  readonly documents: readonly (BirthCertificate | Passport)[];
  readonly contacts: Contacts;
  readonly address: string;
  readonly account: EsiaAccount | null;
  /** The parent's permission for digital lessons (a pupil of 14+ gives it alone). */
  readonly lessonPermission: boolean;
  readonly memberships: readonly Membership[];
}
