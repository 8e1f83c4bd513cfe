/**
 * The flow contract suite (docs/testing.md), written once and run against every engine and mode:
 * each persona through the whole flow over HTTP, consent revoked mid-session, roles, partial
 * failure of a region's diary, token problems, limits and malformed queries.
 */
import { readFileSync } from 'node:fs';
import { generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWorld, findPersona, PERSONAS, type Person, type World } from '../seeds/index.ts';
import type { App } from './index.ts';

export interface FlowTarget {
  /** The GraphQL endpoint under test. */
  readonly graphqlUrl: string;
  readonly app: App;

  close(): Promise<void>;
}

export type FlowTargetFactory = (world: World) => Promise<FlowTarget>;

const FLOW = readFileSync(new URL('../examples/flow.graphql', import.meta.url), 'utf8');
const WEEK = { from: '2026-11-16', to: '2026-11-20' };

interface GraphQLResponse {
  data?: { me?: Record<string, unknown> | null } | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
  extensions?: { trace?: { step: string; ok: boolean; region?: string; status?: number; contract?: string }[] };
}

export function flowContract(name: string, makeTarget: FlowTargetFactory): void {
  describe(`the login flow over ${name}`, () => {
    const world = createWorld({ seed: 42, scale: 'demo' });
    let target: FlowTarget;
    beforeAll(async () => {
      target = await makeTarget(world);
    });
    afterAll(() => target.close());

    const esia = () => target.app.sandbox.esia;
    const consents = () => target.app.sandbox.consents;
    const advance = (seconds: number) => target.app.sandbox.clock.advance(`${seconds < 0 ? '-' : ''}PT${Math.abs(seconds)}S`);
    const oidOf = (p: Person) => p.account?.oid ?? 0;
    async function tokenFor(person: Person): Promise<string> {
      return (await esia().mint(oidOf(person), 'EDUSIM', 'openid fullname birthdate snils')).access_token;
    }
    /** The children of a parent with ESIA accounts. */
    const childrenOf = (person: Person) =>
      person.memberships
        .flatMap((m) => (m.role === 'parent' ? m.childIds : []))
        .map((id) => world.personById(id))
        .filter((c): c is Person => c?.account !== undefined && c.account !== null);
    /** The person's data-transfer consent, and (with `children`) one for each child, given by whoever the law allows. */
    function consent(person: Person, children = true): string {
      if (children) for (const child of childrenOf(person)) consentOne(child, [oidOf(person)]);
      return consentOne(person, []);
    }
    function consentOne(person: Person, grantors: number[]): string {
      const grantor = [oidOf(person), ...grantors, ...(person.account?.linkedParentOids ?? [])].find((oid) => {
        try {
          consents().grant({
            subjectOid: oidOf(person),
            grantorOid: oid,
            recipient: 'FGIS_MYSCHOOL',
            purpose: 'EDUSIM_MYSCHOOL_TRANSFER',
            scopes: ['fullname'],
            expiresInMinutes: 600,
          });
          return true;
        } catch {
          return false;
        }
      });
      expect(grantor).toBeDefined();
      return consents().active(oidOf(person), 'EDUSIM_MYSCHOOL_TRANSFER')?.id ?? '';
    }
    async function query(token: string | null, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: GraphQLResponse }> {
      const response = await fetch(target.graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      return { status: response.status, body: (await response.json()) as GraphQLResponse };
    }
    const flow = (token: string, headers: Record<string, string> = {}) => query(token, { query: FLOW, variables: WEEK }, headers);
    const codes = (r: GraphQLResponse) => (r.errors ?? []).map((e) => `${(e.path ?? []).join('.')}:${String(e.extensions?.['code'])}`).sort();

    it.each(PERSONAS.filter((p) => p.login !== 'NO_ESIA_ACCOUNT').map((p) => p.handle))(
      'runs %s through the flow with the documented outcome',
      async (handle) => {
        const { definition, person } = findPersona(world, handle);
        const token = await tokenFor(person);
        consent(person);
        const { status, body } = await flow(token);
        expect(status).toBe(200);
        const me = body.data?.me as Record<string, unknown>;
        expect(me['fullName']).toBe(`${person.lastName} ${person.firstName} ${person.middleName}`);
        const expectedErrors: Record<string, string[]> = {
          OK: definition.handle === 'school-administrator' ? ['me.diary:FORBIDDEN'] : [],
          'ESIA-007055': ['me.diary:ACCOUNT_NOT_CONFIRMED', 'me.registry:ACCOUNT_NOT_CONFIRMED'],
          NOT_IN_REGISTRY: ['me.diary:NOT_IN_REGISTRY', 'me.registry:NOT_IN_REGISTRY'],
          ROLE_CHOICE_REQUIRED: ['me.diary:ROLE_CHOICE_REQUIRED', 'me.lessonAccess:ROLE_CHOICE_REQUIRED'],
        };
        expect(codes(body)).toEqual(expectedErrors[definition.login]);
        const access = me['lessonAccess'] as { allowed: boolean; checks: { code: string; passed: boolean }[] };
        if (
          definition.login !== 'ROLE_CHOICE_REQUIRED' &&
          (definition.accessRole === 'pupil' || definition.accessRole === 'teacher' || definition.accessRole === 'administrator')
        ) {
          expect(access.checks.filter((c) => !c.passed).map((c) => c.code)).toEqual(definition.accessFails);
        }
        if (definition.login === 'OK' && definition.handle !== 'school-administrator') {
          const registry = me['registry'] as {
            region: { code: string };
            memberships: { role: string; school: { name: string } | null; class: { name: string } | null }[];
          };
          expect(registry.region.code).toBe('36');
          expect(registry.memberships.map((m) => m.role)).toEqual(person.memberships.map((m) => m.role.toUpperCase()));
          const diary = me['diary'] as { region: string; entries: { lessons: unknown[] }[] };
          expect(diary.region).toBe('36');
          const lessons = diary.entries.flatMap((e) => e.lessons);
          if (handle === 'teacher-no-lessons') expect(lessons).toEqual([]);
          else expect(lessons.length).toBeGreaterThan(3);
        }
      },
    );

    it('cannot start the flow for a pupil without a child account: ESIA has no account to log in', async () => {
      const { person } = findPersona(world, 'pupil-no-child-account');
      expect(person.account).toBeNull();
      const response = await esia().handle({
        method: 'POST',
        path: '/sim/login',
        query: new URLSearchParams(),
        headers: {},
        body: JSON.stringify({ persona: 'pupil-no-child-account' }),
        baseUrl: 'http://x/esia',
      });
      expect(response.status).toBe(400);
    });

    it('shows a parent of two children both diaries, each marked with the child', async () => {
      const { person } = findPersona(world, 'parent-two-schools');
      const token = await tokenFor(person);
      consent(person);
      const { body } = await query(token, {
        query: 'query($from: Date, $to: Date) { me { diary(from: $from, to: $to) { role entries { school student } } } }',
        variables: WEEK,
      });
      const diary = body.data?.me?.['diary'] as { role: string; entries: { school: string; student: string }[] };
      expect(diary.role).toBe('PARENT');
      const children = person.memberships.flatMap((m) => (m.role === 'parent' ? m.childIds : [])).map((id) => world.personById(id));
      expect(diary.entries.map((e) => e.student).sort()).toEqual(children.map((c) => `${c?.lastName} ${c?.firstName} ${c?.middleName}`).sort());
      expect(new Set(diary.entries.map((e) => e.school)).size).toBe(2);
    });

    it('gives a parent a child’s diary and registry only under a consent that covers the child', async () => {
      const { person } = findPersona(world, 'parent-two-schools');
      const token = await tokenFor(person);
      const [first] = childrenOf(person);
      for (const child of childrenOf(person)) for (const c of consents().list(oidOf(child))) if (c.status === 'active') consents().revoke(c.id, c.grantorOid);
      consent(person, false);
      const q = {
        query:
          'query($from: Date, $to: Date) { me { diary(from: $from, to: $to) { entries { student } } registry { memberships { children { registry { region { code } } } } } } }',
        variables: WEEK,
      };
      const { body } = await query(token, q);
      const refused = (body.errors ?? []).find((e) => e.path?.join('.') === 'me.diary');
      expect(refused?.extensions?.['code']).toBe('CONSENT_REQUIRED');
      expect(refused?.extensions?.['subjectOid']).toBe(oidOf(first as Person));
      expect(body.data?.me?.['diary']).toBeNull();
      expect((body.errors ?? []).some((e) => e.path?.join('.').endsWith('children.0.registry') && e.extensions?.['code'] === 'CONSENT_REQUIRED')).toBe(true);
      consent(person);
      const allowed = await query(token, q);
      expect(allowed.body.errors ?? []).toEqual([]);
    });

    it('lets a teacher who is also a parent switch roles; the data follow the role', async () => {
      const { person } = findPersona(world, 'teacher-parent');
      const token = await tokenFor(person);
      consent(person);
      const q = {
        query: 'query($from: Date, $to: Date) { me { diary(from: $from, to: $to) { role entries { student lessons { subject } } } } }',
        variables: WEEK,
      };
      const asTeacher = await query(token, q, { 'x-edusim-role': 'TEACHER' });
      const teacherDiary = asTeacher.body.data?.me?.['diary'] as { role: string; entries: { student: string | null }[] };
      expect(teacherDiary.role).toBe('TEACHER');
      expect(teacherDiary.entries.every((e) => e.student === null)).toBe(true);
      const asParent = await query(token, q, { 'x-edusim-role': 'PARENT' });
      const parentDiary = asParent.body.data?.me?.['diary'] as { role: string; entries: { student: string | null }[] };
      expect(parentDiary.role).toBe('PARENT');
      expect(parentDiary.entries.length).toBeGreaterThan(0);
      expect(parentDiary.entries.every((e) => e.student !== null)).toBe(true);
      const wrong = await query(token, q, { 'x-edusim-role': 'PUPIL' });
      expect(codes(wrong.body)).toEqual(['me.diary:FORBIDDEN']);
      const access = await query(token, { query: '{ me { lessonAccess(role: PARENT) { allowed checks { code passed } } } }' });
      expect((access.body.data?.me?.['lessonAccess'] as { allowed: boolean }).allowed).toBe(false);
    });

    it('stops registry and diary data the very next request after the consent is revoked', async () => {
      const { person } = findPersona(world, 'pupil-child-account');
      const token = await tokenFor(person);
      const consentId = consent(person);
      const before = await flow(token);
      expect(codes(before.body)).toEqual([]);
      expect(consentId).not.toBe('');
      for (const c of consents()
        .list(oidOf(person))
        .filter((c) => c.status === 'active'))
        consents().revoke(c.id, person.account?.linkedParentOids[0] ?? oidOf(person));
      const after = await flow(token, { 'x-edusim-trace': '1' });
      expect(codes(after.body)).toEqual(['me.diary:CONSENT_REQUIRED', 'me.registry:CONSENT_REQUIRED']);
      expect(after.body.errors?.[0]?.extensions?.['grantAt']).toMatch(new RegExp(`/consent/page\\?oid=${oidOf(person)}$`));
      expect(after.body.data?.me?.['fullName']).toBe(`${person.lastName} ${person.firstName} ${person.middleName}`);
    });

    describe('a region’s diary in trouble', () => {
      const cases = [
        ['down', { mode: 'down' }, 'DIARY_UNAVAILABLE', /^дневник региона 36 ответил ошибкой \(HTTP 503, временный сбой\)/],
        ['slow', { mode: 'slow', delayMs: 1500 }, 'DIARY_UNAVAILABLE', /^дневник региона 36 не ответил за \d+ мс$/],
        [
          'off-contract',
          { mode: 'off-contract' },
          'DIARY_CONTRACT_VIOLATION',
          /^ответ дневника региона 36 не соответствует федеральному контракту: resourceType: expected "Schedule"/,
        ],
      ] as const;
      it.each(cases)('still answers the rest when the diary is %s, and says what was wrong', async (_label, fault, code, message) => {
        const { person } = findPersona(world, 'teacher-with-rights');
        const token = await tokenFor(person);
        consent(person);
        const sandbox = target.app.sandbox;
        sandbox.setLegacyDiaryFault('36', fault as never);
        try {
          const { status, body } = await flow(token, { 'x-edusim-trace': '1' });
          expect(status).toBe(200);
          expect(codes(body)).toEqual([`me.diary:${code}`]);
          const error = body.errors?.[0];
          expect(error?.message).toMatch(message);
          expect(error?.extensions?.['region']).toBe('36');
          expect((body.data?.me?.['registry'] as { region: { code: string } }).region.code).toBe('36');
          const step = body.extensions?.trace?.find((s) => s.step === 'diary');
          expect(step).toMatchObject({ ok: false, region: '36', contract: code === 'DIARY_CONTRACT_VIOLATION' ? 'violated' : 'not-checked' });
        } finally {
          sandbox.setLegacyDiaryFault('36', { mode: 'ok' });
        }
      });
    });

    it('traces the flow in order: token, consent, registry, diary (region, URL, status, latency, contract)', async () => {
      const { person } = findPersona(world, 'pupil-child-account');
      const token = await tokenFor(person);
      consent(person);
      const { body } = await flow(token, { 'x-edusim-trace': '1' });
      const trace = body.extensions?.trace ?? [];
      expect(trace.filter((s) => s.step !== 'library').map((s) => s.step)).toEqual(['token', 'consent', 'registry', 'diary']);
      expect(trace.find((s) => s.step === 'diary')).toMatchObject({ ok: true, region: '36', status: 200, contract: 'ok' });
      expect((await flow(token)).body.extensions?.trace).toBeUndefined();
    });

    describe('token problems', () => {
      const meQuery = { query: '{ me { fullName } }' };
      it('answers no token with UNAUTHENTICATED and the reason', async () => {
        const { body } = await query(null, meQuery);
        expect(body.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
        expect(body.errors?.[0]?.message).toBe('Нужен действующий маркер доступа ЕСИА: заголовок Authorization: Bearer … не передан');
      });

      it('refuses an expired, a tampered, a foreign-issuer and an alg:none token, naming why', async () => {
        const { person } = findPersona(world, 'teacher-with-rights');
        const token = await tokenFor(person);
        const [h, p, s] = token.split('.');
        const tampered = `${h}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p ?? '', 'base64url').toString()), 'urn:esia:sbj_id': 1 })).toString('base64url')}.${s}`;
        const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT', sbt: 'access' })).toString('base64url')}.${p}.`;
        const { privateKey } = await generateKeyPair('RS256');
        const foreign = await new SignJWT({ 'urn:esia:sbj_id': oidOf(person), client_id: 'EDUSIM', scope: 'openid' })
          .setProtectedHeader({ alg: 'RS256', sbt: 'access', kid: 'evil' })
          .setIssuer('http://evil.example/')
          .setExpirationTime('1h')
          .sign(privateKey);
        const esiaKey = await esia().ctx.keys.signingKey();
        const wrongIssuer = await new SignJWT({ 'urn:esia:sbj_id': oidOf(person), client_id: 'EDUSIM', scope: 'openid' })
          .setProtectedHeader({ alg: 'RS256', sbt: 'access', kid: esiaKey.kid })
          .setIssuer('http://esia.example/')
          .setExpirationTime('1h')
          .sign(esiaKey.privateKey);
        const reasons: Record<string, string> = {};
        for (const [label, t] of Object.entries({ tampered, unsigned, foreign, wrongIssuer })) {
          const { body } = await query(t, meQuery);
          expect(body.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
          reasons[label] = body.errors?.[0]?.message ?? '';
        }
        expect(reasons).toEqual({
          tampered: 'Нужен действующий маркер доступа ЕСИА: подпись маркера не сходится с ключами ЕСИА',
          unsigned: 'Нужен действующий маркер доступа ЕСИА: алгоритм подписи маркера не разрешён (допускается RS256)',
          foreign: 'Нужен действующий маркер доступа ЕСИА: маркер подписан неизвестным ключом',
          wrongIssuer: 'Нужен действующий маркер доступа ЕСИА: неверное утверждение маркера: unexpected "iss" claim value',
        });
        advance(3601);
        try {
          const { body } = await query(token, meQuery);
          expect(body.errors?.[0]?.message).toBe('Нужен действующий маркер доступа ЕСИА: срок действия маркера истёк');
        } finally {
          advance(-3601);
        }
      });
    });

    it('refuses too deep a query and a malformed one with GraphQL errors, never a 500', async () => {
      const { person } = findPersona(world, 'parent-two-schools');
      const token = await tokenFor(person);
      const deep = await query(token, {
        query:
          '{ me { children { children { children { children { children { children { children { children { children { children { oid } } } } } } } } } } } }',
      });
      expect(deep.status).toBeLessThan(500);
      expect(deep.body.errors?.[0]?.message).toBe('Query depth 12 exceeds the limit of 10');
      const malformed = await query(token, { query: '{ me { fullName ' });
      expect(malformed.status).toBe(400);
      expect(malformed.body.errors?.[0]?.message).toMatch(/^Syntax Error/);
      const badJson = await query(token, '{"query": ');
      expect(badJson.status).toBe(400);
      const badVariables = await query(token, {
        query: 'query($from: Date) { me { diary(from: $from, to: $from) { region } } }',
        variables: { from: '23.11.2026' },
      });
      expect(badVariables.body.errors?.[0]?.message).toMatch(/Date "23\.11\.2026" is not valid: expected YYYY-MM-DD/);
      const badRole = await query(token, { query: '{ me { fullName } }' }, { 'x-edusim-role': 'KING' });
      expect(badRole.body.errors?.[0]?.message).toBe('X-Edusim-Role "KING" is not valid: expected one of PUPIL, PARENT, TEACHER, ADMINISTRATOR');
    });

    it('exposes no federation internals: nobody reaches a stranger through _entities', async () => {
      const token = await tokenFor(findPersona(world, 'parent-two-schools').person);
      const stranger = findPersona(world, 'teacher-with-rights').person;
      const { body } = await query(token, {
        query: `{ _entities(representations: [{ __typename: "Person", oid: "${oidOf(stranger)}" }]) { ... on Person { fullName } } }`,
      });
      expect(body.data?.['_entities' as 'me']).toBeUndefined();
      expect(body.errors?.[0]?.message).toBe('Cannot query field "_entities" on type "Query".');
    });

    it('searches the ЦОК catalogue with paging and records an opening as a usage event', async () => {
      const { person } = findPersona(world, 'teacher-with-rights');
      const token = await tokenFor(person);
      const first = await query(token, {
        query: '{ libraryItems(subject: "PHY", grade: 8, first: 2) { totalCount hasNextPage endCursor items { id title type } } }',
      });
      const page = first.body.data?.['libraryItems' as 'me'] as unknown as {
        totalCount: number;
        hasNextPage: boolean;
        endCursor: string;
        items: { id: string }[];
      };
      expect(page.items.map((i) => i.id)).toEqual(['PHY-08-0001', 'PHY-08-0002']);
      expect(page.hasNextPage).toBe(true);
      const next = await query(token, { query: `{ libraryItems(subject: "PHY", grade: 8, first: 2, after: "${page.endCursor}") { items { id } } }` });
      expect((next.body.data?.['libraryItems' as 'me'] as unknown as { items: { id: string }[] }).items.map((i) => i.id)).toEqual([
        'PHY-08-0003',
        'PHY-08-0004',
      ]);
      const opened = await query(token, { query: 'mutation { openLibraryItem(id: "PHY-08-0001") { item { id } openedAt } }' });
      expect(opened.body.errors).toBeUndefined();
      expect(target.app.sandbox.services.libraryUsage.some((u) => u.oid === oidOf(person) && u.itemId === 'PHY-08-0001')).toBe(true);
      const denied = await query(await tokenFor(findPersona(world, 'teacher-no-rights').person), {
        query: 'mutation { openLibraryItem(id: "PHY-08-0001") { openedAt } }',
      });
      expect(denied.body.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    });
  });
}
