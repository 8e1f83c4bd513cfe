/**
 * The federal diary contract (docs/diary-contract.md): the shapes a regional diary must
 * answer `GET {base}/Schedule/{oid}` with, and a checker that names every violation by path —
 * used by edusim's own diaries in tests and by the gateway on a vendor's real diary.
 */

export interface ScheduleScore {
  readonly code: string;
  readonly weight?: number;
  readonly score: string;
  readonly score2?: string;
  readonly scoreSystem: string;
}

export interface ScheduleLesson {
  readonly id: string;
  readonly subject: string;
  readonly insteadOf?: string;
  readonly topic?: string;
  readonly homework?: string;
  readonly period: { readonly start: string; readonly end: string };
  readonly classroom: string;
  readonly distant?: boolean;
  readonly note?: string;
  readonly attendance?: { readonly code: string };
  readonly score?: readonly ScheduleScore[];
}

export interface ScheduleClass {
  readonly class: string;
  readonly grade: string;
  readonly lesson: readonly ScheduleLesson[];
  /** edusim extension: whose class this is, when a parent asks (the contract leaves parents open). */
  readonly student?: { readonly oid: number | null; readonly name: string };
  /** edusim extension: period marks of the pupil (the contract leaves period marks open). */
  readonly periodMarks?: readonly { readonly subject: string; readonly period: string; readonly score: string }[];
}

export interface ScheduleSchool {
  readonly id: string;
  readonly name: string;
  readonly scheduleUrl: string;
  readonly period: { readonly start: string; readonly end: string };
  readonly academYear: string;
  readonly distantUrl?: string;
  readonly class: readonly ScheduleClass[];
}

export interface Schedule {
  readonly resourceType: 'Schedule';
  readonly id: string;
  readonly meta: { readonly lastUpdated: string; readonly source?: string };
  readonly school: readonly ScheduleSchool[];
}

export type IssueSeverity = 'fatal' | 'error' | 'warning' | 'information';

export interface OperationOutcome {
  readonly resourceType: 'OperationOutcome';
  readonly id: string;
  readonly issue: readonly { readonly severity: IssueSeverity; readonly code: string; readonly details: { readonly text: string } }[];
}

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:\d{2}|Z)$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every way `body` departs from the contract, as `path: problem`; empty when it conforms. */
export function checkSchedule(body: unknown): string[] {
  const problems: string[] = [];
  const need = (ok: boolean, path: string, problem: string) => {
    if (!ok) problems.push(`${path}: ${problem}`);
  };
  if (!isObject(body)) return ['$: expected a JSON object'];
  need(body['resourceType'] === 'Schedule', 'resourceType', `expected "Schedule", got ${JSON.stringify(body['resourceType'])}`);
  need(typeof body['id'] === 'string', 'id', 'expected a string');
  need(isObject(body['meta']) && typeof body['meta']['lastUpdated'] === 'string', 'meta.lastUpdated', 'expected a string');
  if (!Array.isArray(body['school'])) return [...problems, 'school: expected an array'];
  body['school'].forEach((school: unknown, s) => {
    const sp = `school[${s}]`;
    if (!isObject(school)) return need(false, sp, 'expected an object');
    for (const key of ['id', 'name', 'scheduleUrl', 'academYear']) need(typeof school[key] === 'string', `${sp}.${key}`, 'expected a string');
    const period = school['period'];
    need(
      isObject(period) && ISO_DATE.test(String(period['start'])) && ISO_DATE.test(String(period['end'])),
      `${sp}.period`,
      'expected {start, end} as YYYY-MM-DD',
    );
    if (!Array.isArray(school['class'])) return need(false, `${sp}.class`, 'expected an array');
    school['class'].forEach((cls: unknown, c) => {
      const cp = `${sp}.class[${c}]`;
      if (!isObject(cls)) return need(false, cp, 'expected an object');
      need(typeof cls['class'] === 'string', `${cp}.class`, 'expected a string like "8б"');
      need(typeof cls['grade'] === 'string', `${cp}.grade`, 'expected a string like "8"');
      if (!Array.isArray(cls['lesson'])) return need(false, `${cp}.lesson`, 'expected an array');
      cls['lesson'].forEach((lesson: unknown, l) => {
        const lp = `${cp}.lesson[${l}]`;
        if (!isObject(lesson)) return need(false, lp, 'expected an object');
        need(typeof lesson['id'] === 'string', `${lp}.id`, 'expected a string');
        need(typeof lesson['subject'] === 'string', `${lp}.subject`, 'expected a string');
        need(typeof lesson['classroom'] === 'string', `${lp}.classroom`, 'expected a string');
        const p = lesson['period'];
        need(
          isObject(p) && ISO_WITH_OFFSET.test(String(p['start'])) && ISO_WITH_OFFSET.test(String(p['end'])),
          `${lp}.period`,
          'expected {start, end} as ISO-8601 with an offset',
        );
        for (const key of ['topic', 'homework', 'insteadOf', 'note'])
          if (lesson[key] !== undefined) need(typeof lesson[key] === 'string', `${lp}.${key}`, 'expected a string');
        if (lesson['attendance'] !== undefined)
          need(isObject(lesson['attendance']) && typeof lesson['attendance']['code'] === 'string', `${lp}.attendance.code`, 'expected a string');
        if (lesson['score'] !== undefined) {
          if (!Array.isArray(lesson['score'])) return need(false, `${lp}.score`, 'expected an array');
          lesson['score'].forEach((score: unknown, k) => {
            const kp = `${lp}.score[${k}]`;
            if (!isObject(score)) return need(false, kp, 'expected an object');
            need(typeof score['code'] === 'string', `${kp}.code`, 'expected a string');
            need(typeof score['score'] === 'string', `${kp}.score`, 'expected a string');
            need(typeof score['scoreSystem'] === 'string', `${kp}.scoreSystem`, 'expected a string');
            if (score['weight'] !== undefined) need(typeof score['weight'] === 'number', `${kp}.weight`, 'expected a number');
          });
        }
      });
    });
  });
  return problems;
}

export function checkOperationOutcome(body: unknown): string[] {
  if (!isObject(body) || body['resourceType'] !== 'OperationOutcome') return ['resourceType: expected "OperationOutcome"'];
  if (!Array.isArray(body['issue']) || body['issue'].length === 0) return ['issue: expected a non-empty array'];
  return body['issue'].flatMap((issue: unknown, i) =>
    isObject(issue) && ['fatal', 'error', 'warning', 'information'].includes(String(issue['severity'])) && typeof issue['code'] === 'string'
      ? []
      : [`issue[${i}]: expected {severity, code, details}`],
  );
}
