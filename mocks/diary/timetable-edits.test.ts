import { describe, expect, it } from 'vitest';
import { createWorld, findPersona, type TimetableEdit } from '../../seeds/index.ts';
import type { SimRequest } from '../http/sim-http.ts';
import { checkSchedule, type Schedule, type ScheduleLesson } from './contract.ts';
import { DEFAULT_DIARY_CLIENT, RegionalDiaries } from './regional-diary.ts';

const world = createWorld({ seed: 42, scale: 'demo' });
const now = () => new Date('2026-11-23T07:00:00Z');
const edits = new Map<string, TimetableEdit>();
const edited = new RegionalDiaries(world, now, undefined, 'edited', {}, () => edits);
const plain = new RegionalDiaries(world, now, undefined, 'plain');
const { person: pupil } = findPersona(world, 'pupil-child-account');
const classId = pupil.memberships[0]?.role === 'pupil' ? pupil.memberships[0].classId : '';
const schoolId = pupil.memberships[0]?.role === 'pupil' ? pupil.memberships[0].schoolId : '';

async function get(diaries: RegionalDiaries, path: string, withToken = true): Promise<{ status: number; body: unknown }> {
  const call = (method: string, p: string, headers: Record<string, string>, body?: string) => {
    const url = new URL(`http://diary.test/diary${p}`);
    const request: SimRequest = {
      method,
      path: url.pathname.slice('/diary'.length),
      query: url.searchParams,
      headers,
      body,
      baseUrl: 'http://diary.test/diary',
    };
    return diaries.handle(request);
  };
  const form = `grant_type=client_credentials&client_id=${DEFAULT_DIARY_CLIENT.clientId}&client_secret=${DEFAULT_DIARY_CLIENT.clientSecret}`;
  const token = (JSON.parse((await call('POST', '/36/token', { 'content-type': 'application/x-www-form-urlencoded' }, form)).body) as { access_token: string })
    .access_token;
  const response = await call('GET', path, withToken ? { authorization: `Bearer ${token}` } : {});
  return { status: response.status, body: JSON.parse(response.body) };
}

const week = '?start=2026-11-16&end=2026-11-22';
const lessonsOf = (body: unknown): ScheduleLesson[] => (body as Schedule).school.flatMap((s) => s.class.flatMap((c) => c.lesson));
const on = (lessons: ScheduleLesson[], date: string, number: number) => lessons.filter((l) => l.period.start.startsWith(date))[number - 1];

describe('timetable edits in the diary', () => {
  it('shows a cancelled lesson with a note and no marks, and a replaced one with insteadOf, on the contract', async () => {
    const before = lessonsOf((await get(plain, `/36/Schedule/${pupil.account?.oid}${week}`)).body);
    const second = on(before, '2026-11-17', 2) as ScheduleLesson;
    const third = on(before, '2026-11-17', 3) as ScheduleLesson;
    edits.set(`${classId}|2026-11-17|2`, { key: `${classId}|2026-11-17|2`, cancelled: true });
    edits.set(`${classId}|2026-11-17|3`, { key: `${classId}|2026-11-17|3`, cancelled: false, subject: 'Музыка', topic: 'Народная песня' });
    const { status, body } = await get(edited, `/36/Schedule/${pupil.account?.oid}${week}`);
    expect(status).toBe(200);
    expect(checkSchedule(body)).toEqual([]);
    const after = lessonsOf(body);
    expect(on(after, '2026-11-17', 2)).toEqual({
      id: second.id,
      subject: second.subject,
      ...(second.topic ? { topic: second.topic } : {}),
      period: second.period,
      classroom: second.classroom,
      note: 'Урок отменён',
    });
    expect(third.subject).toBe('Русский язык');
    expect(on(after, '2026-11-17', 3)).toEqual({
      ...third,
      subject: 'Музыка',
      insteadOf: 'Русский язык',
      topic: 'Народная песня',
      note: 'Замена: Музыка вместо урока «Русский язык»',
    });
    expect(after.length).toBe(before.length);
  });

  it('keeps another sandbox of the same world unedited', async () => {
    const lessons = lessonsOf((await get(plain, `/36/Schedule/${pupil.account?.oid}${week}`)).body);
    expect(lessons.some((l) => l.note !== undefined || l.insteadOf !== undefined)).toBe(false);
  });
});

describe('scheduleUrl', () => {
  it('answers with the school’s timetable: every class, edits applied, no pupil data', async () => {
    const mine = (await get(edited, `/36/Schedule/${pupil.account?.oid}${week}`)).body as Schedule;
    const url = new URL(mine.school[0]?.scheduleUrl ?? '');
    expect(url.pathname).toBe(`/diary/36/schools/${schoolId}/schedule`);
    const { status, body } = await get(edited, `${url.pathname.slice('/diary'.length)}${week}`);
    expect(status).toBe(200);
    expect(checkSchedule(body)).toEqual([]);
    const school = (body as Schedule).school[0];
    const people = world.region('36');
    const layoutSchool = people.layout.schools.find((s) => s.id === schoolId);
    expect(school?.name).toBe(mine.school[0]?.name);
    expect(school?.class.length).toBe(layoutSchool?.classCount);
    const lessons = lessonsOf(body);
    expect(lessons.some((l) => l.score !== undefined || l.attendance !== undefined)).toBe(false);
    expect(lessons.filter((l) => l.note === 'Урок отменён').length).toBe(1);
  });

  it('refuses an unknown school and a call without a token, as OperationOutcome', async () => {
    expect(await get(edited, '/36/schools/36-99999/schedule')).toMatchObject({
      status: 404,
      body: {
        resourceType: 'OperationOutcome',
        issue: [{ severity: 'error', code: 'not-found', details: { text: 'школа 36-99999 не найдена в дневнике региона 36' } }],
      },
    });
    expect(await get(edited, `/36/schools/${schoolId}/schedule`, false)).toMatchObject({
      status: 401,
      body: { issue: [{ code: 'security', details: { text: 'нужен действующий маркер: POST /token (client_credentials)' } }] },
    });
  });
});
