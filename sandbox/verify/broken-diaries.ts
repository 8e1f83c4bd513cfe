/**
 * The self-test's diaries: edusim's own, and thin wrappers over it that each break exactly one
 * thing a real vendor gets wrong — with the one check that must catch it (docs/verify.md
 * «Self-test»).
 */
import { outcomeResponse, RegionalDiary, type SimHandler, type SimRequest, type SimResponse } from '../../mocks/index.ts';
import type { World } from '../../seeds/index.ts';
import type { DiaryCheckId } from './catalogue.ts';

export interface DiaryFixture {
  readonly name: string;
  /** What is broken, for the self-test's report. */
  readonly title: string;
  /** The checks that must fail on it, and no other (empty: every check passes). */
  readonly caughtBy: readonly DiaryCheckId[];
  readonly handler: SimHandler;
}

export interface FixtureOptions {
  readonly world: World;
  readonly region: string;
  readonly now: () => Date;
  /** How long the slow diary takes over each Schedule. */
  readonly slowMs: number;
}

type Json = Record<string, unknown>;
type Lesson = Json & { period?: { start?: string; end?: string }; score?: unknown };
type Body = Json & { resourceType?: string; school?: { class?: (Json & { lesson?: Lesson[]; student?: { oid?: number | null } })[] }[] };

const isSchedule = (request: SimRequest) => request.method === 'GET' && request.path.startsWith('/Schedule/');

/** The response with its Schedule body rewritten by `change`; anything else as it came. */
async function rewritten(response: SimResponse, change: (body: Body) => Promise<void> | void): Promise<SimResponse> {
  if (response.status !== 200) return response;
  const body = JSON.parse(response.body) as Body;
  if (body.resourceType !== 'Schedule') return response;
  await change(body);
  return { ...response, body: JSON.stringify(body) };
}

const eachLesson = (body: Body, visit: (lesson: Lesson) => void) => body.school?.forEach((s) => s.class?.forEach((c) => c.lesson?.forEach(visit)));

/** A classmate of the pupil with this oid who has an ESIA account, or null. */
function classmateOid(world: World, region: string, oid: number): number | null {
  const person = world.personByOid(oid);
  if (!person || person.kind !== 'pupil') return null;
  const people = world.region(region);
  const pupil = Number(person.id.split('-')[2]);
  for (const other of world.journal(region).pupilsOf(people.pupilClass(pupil))) {
    const account = other === pupil ? undefined : people.pupil(other).account;
    if (account) return account.oid;
  }
  return null;
}

export function diaryFixtures(options: FixtureOptions): DiaryFixture[] {
  const { world, region } = options;
  const own = new RegionalDiary(world, region, options.now);
  const inner: SimHandler = (request) => own.handle(request);
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  /** Each class's marks replaced with a classmate's on the same lessons. */
  const marksOfAnother = async (request: SimRequest, body: Body) => {
    const asked = Number(request.path.slice('/Schedule/'.length));
    for (const cls of body.school?.flatMap((s) => s.class ?? []) ?? []) {
      const pupil = cls.student?.oid ?? asked;
      const other = classmateOid(world, region, pupil);
      if (other === null) continue;
      const theirs = JSON.parse((await own.handle({ ...request, path: `/Schedule/${other}` })).body) as Body;
      const scores = new Map<unknown, unknown>();
      eachLesson(theirs, (lesson) => scores.set(lesson['id'], lesson.score));
      for (const lesson of cls.lesson ?? []) {
        const score = scores.get(lesson['id']);
        if (score === undefined) delete lesson.score;
        else lesson.score = score;
      }
    }
  };

  return [
    { name: 'builtin', title: 'дневник edusim как есть', caughtBy: [], handler: inner },
    {
      name: 'wrong-field-name',
      title: 'поле subject названо subjectName',
      caughtBy: ['contract.shape'],
      handler: async (request) =>
        rewritten(await inner(request), (body) =>
          eachLesson(body, (lesson) => {
            lesson['subjectName'] = lesson['subject'];
            delete lesson['subject'];
          }),
        ),
    },
    {
      name: 'naive-dates',
      title: 'время уроков без смещения (2026-11-16T08:30:00)',
      caughtBy: ['contract.dates'],
      handler: async (request) =>
        rewritten(await inner(request), (body) =>
          eachLesson(body, (lesson) => {
            if (lesson.period) lesson.period = { start: lesson.period.start?.slice(0, 19), end: lesson.period.end?.slice(0, 19) };
          }),
        ),
    },
    {
      name: 'marks-of-another-pupil',
      title: 'оценки одноклассника вместо оценок ученика',
      caughtBy: ['world.marks'],
      handler: async (request) => (isSchedule(request) ? rewritten(await inner(request), (body) => marksOfAnother(request, body)) : inner(request)),
    },
    {
      name: 'error-on-unknown-oid',
      title: '500 на неизвестный oid',
      caughtBy: ['errors.unknown-oid'],
      handler: async (request) => {
        const response = await inner(request);
        const oid = Number(request.path.slice('/Schedule/'.length));
        return isSchedule(request) && response.status === 404 && world.personByOid(oid) === undefined
          ? { status: 500, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: 'Internal Server Error' }
          : response;
      },
    },
    {
      name: 'any-secret',
      title: 'маркер на любой client_secret',
      caughtBy: ['token.wrong-secret'],
      handler: (request) => {
        if (request.path !== '/token') return inner(request);
        const form = new URLSearchParams(request.body ?? '');
        const client = own.clients.find((c) => c.clientId === form.get('client_id'));
        if (client) form.set('client_secret', client.clientSecret);
        return inner({ ...request, body: form.toString() });
      },
    },
    {
      name: 'slow',
      title: `расписание отвечает через ${options.slowMs} мс`,
      caughtBy: ['load.latency'],
      handler: async (request) => {
        if (isSchedule(request)) await sleep(options.slowMs);
        return inner(request);
      },
    },
  ];
}

/** What a fixture's server answers for a body it cannot read. */
export const badBody = (message: string, status: number): SimResponse => outcomeResponse(status, 'structure', message);
