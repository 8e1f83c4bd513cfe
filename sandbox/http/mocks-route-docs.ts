/**
 * The route declarations of mocks/ that the host needs: the declaration type and helpers
 * (`mocks/http/route-doc.ts`) and the simulators' route tables. TEMPORARY deep imports, until
 * `mocks/index.ts` exports them (the lines to add there are below); then this file re-exports
 * from `../../mocks/index.ts` and the eslint exception goes.
 *
 *   export * from './http/route-doc.ts';
 *   export { ESIA_ROUTES } from './esia/routes-doc.ts';
 *   export { CONSENT_ROUTES } from './consent/routes-doc.ts';
 *   export { DIARY_ROUTES } from './diary/routes-doc.ts';
 *   export { ScheduleSchema, OperationOutcomeSchema, contractViolations } from './diary/contract.ts';
 */
/* eslint-disable no-restricted-imports */
export * from '../../mocks/http/route-doc.ts';
export { ESIA_ROUTES } from '../../mocks/esia/routes-doc.ts';
export { CONSENT_ROUTES } from '../../mocks/consent/routes-doc.ts';
export { DIARY_ROUTES } from '../../mocks/diary/routes-doc.ts';
export { ScheduleSchema, OperationOutcomeSchema } from '../../mocks/diary/contract.ts';
