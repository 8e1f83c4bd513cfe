/**
 * A simulated regional diary answering the federal contract (docs/diary-contract.md):
 *   POST {base}/token                        OAuth client_credentials → bearer token
 *   GET  {base}/Schedule/{oid}?start&end     FHIR-like Schedule, or OperationOutcome
 * A pupil gets their class; a parent gets each child's school and class (edusim extension:
 * `student` on the class); a teacher gets the lessons they teach. Faults can be switched on
 * (down, slow, off-contract) to test how a consumer copes. `PUT {base}/sim/fault` controls them.
 */
import { createHash, randomBytes } from 'node:crypto';
import {
  className,
  dayOf,
  isoOf,
  Lru,
  moscowDateOf,
  REGIONS,
  sharedWorld,
  type Journal,
  type Lesson,
  type Person,
  type School,
  type World,
} from '../../seeds/index.ts';
import { ExpiringMap } from '../esia/stores.ts';
import { formParams, json, type SimRequest, type SimResponse } from '../http/sim-http.ts';
import { DiaryFaultSchema, faultProblem, type DiaryFault } from './fault.ts';
import type { OperationOutcome, Schedule, ScheduleClass, ScheduleLesson, ScheduleSchool } from './contract.ts';
import { applyTimetableEdit, timetableEditKey, type TimetableEdits } from './timetable-edits.ts';

export type { DiaryFault };

export interface DiaryClient {
  readonly clientId: string;
  readonly clientSecret: string;
}

/** The client «Моя школа» uses against every simulated diary (configurable). */
export const DEFAULT_DIARY_CLIENT: DiaryClient = { clientId: 'FGIS_MYSCHOOL', clientSecret: 'myschool-secret' };
export const TOKEN_SECONDS = 3600;
/** The most live tokens one diary keeps; past it the oldest is forgotten (its holder asks for a new one). */
export const MAX_DIARY_TOKENS = 10_000;
const MAX_RANGE_DAYS = 93;
const NO_EDITS: TimetableEdits = new Map();
const ATTENDANCE_CODES: Record<string, string> = { Н: 'н', Б: 'б', УП: 'у', ОП: 'о' };
const WORK_CODES: Record<string, string> = {
  'Ответ на уроке': 'answer',
  'Домашняя работа': 'homework',
  'Самостоятельная работа': 'independent',
  'Контрольная работа': 'test',
};

function stableUuid(text: string): string {
  const h = createHash('sha1').update(text).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16] ?? '0', 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function json200(body: string): SimResponse {
  return { status: 200, headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }, body };
}

export function outcome(status: number, code: string, text: string, severity: 'fatal' | 'error' = 'error'): SimResponse {
  const body: OperationOutcome = { resourceType: 'OperationOutcome', id: stableUuid(`${code}:${text}`), issue: [{ severity, code, details: { text } }] };
  return json(status, body);
}

/** Stands for `meta.lastUpdated` in a kept answer; the clock's time replaces it on the way out. */
const LAST_UPDATED = '@@edusim:lastUpdated@@';

/**
 * Answers are pure functions of the world and the date, so all sandboxes of one world share them
 * (like a diary's hourly snapshot); keyed by world, region, person, range and the clock's date.
 */
const sharedAnswers = new WeakMap<World, Lru<string, string>>();

function answersOf(world: World): Lru<string, string> {
  let answers = sharedAnswers.get(sharedWorld(world));
  if (!answers) {
    answers = new Lru<string, string>(5_000);
    sharedAnswers.set(sharedWorld(world), answers);
  }
  return answers;
}

export class RegionalDiary {
  readonly platform: string;
  #fault: DiaryFault = { mode: 'ok' };
  /** Token → when it expires (ms on the diary's clock). */
  readonly #tokens = new ExpiringMap<number>(MAX_DIARY_TOKENS, (expires) => expires);
  readonly #journal: Journal;

