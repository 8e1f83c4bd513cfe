/**
 * A regional diary's endpoints on the federal contract as data (docs/diary-contract.md), for the
 * OpenAPI document: paths relative to the diaries' mount point (`/diary`), each region at
 * `/{region}`. The core (`regional-diary.ts`) dispatches them itself.
 */
import { z } from 'zod';
import { routeDoc, type ResponseDoc, type RouteDoc } from '../http/route-doc.ts';
import { OperationOutcomeSchema, ScheduleSchema } from './contract.ts';
import { DiaryFaultSchema } from './fault.ts';

const outcome = (description: string): ResponseDoc => ({ description, schema: OperationOutcomeSchema });
const Region = z
  .string()
  .regex(/^\d{2}$/)
  .describe('Region code, e.g. 36 (Воронежская область)');
const RegionParams = z.object({ region: Region });
const DOWN = { 503: outcome('`transient` (severity fatal): the diary is down (fault)') };
const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
/** A range as the Schedule operations take it: both ends, or neither. */
const DateRangeQuery = z.object({
  start: IsoDate.optional().describe('YYYY-MM-DD; with end, or neither (default: Monday of last week)'),
  end: IsoDate.optional().describe('YYYY-MM-DD; at most 93 days after start (default: Sunday of next week)'),
});
const UNKNOWN_REGION = { 404: outcome('`not-found`: no diary of that region in this world') };

export const DiaryTokenForm = z
  .object({
    grant_type: z.literal('client_credentials'),
    client_id: z.string().optional().describe('Or HTTP Basic; the default client is FGIS_MYSCHOOL'),
    client_secret: z.string().optional(),
  })
  .meta({ id: 'DiaryTokenForm' });

const OAuthErrorSchema = z
  .object({ error: z.enum(['unsupported_grant_type', 'invalid_client']), error_description: z.string() })
  .meta({ id: 'OAuthError', description: 'An OAuth 2.0 refusal' });

export const DiaryFaultBody = DiaryFaultSchema.meta({ id: 'DiaryFault' });

export const DIARY_ROUTES: readonly RouteDoc[] = [
  routeDoc({
    method: 'POST',
    path: '/:region/token',
    system: 'diary',
    operationId: 'diaryToken',
    summary: 'OAuth 2.0 client credentials: a bearer token for 3600 s',
    params: RegionParams,
    body: DiaryTokenForm,
    bodyType: 'form',
    responses: {
      200: {
        description: 'The token, bound to the sandbox',
        schema: z.object({ access_token: z.string(), token_type: z.literal('Bearer'), expires_in: z.number().int() }).meta({ id: 'DiaryToken' }),
      },
      400: { description: 'Any grant but client_credentials', schema: OAuthErrorSchema },
      401: { description: 'Unknown client or wrong secret', schema: OAuthErrorSchema },
      ...UNKNOWN_REGION,
      ...DOWN,
    },
    security: ['diaryBasic'],
  }),
  routeDoc({
    method: 'GET',
    path: '/:region/Schedule/:oid',
    system: 'diary',
    operationId: 'diarySchedule',
    summary: "A person's schedule, marks and homework for a range",
    description: 'A pupil gets their class; a parent each child’s school and class; a teacher the lessons they teach.',
    params: z.object({ region: Region, oid: z.string().describe("The person's ESIA oid (digits)") }),
    query: DateRangeQuery,
    responses: {
      200: { description: 'The schedule on the federal contract', schema: ScheduleSchema },
      400: outcome('`required` (only one of start/end), `value` (a malformed date or oid, end before start), `too-costly` (over 93 days)'),
      401: outcome('`security`: no token, an expired one, or one of another sandbox'),
      404: outcome('`not-found`: the oid is unknown in this region, or neither pupil, parent nor teacher'),
      ...DOWN,
    },
    security: ['diaryBearer'],
  }),
  routeDoc({
    method: 'GET',
    path: '/:region/schools/:schoolId/schedule',
    system: 'diary',
    operationId: 'diarySchoolSchedule',
    summary: "A school's timetable for a range (the `scheduleUrl` of a Schedule's school)",
    description: 'Every class of the school with its lessons, timetable edits applied; no marks or attendance.',
    params: z.object({ region: Region, schoolId: z.string().describe('The school id of the registry, e.g. 36-00004') }),
    query: DateRangeQuery,
    responses: {
      200: { description: 'The school on the federal contract, one class per class of the school', schema: ScheduleSchema },
      400: outcome('`required` (only one of start/end), `value` (a malformed date, end before start), `too-costly` (over 93 days)'),
      401: outcome('`security`: no token, an expired one, or one of another sandbox'),
      404: outcome('`not-found`: no such school in this region'),
      ...DOWN,
    },
    security: ['diaryBearer'],
  }),
  routeDoc({
    method: 'GET',
    path: '/:region/sim/fault',
    system: 'diary',
    operationId: 'diaryGetFault',
    summary: 'edusim: the fault switched on',
    params: RegionParams,
    responses: { 200: { description: 'The fault', schema: DiaryFaultBody }, ...UNKNOWN_REGION },
    security: ['adminToken', 'sandboxSecret'],
  }),
  routeDoc({
    method: 'PUT',
    path: '/:region/sim/fault',
    system: 'diary',
    operationId: 'diarySetFault',
    summary: 'edusim: switch a fault on (down, slow, off-contract) or off (ok)',
    params: RegionParams,
    body: DiaryFaultBody,
    responses: {
      200: { description: 'The fault now', schema: DiaryFaultBody },
      400: outcome('`structure` (not JSON) or `value` (naming the field)'),
      ...UNKNOWN_REGION,
      415: outcome('`structure`: not application/json'),
    },
    security: ['adminToken', 'sandboxSecret'],
  }),
];
