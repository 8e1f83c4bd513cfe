import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { checkOperationOutcome, checkSchedule, ScheduleSchema } from './contract.ts';

const lesson = { id: 'l1', subject: 'Алгебра', classroom: '12', period: { start: '2026-11-23T08:30:00+03:00', end: '2026-11-23T09:15:00+03:00' } };
const schedule = (patch: (s: Record<string, unknown>) => void = () => {}) => {
  const body: Record<string, unknown> = {
    resourceType: 'Schedule',
    id: 's',
    meta: { lastUpdated: '2026-11-23T10:00:00Z', source: 'Дневник.ру' },
    school: [
      {
        id: 'x',
        name: 'Школа',
        scheduleUrl: 'u',
        period: { start: '2026-11-16', end: '2026-11-22' },
        academYear: '2026/27',
        class: [{ class: '8б', grade: '8', lesson: [lesson] }],
      },
    ],
  };
  patch(body);
  return body;
};

describe('the diary contract as a zod schema', () => {
  it('names every violation by path, what was expected and what came', () => {
    expect(checkSchedule(schedule())).toEqual([]);
    expect(checkSchedule('<html>')).toEqual(['$: expected a JSON object, got "<html>"']);
    expect(checkSchedule([])).toEqual(['$: expected a JSON object, got an array of 0']);
    const broken = schedule((s) => {
      const school = (s['school'] as Record<string, unknown>[])[0] as Record<string, unknown>;
      school['period'] = { start: '16.11.2026', end: '2026-11-22' };
      const cls = (school['class'] as Record<string, unknown>[])[0] as Record<string, unknown>;
      cls['grade'] = 8;
      cls['lesson'] = [
        { ...lesson, period: { start: '2026-11-23 08:30', end: lesson.period.end }, topic: null, score: [{ code: 'test', score: 5, scoreSystem: 'five' }] },
        'x',
      ];
    });
    expect(checkSchedule(broken)).toEqual([
      'school[0].period.start: expected a date as YYYY-MM-DD, got "16.11.2026"',
      'school[0].class[0].grade: expected a string, got 8',
      'school[0].class[0].lesson[0].topic: expected a string, got null',
      'school[0].class[0].lesson[0].period.start: expected ISO-8601 with an offset, e.g. 2026-11-23T08:30:00+03:00, got "2026-11-23 08:30"',
      'school[0].class[0].lesson[0].score[0].score: expected a string, got 5',
      'school[0].class[0].lesson[1]: expected an object, got "x"',
    ]);
  });

  it('checks no more than the contract did: extra fields and the described-only ones pass', () => {
    const extended = schedule((s) => {
      (s['meta'] as Record<string, unknown>)['source'] = 42;
      s['vendorField'] = { any: 'thing' };
      const school = (s['school'] as Record<string, unknown>[])[0] as Record<string, unknown>;
      school['distantUrl'] = null;
      ((school['class'] as Record<string, unknown>[])[0] as Record<string, unknown>)['student'] = 'someone';
    });
    expect(checkSchedule(extended)).toEqual([]);
  });

  it('checks an OperationOutcome', () => {
    expect(checkOperationOutcome({ resourceType: 'OperationOutcome', id: 'x', issue: [{ severity: 'error', code: 'value', details: { text: 'т' } }] })).toEqual(
      [],
    );
    expect(checkOperationOutcome({ resourceType: 'OperationOutcome', issue: [] })).toEqual(['issue: expected a non-empty array, got an array of 0']);
    expect(checkOperationOutcome({ resourceType: 'OperationOutcome', issue: [{ severity: 'bad', code: 'x' }] })).toEqual([
      'issue[0].severity: expected one of "fatal", "error", "warning", "information", got "bad"',
    ]);
    expect(checkOperationOutcome({ error: 'x' })).toEqual(['resourceType: expected "OperationOutcome", got nothing', 'issue: expected an array, got nothing']);
  });

  it('describes the Schedule in JSON Schema', () => {
    const json = z.toJSONSchema(ScheduleSchema, { io: 'output' }) as { $defs: Record<string, { required: string[] }> };
    expect(json.$defs['Schedule']?.required).toEqual(['resourceType', 'id', 'meta', 'school']);
  });
});
