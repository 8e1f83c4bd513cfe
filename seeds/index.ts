/**
 * seeds/ — the deterministic synthetic world every simulator reads. Imports nothing of edusim's.
 */
export { createWorld, World, SCALES, DEFAULT_REGION, DEFAULT_DATE, resolveWorldOptions } from './world/world.ts';
export type { Scale, WorldOptions, ResolvedWorldOptions, NameQuery } from './world/world.ts';
export type { Person, EsiaAccount, Membership, TrustLevel, Passport, BirthCertificate, Contacts, Sex, PersonKind } from './world/types.ts';
export type { RegionPeople } from './world/people.ts';
export type { RegionLayout, School, Municipality } from './world/region-layout.ts';
export { className } from './world/region-layout.ts';
export { REGIONS, SUBJECT_HOURS } from './data/tables.ts';
export type { RegionRow } from './data/tables.ts';
export { SUBJECTS, curriculum, weeklyHours, TALKS_SUBJECT } from './world/subjects.ts';
export { Journal, roundMark } from './world/journal.ts';
export type { Lesson, Mark, AttendanceMark, AttendanceCode, PeriodMark } from './world/journal.ts';
export { Catalogue, LIBRARY_SUBJECTS, LIBRARY_ITEM_TYPES, LIBRARY_PROVIDERS, DEFAULT_CATALOGUE_SIZE } from './world/catalogue.ts';
export type { LibraryItem, LibraryItemType, LibrarySubject } from './world/catalogue.ts';
export { schoolYearOf, ageOn, ruDate, dayOf, isoOf, moscowDateOf, BELLS } from './world/calendar.ts';
export type { SchoolYear } from './world/calendar.ts';
export { worldStats, regionStats } from './world/stats.ts';
export { countedAs } from './world/child-accounts.ts';
export type { ChildAccountCount } from './world/child-accounts.ts';
export type { WorldStats, RegionStats } from './world/stats.ts';
export { PERSONAS, PERSONA_HANDLES, findPersona, personaDefinition, personaRegion, personaSummaries } from './personas/catalogue.ts';
export type { PersonaDefinition, ResolvedPersona, LoginOutcome, AccessCheckCode, PersonaSummary } from './personas/catalogue.ts';
export { WorldState, StateStore } from './state/world-state.ts';
export type { ConsentRecord, ConsentPurpose, ConsentStatus, StateSnapshot, TimetableEdit } from './state/world-state.ts';
export { writeStateFile, readStateFile, parseStateDocument, stateDocument, StateFileError, STATE_FORMAT, STATE_VERSION } from './state/state-file.ts';
export type { StateFile } from './state/state-file.ts';
export { exportWorld, checkOutDir } from './export/export-world.ts';
export type { ExportOptions, ExportSummary } from './export/export-world.ts';
export { EXPORT_FORMATS } from './export/writer.ts';
export type { ExportFormat } from './export/writer.ts';
export { WorldInputError } from './errors.ts';
export { describeValue } from './describe-value.ts';
export { isValidSnils, isValidInn, isValidOgrn, isValidKpp } from './ids/checksums.ts';
export { Lru } from './world/lru.ts';
