/**
 * `edusim verify diary`: plays «Моя школа» against a diary over the federal contract and judges
 * every answer (docs/verify.md). The order: the token endpoint; then, with the token, Schedule for
 * each kind of person and range and every refusal the contract names; the world's answers from
 * edusim's own diary on the same world; then the load phase. Checks whose preparation failed
 * (no token) are reported as not set up.
 */
import { DEFAULT_DIARY_CLIENT, RegionalDiary } from '../../mocks/index.ts';
import { networkExchange, type HttpExchange } from '../../schema/index.ts';
import { ruDate, type World } from '../../seeds/index.ts';
import { DIARY_CHECK_IDS, type DiaryCheckId } from './catalogue.ts';
import { contractAttendance, contractDates, contractMarks, contractShape, type ScheduleAnswer } from './contract-checks.ts';
import { notSetUp } from './judge.ts';
import { latencyStats, loadErrors, loadLatency, runLoad, type LoadOptions } from './load.ts';
import { planFor, type DiarySubject, type Range, type VerifyPlan } from './plan.ts';
import { Probe, type Exchange, type ProbeRequest } from './probe.ts';
import { rangeAccepted, rangeDefault } from './range-checks.ts';
import { refused } from './refusal-checks.ts';
import { tokenIssued, tokenOf, tokenRefused } from './token-checks.ts';
import { countStatuses, type CheckResult, type LatencyStats, type VerifyReport } from './verdict.ts';
import { worldAttendance, worldHomework, worldLessons, worldMarks, type Comparison } from './world-checks.ts';

export interface DiaryVerifyOptions {
  /** The diary's base URL: `{base}/token`, `{base}/Schedule/{oid}`. */
  readonly baseUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** The world the vendor loaded (`edusim world export` with the same options). */
  readonly world: World;
  readonly region: string;
  readonly load: LoadOptions;
  /** The p95 latency under load that passes. */
  readonly p95BudgetMs: number;
  /** How requests travel (default: the network). */
  readonly transport?: HttpExchange;
  /** How long one request may take (default 3000 ms, as «Моя школа» waits). */
  readonly timeoutMs?: number;
  /** How many requests of the functional phase are in flight at once (default 4). */
  readonly concurrency?: number;
  readonly progress?: (done: number, total: number, stage: string) => void;
}

export const DEFAULT_TIMEOUT_MS = 3000;
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const NO_TOKEN = 'маркер не получен (см. token.issued)';

async function pool<T, R>(items: readonly T[], size: number, work: (item: T) => Promise<R>, onDone: () => void): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T);
      onDone();
    }
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker));
  return results;
}

interface Planned {
  readonly request: ProbeRequest;
  readonly subject?: DiarySubject;
  readonly range?: Range | null;
}

/** The Schedule requests of the functional phase, by the check that judges them. */
function scheduleRequests(plan: VerifyPlan, base: string, token: string) {
  const bearer = { authorization: `Bearer ${token}` };
  const url = (oid: number, query: string) => `${base}/Schedule/${oid}${query ? `?${query}` : ''}`;
  const ranged = (range: Range) => `start=${range.start}&end=${range.end}`;
  const get = (label: string, oid: number, query: string, headers: Record<string, string> = bearer): ProbeRequest => ({
    label,
    method: 'GET',
    url: url(oid, query),
    headers,
  });
  const [pupil] = plan.subjects;
  const pupilOid = pupil?.oid ?? plan.unknownOid;
  const { oneDay, week, quarter, limit, overLimit } = plan.ranges;
  const year = week.start.slice(0, 4);
  const survey: Planned[] = plan.subjects.flatMap((subject) =>
    (
      [
        ['один день', oneDay],
        ['неделя', week],
        ['четверть', quarter],
      ] as const
    ).map(([what, range]) => ({ request: get(`${subject.label}, ${what}`, subject.oid, ranged(range)), subject, range })),
  );
  return {
    survey,
    byDefault: plan.subjects.map((subject) => ({ request: get(`${subject.label}, без периода`, subject.oid, ''), subject, range: null })),
    limit: pupil ? [{ request: get(`${pupil.label}, 93 дня`, pupil.oid, ranged(limit)), subject: pupil, range: limit }] : [],
    refusals: {
      'token.required': [
        get('без маркера', pupilOid, ranged(week), {}),
        get('чужой маркер', pupilOid, ranged(week), { authorization: 'Bearer edusim-verify-not-a-token' }),
      ],
      'errors.half-range': [get('только start', pupilOid, `start=${week.start}`)],
      'errors.reversed': [get('end раньше start', pupilOid, `start=${week.end}&end=${week.start}`)],
      'errors.malformed': [
        get('несуществующая дата', pupilOid, `start=${year}-02-30&end=${year}-03-01`),
        get('дата ДД.ММ.ГГГГ', pupilOid, `start=${ruDate(week.start)}&end=${ruDate(week.end)}`),
      ],
      'errors.too-long': [get('94 дня', pupilOid, ranged(overLimit))],
      'errors.unknown-oid': [get('неизвестный oid', plan.unknownOid, ranged(week))],
      'errors.left-pupil': [get('человек вне реестра', plan.leftPupilOid, ranged(week))],
    } satisfies Partial<Record<DiaryCheckId, ProbeRequest[]>>,
  };
}

