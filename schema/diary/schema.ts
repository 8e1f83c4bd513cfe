/**
 * diary: a person's diary for a date range, fetched only over the federal contract from the
 * regional diary of the person's region (or a vendor's endpoint). If that diary is down, slow or
 * off-contract, this field carries DIARY_UNAVAILABLE / DIARY_CONTRACT_VIOLATION and the rest of
 * the answer still arrives.
 */
import type { ScheduleClass, ScheduleLesson } from '../../mocks/index.ts';
import { dayOf, isoOf, moscowDateOf } from '../../seeds/index.ts';
import { requireAcceptedAccount } from '../account-rule.ts';
import { builder, PersonRef } from '../builder.ts';
import { addTrace, memo, type Role } from '../context.ts';
import { edusimError } from '../errors.ts';
import { effectiveRole, personOf, requireConsent } from '../person.ts';
import type { DiaryResult } from './diary-client.ts';

const sub = { subGraphs: ['diary' as const] };
const MAX_DAYS = 93;

interface DiaryView {
  readonly region: string;
  readonly platform: string | null;
  readonly from: string;
  readonly to: string;
  readonly role: Role;
  readonly entries: readonly (ScheduleClass & { schoolName: string })[];
}

const Mark = builder.objectRef<{ code: string; weight?: number; score: string }>('DiaryMark').implement({
  ...sub,
  fields: (t) => ({
    value: t.exposeString('score', { description: '2–5, or зачёт/незачёт' }),
    weight: t.int({ nullable: true, resolve: (m) => m.weight ?? null }),
    kind: t.exposeString('code', { description: 'answer, homework, independent, test' }),
  }),
});

const Lesson = builder.objectRef<ScheduleLesson>('DiaryLesson').implement({
  ...sub,
  fields: (t) => ({
    id: t.exposeID('id'),
    date: t.field({ type: 'Date', resolve: (l) => l.period.start.slice(0, 10) }),
    start: t.string({ resolve: (l) => l.period.start }),
    end: t.string({ resolve: (l) => l.period.end }),
    subject: t.exposeString('subject'),
    insteadOf: t.string({ nullable: true, description: 'The subject this lesson replaces (a timetable edit)', resolve: (l) => l.insteadOf ?? null }),
    note: t.string({ nullable: true, description: 'What changed: «Урок отменён», a replacement, a new topic', resolve: (l) => l.note ?? null }),
    topic: t.string({ nullable: true, resolve: (l) => l.topic ?? null }),
    homework: t.string({ nullable: true, resolve: (l) => l.homework ?? null }),
    classroom: t.exposeString('classroom'),
    attendance: t.string({ nullable: true, description: 'н (absent), б (ill), у (excused), о (late)', resolve: (l) => l.attendance?.code ?? null }),
    marks: t.field({ type: [Mark], resolve: (l) => [...(l.score ?? [])] }),
  }),
});

const PeriodMark = builder.objectRef<{ subject: string; period: string; score: string }>('DiaryPeriodMark').implement({
  ...sub,
  fields: (t) => ({ subject: t.exposeString('subject'), period: t.exposeString('period'), value: t.exposeString('score') }),
});

const Entry = builder.objectRef<ScheduleClass & { schoolName: string }>('DiaryEntry').implement({
  ...sub,
  description: 'One class of the diary: the pupil’s own, a child’s (for a parent), or one a teacher teaches',
  fields: (t) => ({
    school: t.exposeString('schoolName'),
    className: t.exposeString('class'),
    grade: t.int({ resolve: (e) => Number(e.grade) }),
    student: t.string({ nullable: true, description: 'For a parent: whose entry this is', resolve: (e) => e.student?.name ?? null }),
    studentOid: t.id({ nullable: true, resolve: (e) => (e.student?.oid ? String(e.student.oid) : null) }),
    lessons: t.field({ type: [Lesson], resolve: (e) => [...e.lesson] }),
    periodMarks: t.field({ type: [PeriodMark], resolve: (e) => [...(e.periodMarks ?? [])] }),
  }),
});

const Diary = builder.objectRef<DiaryView>('Diary').implement({
  ...sub,
  fields: (t) => ({
    region: t.exposeString('region'),
    platform: t.exposeString('platform', { nullable: true, description: 'The regional platform that answered' }),
    from: t.field({ type: 'Date', resolve: (d) => d.from }),
    to: t.field({ type: 'Date', resolve: (d) => d.to }),
    role: t.exposeString('role'),
    entries: t.field({ type: [Entry], resolve: (d) => [...d.entries] }),
  }),
});

function defaultRange(todayIso: string): { start: string; end: string } {
  const today = dayOf(todayIso);
  const monday = today - ((today + 3) % 7);
  return { start: isoOf(monday), end: isoOf(monday + 6) };
}

builder.objectFields(PersonRef, (t) => ({
  diary: t.field({
    ...sub,
    type: Diary,
    nullable: true,
    description: 'Lessons, homework, marks and attendance for a date range (default: the current week)',
    args: { from: t.arg({ type: 'Date' }), to: t.arg({ type: 'Date' }) },
    resolve: async (p, args, ctx) => {
      requireAcceptedAccount(ctx);
      requireConsent(ctx);
      const person = personOf(ctx, p);
      const role = effectiveRole(ctx, person);
      if (role === 'ADMINISTRATOR') throw edusimError('FORBIDDEN', 'У администратора школы нет дневника; выберите роль учителя или родителя, если она есть');
      if ((args.from == null) !== (args.to == null)) throw edusimError('BAD_USER_INPUT', 'Укажите оба аргумента from и to или ни одного');
      const range = args.from && args.to ? { start: args.from, end: args.to } : defaultRange(moscowDateOf(ctx.services.now()));
      if (range.end < range.start) throw edusimError('BAD_USER_INPUT', `to=${range.end} раньше from=${range.start}`);
      if (dayOf(range.end) - dayOf(range.start) + 1 > MAX_DAYS) throw edusimError('BAD_USER_INPUT', `Период больше ${MAX_DAYS} дней`);
      const region = person.regionCode;
      const result = (await memo(ctx, `diary:${p.oid}:${range.start}:${range.end}`, () =>
        ctx.services.diary.schedule(region, Number(p.oid), range, ctx.baseUrl, ctx.traceId),
      )) as DiaryResult;
      addTrace(ctx, {
        step: 'diary',
        ok: result.ok,
        detail: result.ok ? `дневник региона ${region} ответил по контракту` : result.message,
        region,
        url: result.url,
        ...(result.status !== null ? { status: result.status } : {}),
        latencyMs: result.latencyMs,
        contract: result.ok ? 'ok' : result.code === 'DIARY_CONTRACT_VIOLATION' ? 'violated' : 'not-checked',
        ...(result.fault ? { fault: result.fault } : {}),
      });
      if (!result.ok) throw edusimError(result.code, result.message, { region, url: result.url, status: result.status, violations: result.violations });
      const entries = result.schedule.school.flatMap((school) =>
        school.class.filter((c) => (role === 'PARENT' ? c.student !== undefined : c.student === undefined)).map((c) => ({ ...c, schoolName: school.name })),
      );
      // A child's diary reaches a parent only under a consent that covers the child.
      for (const entry of entries) if (entry.student?.oid) requireConsent(ctx, entry.student.oid);
      return { region, platform: result.schedule.meta.source ?? null, from: range.start, to: range.end, role, entries };
    },
  }),
}));