  /**
   * @param sandbox the sandbox the diary belongs to: its tokens carry it, and a token of another
   *   sandbox's diary is refused naming both.
   * @param edits the sandbox's timetable edits (cancelled or replaced lessons), read on every answer.
   */
  constructor(
    readonly world: World,
    readonly region: string,
    readonly now: () => Date,
    readonly clients: readonly DiaryClient[] = [DEFAULT_DIARY_CLIENT],
    readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    readonly sandbox = 'default',
    readonly edits: () => TimetableEdits = () => NO_EDITS,
  ) {
    this.platform = REGIONS.find((r) => r.code === region)?.diaryPlatform ?? 'неизвестно';
    this.#journal = world.journal(region);
  }

  /** Back to how it was created: no fault, no tokens. */
  reset(): void {
    this.#fault = { mode: 'ok' };
    this.#tokens.clear();
  }

  /** How many tokens the diary holds now (expired ones are swept as new ones are issued). */
  get tokenCount(): number {
    return this.#tokens.size;
  }

  get fault(): DiaryFault {
    return this.#fault;
  }

  setFault(fault: DiaryFault): void {
    this.#fault = fault;
  }

  async handle(request: SimRequest): Promise<SimResponse> {
    if (request.path === '/sim/fault') return this.#faultControl(request);
    if (this.#fault.mode === 'down') return outcome(503, 'transient', `дневник региона ${this.region} недоступен (сбой, включённый в edusim)`, 'fatal');
    if (this.#fault.mode === 'slow') await this.sleep(this.#fault.delayMs);
    if (request.path === '/token' && request.method === 'POST') return this.#token(request);
    const m = /^\/Schedule\/([^/]+)$/.exec(request.path);
    if (m && request.method === 'GET') return this.#schedule(request, m[1] ?? '');
    const school = /^\/schools\/([^/]+)\/schedule$/.exec(request.path);
    if (school && request.method === 'GET') return this.#schoolSchedule(request, school[1] ?? '');
    return outcome(
      404,
      'not-supported',
      `${request.method} ${request.path}: такого ресурса нет; есть POST /token, GET /Schedule/{oid} и GET /schools/{id}/schedule`,
    );
  }

  #faultControl(request: SimRequest): SimResponse {
    if (request.method === 'GET') return json(200, this.#fault);
    if (request.method !== 'PUT') return outcome(405, 'not-supported', 'use GET or PUT');
    if (!(request.headers['content-type'] ?? '').toLowerCase().startsWith('application/json'))
      return outcome(415, 'structure', 'Content-Type должен быть application/json: {"mode": "ok"|"down"|"slow"|"off-contract", "delayMs"}');
    let body: unknown;
    try {
      body = JSON.parse(request.body ?? '');
    } catch {
      return outcome(400, 'structure', 'тело должно быть JSON: {"mode": "ok"|"down"|"slow"|"off-contract", "delayMs"}');
    }
    const parsed = DiaryFaultSchema.safeParse(body);
    if (!parsed.success) return outcome(400, 'value', faultProblem(parsed.error));
    this.#fault = parsed.data;
    return json(200, this.#fault);
  }

  #token(request: SimRequest): SimResponse {
    const form = formParams(request);
    const basic = /^Basic\s+(\S+)$/i.exec(request.headers['authorization'] ?? '');
    const [basicId, basicSecret] = basic?.[1] ? Buffer.from(basic[1], 'base64').toString('utf8').split(':') : [];
    const clientId = form.get('client_id') ?? basicId;
    const secret = form.get('client_secret') ?? basicSecret;
    if (form.get('grant_type') !== 'client_credentials')
      return json(400, { error: 'unsupported_grant_type', error_description: 'only grant_type=client_credentials is supported' });
    if (!this.clients.some((c) => c.clientId === clientId && c.clientSecret === secret))
      return json(401, { error: 'invalid_client', error_description: 'unknown client_id or wrong client_secret' });
    const token = `${this.sandbox}.${randomBytes(24).toString('base64url')}`;
    const now = this.now().getTime();
    this.#tokens.set(token, now + TOKEN_SECONDS * 1000, now);
    return json(200, { access_token: token, token_type: 'Bearer', expires_in: TOKEN_SECONDS });
  }

  /** null when the bearer token is this diary's and alive; otherwise the refusal. */
  #unauthorized(request: SimRequest): SimResponse | null {
    const m = /^Bearer\s+(\S+)$/i.exec(request.headers['authorization'] ?? '');
    const token = m?.[1];
    const issuedIn = token?.includes('.') ? token.slice(0, token.lastIndexOf('.')) : null;
    if (token && issuedIn !== null && issuedIn !== this.sandbox)
      return outcome(401, 'security', `маркер выдан дневником песочницы «${issuedIn}», а запрос адресован песочнице «${this.sandbox}»`);
    const expires = token ? this.#tokens.get(token) : undefined;
    if (expires === undefined || expires <= this.now().getTime()) {
      if (token && expires !== undefined) this.#tokens.delete(token);
      return outcome(401, 'security', 'нужен действующий маркер: POST /token (client_credentials)');
    }
    return null;
  }

  /** The clock's date: the current school week and what has been held by now. */
  #today(): string {
    return moscowDateOf(this.now());
  }