const REFUSALS = {
  'token.required': { status: 401, code: 'security' },
  'errors.half-range': { status: 400, code: 'required' },
  'errors.reversed': { status: 400, code: 'value' },
  'errors.malformed': { status: 400, code: 'value' },
  'errors.too-long': { status: 400, code: 'too-costly' },
  'errors.unknown-oid': { status: 404, code: 'not-found' },
  'errors.left-pupil': { status: 404, code: 'not-found' },
} as const;

/** What edusim's own diary answers on the same world, for the world checks. */
async function worldAnswers(world: World, plan: VerifyPlan, answers: readonly ScheduleAnswer[]): Promise<Comparison[]> {
  const diary = new RegionalDiary(world, plan.region, () => new Date(`${plan.today}T12:00:00+03:00`));
  const base = 'http://edusim.invalid/diary';
  const issued = await diary.handle({
    method: 'POST',
    path: '/token',
    query: new URLSearchParams(),
    headers: FORM,
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: DEFAULT_DIARY_CLIENT.clientId,
      client_secret: DEFAULT_DIARY_CLIENT.clientSecret,
    }).toString(),
    baseUrl: base,
  });
  const token = (JSON.parse(issued.body) as { access_token: string }).access_token;
  return Promise.all(
    answers.map(async (answer) => {
      const range = answer.range as Range;
      const response = await diary.handle({
        method: 'GET',
        path: `/Schedule/${answer.subject.oid}`,
        query: new URLSearchParams({ start: range.start, end: range.end }),
        headers: { authorization: `Bearer ${token}` },
        body: undefined,
        baseUrl: base,
      });
      return { answer, expected: JSON.parse(response.body) as unknown };
    }),
  );
}

/** A load answer kept light (thousands are held until the end): a 200's body is not kept (the functional checks judged the same answers). */
function lean(exchange: Exchange): Exchange {
  return exchange.status === 200 ? { ...exchange, text: `(${exchange.text.length} символов; тело под нагрузкой не хранится)`, json: undefined } : exchange;
}

