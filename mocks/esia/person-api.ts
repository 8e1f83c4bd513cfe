/**
 * ESIA's person REST payloads (docs/esia.md «Person REST»): field names and formats as the
 * real service writes them, filtered by the scopes the token carries.
 */
import { eTagOf, hashString, uuidOf } from './util.ts';
import { ruDate, type Person, type School, type World } from '../../seeds/index.ts';

type Payload = Record<string, unknown>;

/** An element as ESIA writes one: its fields, then `eTag` (40 hex digits) over them. */
function tagged(element: Payload): Payload {
  return { ...element, eTag: eTagOf(element) };
}

/** ESIA's collection: `{stateFacts: ["hasSize"], size, eTag, elements}` — elements as objects or as links. */
export function collection(elements: readonly unknown[]): Payload {
  return { stateFacts: ['hasSize'], size: elements.length, eTag: eTagOf(elements), elements };
}

export function personPayload(person: Person, scopes: ReadonlySet<string>, kid = false): Payload {
  const has = (s: string) => scopes.has(kid ? `kid_${s}` : s);
  const payload: Payload = { stateFacts: ['EntityRoot'] };
  if (has('fullname')) Object.assign(payload, { firstName: person.firstName, lastName: person.lastName, middleName: person.middleName });
  if (has('birthdate')) payload['birthDate'] = ruDate(person.birthDate);
  if (has('birthplace') || kid) payload['birthPlace'] = person.birthPlace;
  if (has('gender')) payload['gender'] = person.sex;
  if (has('snils')) payload['snils'] = person.snils;
  if (has('inn') && person.inn) payload['inn'] = person.inn;
  if (has('citizenship') || has('fullname')) payload['citizenship'] = person.citizenship ?? undefined;
  if (has('id_doc')) {
    const doc = person.documents.find((d) => d.type === 'RF_PASSPORT');
    if (doc) payload['rIdDoc'] = documentId(person, 0);
  }
  Object.assign(payload, {
    trusted: person.account?.level === 'confirmed',
    status: 'REGISTERED',
    verifying: false,
    updatedOn: 1_700_000_000 + (hashString(person.id) % 60_000_000),
    containsUpCfmCode: false,
    rfgUOperatorCheck: false,
    kidAccCreatedByParent: person.account?.createdByParent ?? false,
  });
  if (kid) payload['id'] = person.account?.oid ?? 900_000_000 + (hashString(person.id) % 99_999_999);
  return { ...payload, eTag: eTagOf({ ...payload, level: person.account?.level }) };
}

export function documentId(person: Person, index: number): number {
  return 10_000_000 + ((hashString(`${person.id}:doc:${index}`) + index) % 89_999_999);
}

export function documents(person: Person): Payload[] {
  return person.documents.map((doc, i) =>
    tagged({
      stateFacts: ['Identifiable'],
      id: documentId(person, i),
      vrfStu: 'VERIFIED',
      ...(doc.type === 'RF_PASSPORT'
        ? { type: 'RF_PASSPORT', series: doc.series, number: doc.number, issueDate: ruDate(doc.issueDate), issueId: doc.issueId, issuedBy: doc.issuedBy }
        : { type: 'RF_BRTH_CERT', series: doc.series, number: doc.number, issueDate: ruDate(doc.issueDate), issuedBy: doc.issuedBy }),
    }),
  );
}

/** The work e-mail of staff (`CEM`): their mailbox name at the school's mail domain; null for others. */
function workEmail(world: World, person: Person): string | null {
  const staff = person.memberships.find((m) => m.role === 'teacher' || m.role === 'administrator');
  const school = staff && world.region(person.regionCode).layout.schools.find((s) => s.id === staff.schoolId);
  const domain = school?.email.split('@')[1];
  const mailbox = person.contacts.email?.split('@')[0];
  return domain && mailbox ? `${mailbox}@${domain}` : null;
}

/**
 * Contacts with ESIA's types: `EML` personal e-mail, `MBT` mobile, `CEM` work e-mail (staff);
 * `PHN` home and `CPH` work phones exist in ESIA but the world has none.
 */