  #range(query: URLSearchParams): { start: string; end: string } | SimResponse {
    const start = query.get('start');
    const end = query.get('end');
    if ((start === null) !== (end === null)) return outcome(400, 'required', 'укажите оба параметра start и end (YYYY-MM-DD) или ни одного');
    if (start === null || end === null) {
      const today = dayOf(this.#today());
      const monday = today - ((today + 3) % 7);
      return { start: isoOf(monday - 7), end: isoOf(monday + 13) };
    }
    for (const [name, value] of [
      ['start', start],
      ['end', end],
    ] as const) {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(dayOf(value)) || isoOf(dayOf(value)) !== value)
        return outcome(400, 'value', `${name}=${value}: ожидается дата YYYY-MM-DD`);
    }
    if (end < start) return outcome(400, 'value', `end=${end} раньше start=${start}`);
    if (dayOf(end) - dayOf(start) + 1 > MAX_RANGE_DAYS) return outcome(400, 'too-costly', `период больше ${MAX_RANGE_DAYS} дней`);
    return { start, end };
  }

  #schedule(request: SimRequest, oidText: string): SimResponse {
    const refused = this.#unauthorized(request);
    if (refused) return refused;
    const range = this.#range(request.query);
    if ('status' in range) return range;
    if (!/^\d+$/.test(oidText)) return outcome(400, 'value', `oid ${oidText}: ожидаются цифры`);
    const today = this.#today();
    const cacheKey = `${this.region}|${oidText}|${range.start}|${range.end}|${today}|${request.baseUrl}`;
    // A sandbox with timetable edits answers from its own state, past the world's shared answers.
    const answers = this.edits().size === 0 ? answersOf(this.world) : null;
    const cached = answers?.get(cacheKey);
    if (cached !== undefined && this.#fault.mode !== 'off-contract') return this.#send(cached);
    const person = this.world.personByOid(Number(oidText));
    if (!person || person.regionCode !== this.region)
      return outcome(404, 'not-found', `пользователь с oid ${oidText} не найден в дневнике региона ${this.region}`);
    const schools = this.#schoolsFor(person, range, request.baseUrl, today);
    if (schools === null) return outcome(404, 'not-found', `у пользователя с oid ${oidText} нет дневника: он не ученик, не родитель и не учитель`);
    if (this.#fault.mode === 'off-contract') {
      return json(200, { resourceType: 'Bundle', entry: schools.map((s) => ({ name: s.name, lessons: s.class.flatMap((c) => c.lesson).length })) });
    }
    const body: Schedule = {
      resourceType: 'Schedule',
      id: stableUuid(`${this.region}:${oidText}:${range.start}:${range.end}`),
      meta: { lastUpdated: LAST_UPDATED, source: this.platform },
      school: schools,
    };
    const text = JSON.stringify(body);
    return this.#send(answers ? answers.set(cacheKey, text) : text);
  }

  /** `scheduleUrl` of a school: the timetable of every class for the range, without pupils' data. */
  #schoolSchedule(request: SimRequest, schoolId: string): SimResponse {
    const refused = this.#unauthorized(request);
    if (refused) return refused;
    const range = this.#range(request.query);
    if ('status' in range) return range;
    const people = this.world.region(this.region);
    const school = people.layout.schools.find((s) => s.id === schoolId);
    if (!school) return outcome(404, 'not-found', `школа ${schoolId} не найдена в дневнике региона ${this.region}`);
    const today = this.#today();
    const classes: ScheduleClass[] = [];
    for (let c = school.classFirst; c < school.classFirst + school.classCount; c++) {
      classes.push({
        class: className(people.layout, c).toLowerCase(),
        grade: String(people.layout.classGrade[c]),
        lesson: this.#lessons(c, range, today).map((lesson) => this.#lesson(lesson, null)),
      });
    }
    const body: Schedule = {
      resourceType: 'Schedule',
      id: stableUuid(`${this.region}:${school.id}:${range.start}:${range.end}`),
      meta: { lastUpdated: LAST_UPDATED, source: this.platform },
      school: [this.#school(school, range, request.baseUrl, classes)],
    };
    return this.#send(JSON.stringify(body));
  }

  #school(school: School, range: { start: string; end: string }, baseUrl: string, classes: ScheduleClass[]): ScheduleSchool {
    return {
      id: stableUuid(school.id),
      name: school.shortName,
      scheduleUrl: `${baseUrl}/schools/${school.id}/schedule`,
      period: range,
      academYear: this.world.year.label,
      class: classes,
    };
  }

  #send(body: string): SimResponse {
    return json200(body.replace(`"${LAST_UPDATED}"`, JSON.stringify(this.now().toISOString())));
  }

  #schoolsFor(person: Person, range: { start: string; end: string }, baseUrl: string, today: string): ScheduleSchool[] | null {
    const people = this.world.region(this.region);
    const bySchool = new Map<string, { school: School; classes: ScheduleClass[] }>();
    const add = (school: School, cls: ScheduleClass) => {
      const entry = bySchool.get(school.id) ?? { school, classes: [] };
      entry.classes.push(cls);
      bySchool.set(school.id, entry);
    };
    let any = false;
    for (const m of person.memberships) {
      if (m.role === 'pupil') {
        any = true;
        const pupil = Number(person.id.split('-')[2]);
        add(people.pupilSchool(pupil), this.#pupilClass(pupil, range, null, today));
      } else if (m.role === 'parent') {
        any = true;
        for (const childId of m.childIds) {
          const child = this.world.personById(childId);
          if (!child) continue;
          const pupil = Number(childId.split('-')[2]);
          add(people.pupilSchool(pupil), this.#pupilClass(pupil, range, child, today));
        }
      } else if (m.role === 'teacher') {
        any = true;
        const teacher = Number(person.id.split('-')[2]);
        const school = people.teacherSchool(teacher);
        for (let c = school.classFirst; c < school.classFirst + school.classCount; c++) {
          const lessons = this.#lessons(c, range, today).filter((l) => l.teacher === teacher);
          if (lessons.length > 0)
            add(school, {
              class: className(people.layout, c),
              grade: String(people.layout.classGrade[c]),
              lesson: lessons.map((l) => this.#lesson(l, null)),
            });
        }
        if (!bySchool.has(school.id)) bySchool.set(school.id, { school, classes: [] });
      }
    }
    if (!any) return null;
    return [...bySchool.values()].map(({ school, classes }) => this.#school(school, range, baseUrl, classes));
  }

  #lessons(classIndex: number, range: { start: string; end: string }, today: string): Lesson[] {
    return this.#journal.schoolDays(classIndex, range.start, range.end).flatMap((date) => this.#journal.lessonsOn(classIndex, date, today));
  }

  #pupilClass(pupil: number, range: { start: string; end: string }, child: Person | null, today: string): ScheduleClass {
    const people = this.world.region(this.region);
    const c = people.pupilClass(pupil);
    const lessons = this.#lessons(c, range, today).map((lesson) => this.#lesson(lesson, pupil));
    const periodMarks = this.#journal.periodMarks(pupil, today).map((p) => ({ subject: p.subject, period: p.period, score: String(p.value) }));
    return {
      class: className(people.layout, c),
      grade: String(people.layout.classGrade[c]),
      lesson: lessons,
      ...(child ? { student: { oid: child.account?.oid ?? null, name: `${child.lastName} ${child.firstName} ${child.middleName}` } } : {}),
      ...(periodMarks.length > 0 ? { periodMarks } : {}),
    };
  }

  #lesson(lesson: Lesson, pupil: number | null): ScheduleLesson {
    const attendance = pupil === null ? undefined : this.#journal.attendance(lesson).find((a) => a.pupil === pupil);
    const marks = pupil === null ? [] : this.#journal.marks(lesson).filter((m) => m.pupil === pupil);
    return applyTimetableEdit(
      {
        id: lesson.id,
        subject: lesson.subject,
        ...(lesson.topic ? { topic: lesson.topic } : {}),
        ...(lesson.homework ? { homework: lesson.homework } : {}),
        period: { start: lesson.start, end: lesson.end },
        classroom: lesson.classroom,
        ...(attendance ? { attendance: { code: ATTENDANCE_CODES[attendance.code] ?? attendance.code } } : {}),
        ...(marks.length > 0
          ? { score: marks.map((m) => ({ code: WORK_CODES[m.workType] ?? 'answer', weight: m.weight, score: String(m.value), scoreSystem: 'five' })) }
          : {}),
      },
      this.edits().get(timetableEditKey(this.region, lesson)),
    );
  }
}

