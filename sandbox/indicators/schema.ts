/**
 * The indicators' request and answer, declared once: they validate `GET …/indicators`, describe it
 * in `/_edusim/openapi.json` and type `edusim/client`'s `sandbox.indicators()`.
 */
import { z } from 'zod';
import { GRADES } from './child-account-share.ts';

export const INDICATOR_LEVELS = ['region', 'municipality', 'school'] as const;
export type IndicatorLevel = (typeof INDICATOR_LEVELS)[number];

/** The ЦОК usage target: share of teachers and of pupils who opened content at least once, %. */
export const LIBRARY_TARGET = 80;

/** A school uses the platform when at least this share of its teachers and of its pupils were active in the month, %. */
export const USING_SCHOOL_THRESHOLD = 50;

export const IndicatorsQuerySchema = z.strictObject({
  level: z.enum(INDICATOR_LEVELS).default('region').describe('One row for the region, per municipality, or per school (default region)'),
  region: z
    .string()
    .regex(/^\d{2}$/, 'expected a two-digit region code')
    .optional()
    .describe("The region (default: the sandbox world's region; required in a country world)"),
  period: z
    .enum(['30', '365'], { message: 'expected 30 or 365 (days)' })
    .default('30')
    .transform((days) => (days === '30' ? 30 : 365))
    .describe('Active means logged in during the last 30 days (default) or 365 days'),
});

const Share = z.number().nullable().describe('Percent, one decimal; null when there is nobody to count');

const ChildAccountsSchema = z
  .object({
    pupils: z.number().int().describe('K_pupils: pupils of grades 5–11'),
    k10to14: z.number().int().describe("K10–14: child accounts of 10–13-year-olds created from a parent's cabinet, linked to the parent"),
    k14to18: z.number().int().describe('K14–18: accounts of 14–17-year-olds linked to a parent, standard or confirmed'),
    share: Share,
    grade: z.enum(GRADES).nullable().describe('≥ 95 % отлично, ≥ 90 % хорошо, ≥ 80 % удовлетворительно, below неудовлетворительно'),
  })
  .meta({ id: 'ChildAccountIndicator' });

const ReachSchema = z.object({
  total: z.number().int(),
  opened: z.number().int().describe('Opened ЦОК content at least once in this sandbox'),
  share: Share,
  meetsTarget: z.boolean().describe('share ≥ the 80 % target'),
});

const LibraryUsageSchema = z
  .object({
    target: z.number().describe('The target share, %'),
    teachers: ReachSchema,
    pupils: ReachSchema.describe('Pupils of every grade'),
    itemsOpened: z.number().int().describe('Unique items opened by these teachers and pupils'),
  })
  .meta({ id: 'LibraryUsageIndicator' });

const ActiveSchema = z.object({
  total: z.number().int().describe('Everyone of this role in the scope'),
  active: z.number().int().describe('Logged in during the period (the world’s history and this sandbox’s logins)'),
  share: Share,
});

const ActivityRowSchema = z
  .object({
    pupils: ActiveSchema.describe('Pupils of every grade (those without an ESIA account never log in)'),
    parents: ActiveSchema.describe('Mothers and fathers of the pupils (a teacher who is also a parent counts among teachers)'),
    teachers: ActiveSchema,
    schools: z.object({
      total: z.number().int(),
      active: z.number().int().describe('Schools with at least one pupil, teacher or administrator active in the period'),
      using: z.number().int().describe('Schools where ≥ 50 % of teachers and ≥ 50 % of pupils were active in the last 30 days (whatever the period)'),
      share: Share.describe('using / total, %'),
    }),
  })
  .meta({ id: 'ActivityIndicator' });

const RankedSchoolSchema = z.object({
  rank: z.number().int().describe('1 = the most active; equal scores share a rank'),
  id: z.string(),
  name: z.string(),
  municipality: z.string(),
  score: z.number().describe('The mean of the pupils’ and the teachers’ active shares in the period, %'),
  pupils: Share,
  teachers: Share,
  parents: Share,
  using: z.boolean().describe('≥ 50 % of teachers and ≥ 50 % of pupils active in the last 30 days'),
});

export const IndicatorRowSchema = z
  .object({
    level: z.enum(INDICATOR_LEVELS),
    id: z.string().describe('Region code, municipality ОКТМО, or school id'),
    name: z.string(),
    municipality: z.string().nullable().describe("A school's municipality (null on other levels)"),
    childAccounts: ChildAccountsSchema,
    library: LibraryUsageSchema,
    activity: ActivityRowSchema,
  })
  .meta({ id: 'IndicatorRow' });

const DemandRowSchema = z.object({
  subjectCode: z.string(),
  subject: z.string(),
  available: z.number().int().describe('Items in the library'),
  opened: z.number().int().describe('Unique items opened by the region’s teachers and pupils'),
});

export const IndicatorsReportSchema = z
  .object({
    sandbox: z.string(),
    at: z.string().describe("The sandbox clock's instant the report is as of"),
    date: z.string().describe('The sandbox date in Moscow: what ages count by'),
    region: z.object({ code: z.string(), name: z.string() }),
    level: z.enum(INDICATOR_LEVELS),
    rows: z.array(IndicatorRowSchema),
    contentDemand: z
      .object({ available: z.number().int(), opened: z.number().int(), bySubject: z.array(DemandRowSchema) })
      .describe('Items available vs. unique items opened in the region, by subject'),
    activity: z
      .object({
        period: z.union([z.literal(30), z.literal(365)]).describe('Days: active means logged in during them'),
        from: z.string().describe('The first day of the period (Moscow date)'),
        to: z.string().describe('The last day: the sandbox date'),
        usingThreshold: z.number().describe('The share of teachers and of pupils a school needs to count as using the platform, %'),
        ranking: z.array(RankedSchoolSchema).describe('Every school of the region, the most active first'),
      })
      .describe('Active users and schools; the per-row figures are in rows[].activity'),
    notComputed: z.array(z.object({ indicator: z.string(), reason: z.string() })).describe('Indicators this edusim does not compute, and why (none today)'),
  })
  .meta({ id: 'IndicatorsReport' });

export type IndicatorsQuery = z.output<typeof IndicatorsQuerySchema>;
export type IndicatorsReport = z.output<typeof IndicatorsReportSchema>;
export type IndicatorRow = z.output<typeof IndicatorRowSchema>;
