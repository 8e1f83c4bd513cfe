/**
 * `edusim/client` — the typed client of a running edusim: sandboxes and their clocks, scenarios,
 * fault rules and request journal; personas and people; one-call logins; consents; GraphQL as
 * the logged-in person. It loads nothing but itself: the shapes come from edusim's declared
 * schemas as types only, and it calls edusim with `fetch` (the global one, or yours). See docs/client.md.
 *
 *   const edusim = new Edusim({ url: 'http://localhost:4000' });
 *   const sb = await edusim.createSandbox({ seed: 7 });
 *   const s = await sb.login('teacher-with-rights', { consent: true });
 *   await s.graphql('{ me { fullName } }');
 *   await sb.delete();
 */
export { Edusim, SandboxHandle, EdusimSession, ClockApi, ScenarioApi, FaultApi, JournalApi, StateApi, ConsentApi } from './edusim.ts';
export { EsiaClientApi } from './esia-clients.ts';
export type { EdusimOptions, LoginOptions, GraphQLOptions, GraphQLResult } from './edusim.ts';
export type { Fetch } from './http.ts';
export {
  EdusimError,
  EdusimBadRequestError,
  EdusimUnauthorizedError,
  EdusimForbiddenError,
  EdusimNotFoundError,
  EdusimConflictError,
  EdusimNetworkError,
  GraphQLResponseError,
  JournalVerificationError,
  describeEntry,
} from './errors.ts';
export type { EdusimErrorDetails, GraphQLErrorEntry } from './errors.ts';
export type * from './api-types.ts';