/** All regions' diaries of a world, behind one handler: `/{region}/…`. */
export class RegionalDiaries {
  readonly #diaries = new Map<string, RegionalDiary>();

  constructor(
    readonly world: World,
    readonly now: () => Date,
    readonly clients: readonly DiaryClient[] = [DEFAULT_DIARY_CLIENT],
    readonly sandbox = 'default',
    /** Region code → the one client that region's diary accepts instead of `clients`. */
    readonly regionClients: Readonly<Record<string, DiaryClient>> = {},
    readonly edits: () => TimetableEdits = () => NO_EDITS,
  ) {}

  /** Every region's diary back to how it was created (no faults, no tokens). */
  reset(): void {
    for (const diary of this.#diaries.values()) diary.reset();
  }

  /** The regions whose diary has a fault switched on, with the fault. */
  faults(): Record<string, DiaryFault> {
    return Object.fromEntries([...this.#diaries].filter(([, d]) => d.fault.mode !== 'ok').map(([region, d]) => [region, d.fault]));
  }

  diary(region: string): RegionalDiary | undefined {
    if (!this.world.hasRegion(region)) return undefined;
    let diary = this.#diaries.get(region);
    if (!diary) {
      const own = this.regionClients[region];
      diary = new RegionalDiary(this.world, region, this.now, own ? [own] : this.clients, undefined, this.sandbox, this.edits);
      this.#diaries.set(region, diary);
    }
    return diary;
  }

  async handle(request: SimRequest): Promise<SimResponse> {
    const m = /^\/(\d{2})(\/.*)?$/.exec(request.path);
    const diary = m ? this.diary(m[1] ?? '') : undefined;
    if (!m || !diary)
      return outcome(404, 'not-found', `${request.path}: нет дневника такого региона в этом мире; регионы: ${this.world.regionCodes.slice(0, 10).join(', ')}`);
    return diary.handle({ ...request, path: m[2] ?? '/', baseUrl: `${request.baseUrl}/${m[1]}` });
  }
}
