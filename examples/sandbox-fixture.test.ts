/**
 * A sandbox per test with `edusim/vitest`: each test gets a fresh copy of the whole platform
 * (ESIA, consents, the registry, region 36's diary, «Моя школа») with its own clock, deleted when
 * the test ends. Against the edusim at EDUSIM_URL, or one started in this process.
 */
import { GraphQLResponseError } from 'edusim/client';
import { edusimTest } from 'edusim/vitest';
import { expect } from 'vitest';

// Seed 42's demo world; the sandbox clock stands at 09:00 Moscow time on Monday, 23 November 2026.
const test = edusimTest({ sandbox: { seed: 42, date: '2026-11-23', clock: { at: '2026-11-23T09:00:00+03:00', frozen: true } } });

interface Flow {
  me: {
    fullName: string;
    registry: { region: { code: string }; memberships: { role: string; school: { name: string }; class: { name: string } | null }[] };
    diary: { entries: { className: string; lessons: { date: string; subject: string; marks: { value: string }[] }[] }[] };
    lessonAccess: { allowed: boolean };
  };
}
const FLOW = `query Flow {
  me {
    fullName
    registry { region { code } memberships { role school { name } class { name } } }
    diary { entries { className lessons { date subject marks { value } } } }
    lessonAccess { allowed }
  }
}`;

test('a pupil logs in with consent and reads her week through «Моя школа»', async ({ sandbox }) => {
  const pupil = await sandbox.login('pupil-child-account', { consent: true });
  const { me } = (await pupil.graphql<Flow>(FLOW)).data;

  expect(me.fullName).toBe('Никонов Павел Борисович');
  expect(me.registry).toEqual({ region: { code: '36' }, memberships: [{ role: 'PUPIL', school: { name: 'МАОУ «Гимназия № 4»' }, class: { name: '3А' } }] });
  const [week] = me.diary.entries;
  expect(week?.lessons).toHaveLength(23); // Monday 23 to Friday 27 November
  expect(week?.lessons[0]).toEqual({ date: '2026-11-23', subject: 'Разговоры о важном', marks: [] });
  expect(week?.lessons.flatMap((lesson) => lesson.marks.map((mark) => mark.value))).toEqual([]); // Monday's marks are not in yet
  expect(me.lessonAccess).toEqual({ allowed: true });
});

test('the token runs out when the sandbox clock moves past its hour', async ({ sandbox }) => {
  const pupil = await sandbox.login('pupil-child-account', { consent: true });
  expect(pupil.tokens.expires_in).toBe(3600);

  await sandbox.clock.advance('PT1H1M');

  const refused = await pupil.graphql(FLOW).catch((error: unknown) => error);
  expect(refused).toBeInstanceOf(GraphQLResponseError);
  expect(refused).toMatchObject({ code: 'UNAUTHENTICATED', message: 'Нужен действующий маркер доступа ЕСИА: срок действия маркера истёк' });
});

test('a scenario: the school grants the teacher her ЦОК library rights', async ({ sandbox }) => {
  const teacher = await sandbox.login('teacher-no-rights', { consent: true });
  const access = '{ me { lessonAccess { allowed checks { code passed } } } }';
  expect((await teacher.graphql(access)).data).toEqual({
    me: {
      lessonAccess: {
        allowed: false,
        checks: [
          { code: 'EMPLOYEE_ROLE', passed: true },
          { code: 'LIBRARY_RIGHTS', passed: false },
          { code: 'TIMETABLE_LESSONS', passed: true },
        ],
      },
    },
  });

  expect(await sandbox.scenarios.apply('teacher-library-rights-granted', { persona: 'teacher-no-rights' })).toEqual({
    scenario: 'teacher-library-rights-granted',
    done: 'Школа выдала Чернову Роману Анатольевичу права доступа к библиотеке ЦОК.',
  });
  expect((await teacher.graphql<{ me: { lessonAccess: { allowed: boolean } } }>(access)).data.me.lessonAccess.allowed).toBe(true);
});

test('another scenario: the consent is revoked, and «Моя школа» asks for it again', async ({ sandbox }) => {
  const pupil = await sandbox.login('pupil-child-account', { consent: true });
  await sandbox.scenarios.apply('consent-revoked', { persona: 'pupil-child-account' });

  const refused = await pupil.graphql(FLOW).catch((error: unknown) => error);
  expect(refused).toBeInstanceOf(GraphQLResponseError);
  expect((refused as GraphQLResponseError).codes).toEqual(['CONSENT_REQUIRED', 'CONSENT_REQUIRED']);
  expect((refused as GraphQLResponseError).errors[0]?.extensions).toMatchObject({ purpose: 'EDUSIM_MYSCHOOL_TRANSFER', subjectOid: 1925793672 });
});