export async function verifyDiary(options: DiaryVerifyOptions): Promise<VerifyReport> {
  const startedAt = new Date();
  const started = performance.now();
  const base = options.baseUrl.replace(/\/$/, '');
  const probe = new Probe(options.transport ?? networkExchange, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  const plan = planFor(options.world, options.region);
  const progress = options.progress ?? (() => undefined);
  const form = (params: Record<string, string>) => new URLSearchParams(params).toString();
  const tokenRequest = (label: string, params: Record<string, string>): ProbeRequest => ({
    label,
    method: 'POST',
    url: `${base}/token`,
    headers: FORM,
    body: form(params),
  });
  const credentials = { client_id: options.clientId, client_secret: options.clientSecret };

  progress(0, 1, 'token');
  const [good, wrongSecret, unknownClient, wrongGrant] = (await pool(
    [
      tokenRequest('верные учётные данные', { grant_type: 'client_credentials', ...credentials }),
      tokenRequest('неверный секрет', { grant_type: 'client_credentials', client_id: options.clientId, client_secret: `${options.clientSecret}-wrong` }),
      tokenRequest('неизвестный клиент', { grant_type: 'client_credentials', client_id: 'EDUSIM_VERIFY_UNKNOWN', client_secret: options.clientSecret }),
      tokenRequest('grant_type=password', { grant_type: 'password', ...credentials }),
    ],
    1,
    (request) => probe.send(request),
    () => undefined,
  )) as [Exchange, Exchange, Exchange, Exchange];
  const checks = new Map<DiaryCheckId, CheckResult>([
    ['token.issued', tokenIssued(good)],
    ['token.wrong-secret', tokenRefused('token.wrong-secret', wrongSecret, 401, 'invalid_client')],
    ['token.unknown-client', tokenRefused('token.unknown-client', unknownClient, 401, 'invalid_client')],
    ['token.wrong-grant', tokenRefused('token.wrong-grant', wrongGrant, 400, 'unsupported_grant_type')],
  ]);
  const token = tokenOf(good);
  let load: LatencyStats | null = null;
  if (token === null) {
    for (const id of DIARY_CHECK_IDS) if (!checks.has(id)) checks.set(id, notSetUp(id, NO_TOKEN, id === 'load.latency' ? [] : [good]));
  } else {
    const requests = scheduleRequests(plan, base, token);
    const planned: Planned[] = [
      ...requests.survey,
      ...requests.byDefault,
      ...requests.limit,
      ...Object.values(requests.refusals).flatMap((list) => list.map((request) => ({ request }))),
    ];
    let done = 0;
    const exchanges = await pool(
      planned,
      options.concurrency ?? 4,
      (p) => probe.send(p.request),
      () => progress(++done, planned.length, 'schedule'),
    );
    const byRequest = new Map(planned.map((p, i) => [p.request, exchanges[i] as Exchange]));
    const answersOf = (list: readonly Planned[]): ScheduleAnswer[] =>
      list.map((p) => ({ exchange: byRequest.get(p.request) as Exchange, subject: p.subject as DiarySubject, range: p.range ?? null }));
    const survey = answersOf(requests.survey);
    const all = [...survey, ...answersOf(requests.byDefault), ...answersOf(requests.limit)];
    checks.set(
      'token.required',
      refused(
        'token.required',
        requests.refusals['token.required'].map((r) => byRequest.get(r) as Exchange),
        REFUSALS['token.required'],
      ),
    );
    checks.set('contract.shape', contractShape(all));
    checks.set('contract.dates', contractDates(all));
    checks.set('contract.marks', contractMarks(all));
    checks.set('contract.attendance', contractAttendance(all));
    const comparisons = await worldAnswers(options.world, plan, survey);
    checks.set('world.lessons', worldLessons(comparisons));
    checks.set('world.marks', worldMarks(comparisons));
    checks.set('world.homework', worldHomework(comparisons));
    checks.set('world.attendance', worldAttendance(comparisons));
    checks.set('range.default', rangeDefault(answersOf(requests.byDefault), plan.ranges.byDefault));
    checks.set('range.accepted', rangeAccepted([...survey, ...answersOf(requests.limit)]));
    for (const [id, list] of Object.entries(requests.refusals) as [keyof typeof REFUSALS, ProbeRequest[]][])
      if (id !== 'token.required')
        checks.set(
          id,
          refused(
            id,
            list.map((r) => byRequest.get(r) as Exchange),
            REFUSALS[id],
          ),
        );

    const week = plan.ranges.week;
    const loadExchanges = await runLoad(
      (i) => {
        const subject = plan.subjects[i % plan.subjects.length] as DiarySubject;
        return probe
          .send({
            label: `нагрузка: ${subject.label}, неделя`,
            method: 'GET',
            url: `${base}/Schedule/${subject.oid}?start=${week.start}&end=${week.end}`,
            headers: { authorization: `Bearer ${token}` },
          })
          .then(lean);
      },
      options.load,
      (n, total) => progress(n, total, 'load'),
    );
    load = latencyStats(loadExchanges, options.load);
    checks.set('load.latency', loadLatency(load, options.p95BudgetMs, loadExchanges));
    checks.set('load.errors', loadErrors(load, loadExchanges));
  }
  progress(1, 1, 'done');
  const ordered = DIARY_CHECK_IDS.map((id) => checks.get(id) as CheckResult);
  return {
    profile: 'diary',
    target: base,
    region: options.region,
    world: { seed: options.world.options.seed, scale: options.world.options.scale, date: options.world.options.asOf },
    startedAt: startedAt.toISOString(),
    durationMs: Math.round(performance.now() - started),
    checks: ordered,
    load,
    counts: countStatuses(ordered),
  };
}
