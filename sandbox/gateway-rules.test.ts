// The gateway's rules (issue 11 «The gateway follows the rules»): only confirmed and child accounts
// get registry and diary data; the ЦОК check asks a person with several roles to choose, as the diary does.
import { afterAll, describe, expect, it } from 'vitest';
import { ageOn, createWorld, findPersona, type Person } from '../seeds/index.ts';
import { createApp } from './index.ts';

const world = createWorld({ seed: 42, scale: 'demo' });
const app = await createApp({ world });
afterAll(() => app.fastify.close());
const people = world.region('36');
const asOf = world.options.asOf;

function first(count: number, at: (i: number) => Person | undefined, fits: (p: Person) => boolean): Person {
  for (let i = 0; i < count; i++) {
    const person = at(i);
    if (person && fits(person)) return person;
  }
  throw new Error('no such person in the world');
}

const teen = (p: Person) => ageOn(p.birthDate, asOf) >= 14 && ageOn(p.birthDate, asOf) < 18 && p.account !== null && !p.account.createdByParent;
const simplifiedMother = first(
  people.families.familyCapacity,
  (i) => people.parent('mother', i),
  (p) => p.account?.level === 'simplified' && p.memberships.some((m) => m.role === 'parent'),
);
const simplifiedTeen = first(
  people.layout.pupilCount,
  (i) => people.pupil(i),
  (p) => teen(p) && p.account?.level === 'simplified',
);
const linkedStandardTeen = first(
  people.layout.pupilCount,
  (i) => people.pupil(i),
  (p) => teen(p) && p.account?.level === 'standard' && (p.account.linkedParentOids.length ?? 0) > 0,
);

