/** mocks/ — the outside systems over their own protocols (ESIA, consents, ГИС РУО, diaries, ЦОК). */
export { evaluateLessonAccess } from './library/access-check.ts';
export type { LessonAccess, AccessCheck, AccessRole } from './library/access-check.ts';
