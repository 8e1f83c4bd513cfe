import { describe, expect, it } from 'vitest';
import { contractAttendance, contractDates, contractMarks, contractShape, type ScheduleAnswer } from './contract-checks.ts';
import type { Range } from './plan.ts';

const week: Range = { start: '2026-11-16', end: '2026-11-22' };

/** One answer holding one lesson, with the lesson's fields replaced by `lesson`. */
function answer(lesson: Record<string, unknown>, range: Range | null = week, status = 200): ScheduleAnswer {
  const body = {
    resourceType: 'Schedule',
    id: 's1',
    meta: { lastUpdated: '2026-11-23T09:00:00.000Z' },
    school: [
      {
        id: 'sch1',
        name: 'МБОУ СОШ № 1',
        scheduleUrl: 'http://vendor.test/api/schools/1/schedule',
        period: range ?? { start: '2026-11-16', end: '2026-12-06' },
        academYear: '2026/27',
        class: [
          {
            class: '8б',
            grade: '8',
            lesson: [
              { id: 'l1', subject: 'Алгебра', classroom: '12', period: { start: '2026-11-17T08:00:00+03:00', end: '2026-11-17T08:45:00+03:00' }, ...lesson },
            ],
          },
        ],
      },
    ],
  };
  return {
    exchange: {
      label: 'ученик, неделя',
      method: 'GET',
      url: 'http://vendor.test/api/Schedule/1',
      headers: {},
      status,
      text: JSON.stringify(body),
      json: body,
      latencyMs: 5,
    },
    subject: { kind: 'pupil', label: 'ученик', oid: 1 },
    range,
  };
}

describe('the contract checks, each on its own concern', () => {
  it('passes a lesson on the contract', () => {
    const ok = [answer({ score: [{ code: 'answer', weight: 1, score: '5', scoreSystem: 'five' }], attendance: { code: 'б' } })];
    expect([contractShape(ok), contractDates(ok), contractMarks(ok), contractAttendance(ok)].map((c) => c.status)).toEqual(['pass', 'pass', 'pass', 'pass']);
  });

  it('names a mark outside its system, an unknown system and a weight that is not positive', () => {
    const check = contractMarks([
      answer({
        score: [
          { code: 'answer', score: '6', scoreSystem: 'five' },
          { code: 'test', score: 'A', scoreSystem: 'letters' },
          { code: 'homework', score: '4', scoreSystem: 'five', weight: 0 },
        ],
      }),
    ]);
    expect(check.status).toBe('failed');
    expect(check.problems).toEqual([
      'ученик, неделя: school[0].class[0].lesson[0].score[0].score: "6" не оценка системы five',
      'ученик, неделя: school[0].class[0].lesson[0].score[1].scoreSystem: ожидалось одно из five, ten, hundred, pass, пришло "letters"',
      'ученик, неделя: school[0].class[0].lesson[0].score[2].weight: ожидалось положительное число, пришло 0',
    ]);
  });

  it('refuses attendance codes other than н, б, у, о — a Latin n included', () => {
    expect(contractAttendance([answer({ attendance: { code: 'n' } })]).problems).toEqual([
      'ученик, неделя: school[0].class[0].lesson[0].attendance.code: ожидалось одно из н, б, у, о, пришло "n"',
    ]);
  });

  it('fails a lesson outside the asked range and warns on a time in UTC instead of the region’s offset', () => {
    expect(contractDates([answer({ period: { start: '2026-11-24T08:00:00+03:00', end: '2026-11-24T08:45:00+03:00' } })]).problems).toEqual([
      'ученик, неделя: school[0].class[0].lesson[0]: урок 2026-11-24 вне запрошенного периода 2026-11-16…2026-11-22',
    ]);
    expect(contractDates([answer({ period: { start: '2026-11-17T05:00:00Z', end: '2026-11-17T05:45:00Z' } })])).toMatchObject({
      status: 'warning',
      problems: ['ученик, неделя: school[0].class[0].lesson[0].period.start: 2026-11-17T05:00:00Z — время указано со смещением Z, а не +03:00 (время региона)'],
    });
  });

  it('counts an answer that is not 200 against the shape, and leaves the other checks nothing to pass', () => {
    const refused = [answer({}, week, 503)];
    expect(contractShape(refused).problems).toEqual(['ученик, неделя: ожидался HTTP 200 со Schedule, пришёл HTTP 503']);
    expect(contractDates(refused)).toMatchObject({ status: 'skipped', summary: 'Проверить нечего: ни одного ответа HTTP 200 (см. contract.shape)' });
    expect(contractMarks(refused).status).toBe('skipped');
  });
});