interface Answer {
  data?: { me: Record<string, unknown> | null } | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

async function ask(person: Person, query: string, headers: Record<string, string> = {}): Promise<Answer> {
  const oid = person.account?.oid ?? 0;
  app.sandbox.consents.grantTransfer(oid, person.account?.linkedParentOids);
  const token = (await app.sandbox.esia.mint(oid, 'EDUSIM', 'openid fullname')).access_token;
  const response = await app.fastify.inject({
    method: 'POST',
    url: '/graphql',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
    payload: JSON.stringify({ query }),
  });
  return response.json() as Answer;
}

const FLOW = '{ me { fullName registry { region { code } } diary { role } } }';
const CONFIRM = 'Подтвердите учётную запись на Госуслугах: в центре обслуживания (МФЦ) с паспортом или онлайн через банк.';
const refusal = (message: string, level: string) => ({
  message,
  extensions: { code: 'ACCOUNT_NOT_CONFIRMED', accountLevel: level, accepted: ['CONFIRMED', 'CHILD_ACCOUNT'] },
});

describe('registry and diary data go only to confirmed accounts and child accounts', () => {
  it('refuses a parent with a simplified account, saying to confirm it', async () => {
    const answer = await ask(simplifiedMother, FLOW);
    expect(answer.data?.me).toEqual({
      fullName: `${simplifiedMother.lastName} ${simplifiedMother.firstName} ${simplifiedMother.middleName}`,
      registry: null,
      diary: null,
    });
    const message = `Учётная запись на Госуслугах упрощённая: данные реестра и дневника передаются только подтверждённым и детским учётным записям. ${CONFIRM}`;
    expect(answer.errors?.map((e) => ({ message: e.message, extensions: e.extensions }))).toEqual([
      refusal(message, 'SIMPLIFIED'),
      refusal(message, 'SIMPLIFIED'),
    ]);
    expect(answer.errors?.map((e) => e.path)).toEqual([
      ['me', 'registry'],
      ['me', 'diary'],
    ]);
  });

  it('refuses a 14–17-year-old with a simplified own account, saying how it becomes a child account', async () => {
    const answer = await ask(simplifiedTeen, FLOW);
    expect(answer.data?.me?.['registry']).toBeNull();
    expect(answer.errors?.[0]).toEqual({
      ...refusal(
        'Учётная запись на Госуслугах упрощённая: данные реестра и дневника передаются только подтверждённым и детским учётным записям. ' +
          'Укажите в профиле СНИЛС и паспорт (стандартная запись), а родитель привязывает запись в разделе «Документы» → «Семья и дети» («Привязать»). ' +
          'Или: подтвердите учётную запись на Госуслугах: в центре обслуживания (МФЦ) с паспортом или онлайн через банк.',
        'SIMPLIFIED',
      ),
      locations: [{ line: 1, column: 17 }],
      path: ['me', 'registry'],
    });
  });

  it('gives data to a teenager’s standard account once a parent has linked it (a child account)', async () => {
    const answer = await ask(linkedStandardTeen, '{ me { registry { region { code } } } }');
    expect(answer).toEqual({ data: { me: { registry: { region: { code: '36' } } } } });
  });

  it('refuses that teenager again when the sandbox unlinks the account', async () => {
    app.sandbox.state.links.set(linkedStandardTeen.id, []);
    try {
      const answer = await ask(linkedStandardTeen, '{ me { registry { region { code } } } }');
      expect(answer.errors?.map((e) => [e.extensions?.['code'], e.extensions?.['accountLevel']])).toEqual([['ACCOUNT_NOT_CONFIRMED', 'STANDARD']]);
      expect(answer.errors?.[0]?.message).toBe(
        'Учётная запись на Госуслугах стандартная: данные реестра и дневника передаются только подтверждённым и детским учётным записям. ' +
          'Родитель привязывает запись в разделе «Документы» → «Семья и дети» («Привязать»). ' +
          'Или: подтвердите учётную запись на Госуслугах: в центре обслуживания (МФЦ) с паспортом или онлайн через банк.',
      );
    } finally {
      app.sandbox.state.links.delete(linkedStandardTeen.id);
    }
  });

  it('still gives a child account created by a parent its data', async () => {
    const { person } = findPersona(world, 'pupil-child-account');
    const answer = await ask(person, '{ me { registry { region { code } } } }');
    expect(answer).toEqual({ data: { me: { registry: { region: { code: '36' } } } } });
  });
});

describe('the ЦОК access check follows the chosen role', () => {
  const { person } = findPersona(world, 'teacher-parent');
  const ACCESS = '{ me { lessonAccess { allowed role checks { code passed } } } }';

  it('asks a teacher who is also a parent to choose a role, as the diary does', async () => {
    const answer = await ask(person, `{ me { diary { role } lessonAccess { allowed } } }`);
    expect(answer.errors?.map((e) => [e.path?.join('.'), e.extensions?.['code'], e.message]).sort()).toEqual([
      ['me.diary', 'ROLE_CHOICE_REQUIRED', 'У человека несколько ролей (TEACHER, PARENT): выберите одну заголовком X-Edusim-Role'],
      ['me.lessonAccess', 'ROLE_CHOICE_REQUIRED', 'У человека несколько ролей (TEACHER, PARENT): выберите одну заголовком X-Edusim-Role'],
    ]);
  });

  it('checks the chosen role: as a teacher access is given, as a parent the one reason is the role', async () => {
    expect((await ask(person, ACCESS, { 'x-edusim-role': 'TEACHER' })).data?.me?.['lessonAccess']).toEqual({
      allowed: true,
      role: 'TEACHER',
      checks: [
        { code: 'EMPLOYEE_ROLE', passed: true },
        { code: 'LIBRARY_RIGHTS', passed: true },
        { code: 'TIMETABLE_LESSONS', passed: true },
      ],
    });
    expect((await ask(person, ACCESS, { 'x-edusim-role': 'PARENT' })).data?.me?.['lessonAccess']).toEqual({
      allowed: false,
      role: 'PARENT',
      checks: [{ code: 'EMPLOYEE_ROLE', passed: false }],
    });
  });

  it('refuses a role argument the person does not hold', async () => {
    const answer = await ask(person, '{ me { lessonAccess(role: PUPIL) { allowed } } }');
    expect(answer.errors?.map((e) => [e.extensions?.['code'], e.message])).toEqual([
      ['FORBIDDEN', 'Роль PUPIL не принадлежит этому человеку; доступны: TEACHER, PARENT'],
    ]);
  });
});

describe('timetable edits reach the diary through the gateway', () => {
  it('shows a cancelled lesson and a replaced one with insteadOf and note', async () => {
    const { person } = findPersona(world, 'pupil-child-account');
    const classId = person.memberships[0]?.role === 'pupil' ? person.memberships[0].classId : '';
    const edits = app.sandbox.state.timetableEdits;
    edits.set(`${classId}|2026-11-17|2`, { key: `${classId}|2026-11-17|2`, cancelled: true });
    edits.set(`${classId}|2026-11-17|3`, { key: `${classId}|2026-11-17|3`, cancelled: false, subject: 'Музыка' });
    try {
      const answer = await ask(person, '{ me { diary(from: "2026-11-17", to: "2026-11-17") { entries { lessons { subject insteadOf note } } } } }');
      const lessons = (answer.data?.me?.['diary'] as { entries: { lessons: { subject: string; insteadOf: string | null; note: string | null }[] }[] })
        .entries[0]?.lessons;
      expect(lessons?.slice(1, 3)).toEqual([
        { subject: lessons?.[1]?.subject, insteadOf: null, note: 'Урок отменён' },
        { subject: 'Музыка', insteadOf: 'Русский язык', note: 'Замена: Музыка вместо урока «Русский язык»' },
      ]);
    } finally {
      edits.clear();
    }
  });
});

describe('error paths of the default engine', () => {
  it('carry list indexes as numbers (GraphQL spec), not as Mercurius’s strings', async () => {
    const { person } = findPersona(world, 'parent-two-schools');
    const oid = person.account?.oid ?? 0;
    const token = (await app.sandbox.esia.mint(oid, 'EDUSIM', 'openid fullname')).access_token;
    app.sandbox.consents.grant({
      subjectOid: oid,
      grantorOid: oid,
      recipient: 'FGIS_MYSCHOOL',
      purpose: 'EDUSIM_MYSCHOOL_TRANSFER',
      scopes: ['fullname'],
      expiresInMinutes: null,
    });
    const response = await app.fastify.inject({
      method: 'POST',
      url: '/graphql',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      payload: JSON.stringify({ query: '{ me { registry { memberships { children { registry { region { code } } } } } } }' }),
    });
    const paths = (response.json() as Answer).errors?.map((e) => e.path);
    expect(paths?.[0]).toEqual(['me', 'registry', 'memberships', 0, 'children', 0, 'registry']);
  });
});