export function contacts(world: World, person: Person, scopes: ReadonlySet<string>): Payload[] {
  const list: Payload[] = [];
  const base = 20_000_000 + (hashString(`${person.id}:ctts`) % 70_000_000);
  const email = scopes.has('email') || scopes.has('contacts');
  const contact = (offset: number, type: string, vrfStu: string, value: string) =>
    tagged({ stateFacts: ['Identifiable'], id: base + offset, type, vrfStu, value });
  if (person.contacts.email && email) list.push(contact(0, 'EML', 'VERIFIED', person.contacts.email));
  if (person.contacts.mobile && (scopes.has('mobile') || scopes.has('contacts'))) list.push(contact(1, 'MBT', 'VERIFIED', person.contacts.mobile));
  const work = email ? workEmail(world, person) : null;
  if (work) list.push(contact(2, 'CEM', 'NOT_VERIFIED', work));
  return list;
}

/**
 * Registration (`PRG`) and residence (`PLV`) addresses. `fiasCode` has ФИАС's format (a UUID)
 * but is derived from the address text: the world's addresses are not in ФИАС.
 */
export function addresses(person: Person): Payload[] {
  const parts = person.address.split(', ');
  const base = 30_000_000 + (hashString(`${person.id}:addrs`) % 60_000_000);
  const entry = (id: number, type: 'PLV' | 'PRG') =>
    tagged({
      stateFacts: ['Identifiable'],
      id,
      type,
      addressStr: person.address,
      fiasCode: uuidOf(person.address),
      zipCode: /^\d{6}$/.test(parts[0] ?? '') ? parts[0] : undefined,
      region: parts.find((p) => /област|край|республик|г\. Москва|Санкт/i.test(p)),
      city: parts.find((p) => /^(г|с|д|п)\. /.test(p)),
      street: parts.find((p) => /^(ул|пр-т)\. /.test(p)),
      house: parts.find((p) => p.startsWith('д. '))?.slice(3),
      flat: parts.find((p) => p.startsWith('кв. '))?.slice(4),
      countryId: 'RUS',
    });
  return [entry(base, 'PRG'), entry(base + 1, 'PLV')];
}

/** Organisation oids encode the school: 1 500 000 000 + region ordinal × 100 000 + school index. */
export const ORG_OID_BASE = 1_500_000_000;

export function orgOidOf(world: World, school: School): number {
  const ordinal = world.region(school.regionCode).layout.ordinal;
  return ORG_OID_BASE + ordinal * 100_000 + school.index;
}

export function schoolOfOrgOid(world: World, orgOid: number): School | undefined {
  const rest = orgOid - ORG_OID_BASE;
  if (!Number.isInteger(rest) || rest < 0) return undefined;
  const ordinal = Math.floor(rest / 100_000);
  const code = world.regions.find((r) => world.region(r.code).layout.ordinal === ordinal)?.code;
  return code === undefined ? undefined : world.region(code).layout.schools[rest % 100_000];
}

export function orgPayload(world: World, school: School): Payload {
  return tagged({
    oid: orgOidOf(world, school),
    stateFacts: ['EntityRoot'],
    type: 'LEGAL',
    shortName: school.shortName,
    fullName: school.fullName,
    ogrn: school.ogrn,
    inn: school.inn,
    kpp: school.kpp,
    leg: '75403',
    agencyType: 'EDUCATIONAL',
    isLiquidated: false,
    branch: school.headSchoolIndex !== null,
  });
}

export function roles(world: World, person: Person): Payload[] {
  return person.memberships.flatMap((m) => {
    if (m.role !== 'teacher' && m.role !== 'administrator') return [];
    const school = world.region(person.regionCode).layout.schools.find((s) => s.id === m.schoolId);
    if (!school) return [];
    return [
      tagged({
        oid: orgOidOf(world, school),
        prnOid: person.account?.oid,
        fullName: school.fullName,
        shortName: school.shortName,
        ogrn: school.ogrn,
        type: 'LEGAL',
        chief: m.role === 'administrator' && m.post === 'Директор',
        admin: m.role === 'administrator',
        active: true,
        hasRightOfSubstitution: false,
        hasApprovalTabAccess: false,
        isLiquidated: false,
      }),
    ];
  });
}
