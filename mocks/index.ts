/** mocks/ — the outside systems over their own protocols (ESIA, consents, ГИС РУО, diaries, ЦОК). */
export { evaluateLessonAccess } from './library/access-check.ts';
export type { LessonAccess, AccessCheck, AccessRole } from './library/access-check.ts';
export * from './esia/index.ts';
export { ConsentPlatform, ConsentError, CONSENT_PURPOSES, MYSCHOOL_RECIPIENT } from './consent/platform.ts';
export type { ConsentView, GrantInput } from './consent/platform.ts';
export { grantorVerdict } from './consent/rules.ts';
export { ConsentRoutes } from './consent/routes.ts';
export { mountSimulator, dropConnection } from './http/fastify-adapter.ts';
export type { SimRequest, SimResponse, SimHandler } from './http/sim-http.ts';
export { jsonTooDeep, MAX_JSON_DEPTH, DROPPED_HEADER } from './http/sim-http.ts';
export { zodProblem } from './http/problem.ts';
export { RegionalDiary, RegionalDiaries, DEFAULT_DIARY_CLIENT, outcome as outcomeResponse } from './diary/regional-diary.ts';
export type { DiaryFault, DiaryClient } from './diary/regional-diary.ts';
export { checkSchedule, checkOperationOutcome } from './diary/contract.ts';
export { DiaryFaultSchema } from './diary/fault.ts';
export type { Schedule, ScheduleSchool, ScheduleClass, ScheduleLesson, OperationOutcome } from './diary/contract.ts';
