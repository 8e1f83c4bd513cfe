import Fastify, { type FastifyInstance } from 'fastify';
import { buildSchema, getIntrospectionQuery, parse, validate } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../../schema/index.ts';
import { mountDefaultEngine } from './default-engine.ts';
import { documentLimitError, limitsRule, MAX_ALIASES, MAX_FIELDS, MAX_QUERY_BYTES, querySizeError } from './limits.ts';
import { mountReferenceEngine } from './reference-mount.ts';

const aliased = (count: number, field: string) => `{ ${Array.from({ length: count }, (_, i) => `a${i}: ${field}`).join(' ')} }`;
/** The attack of issue 8 item 5: 4 500 aliased `__schema`, each the whole type list. */
const SCHEMA_4500 = aliased(4500, '__schema { types { name kind fields { name type { name kind } } } }');
const TYPENAME_40000 = aliased(40_000, '__typename');
/** 600 KB that never closes: parsing it would end in a syntax error, so QUERY_TOO_LARGE proves it was never parsed. */
const UNPARSABLE_600K = `{ ${'me '.repeat(200_000)}`;
/** 32 KiB of `me { oid }` under one response name: graphql-js's own validation of it takes seconds. */
const SAME_FIELD_32K = `{ ${'me { oid } '.repeat(Math.floor((MAX_QUERY_BYTES - 4) / 11))}}`;
const DEEP = '{ me { children { children { children { children { children { children { children { children { children { children { oid } } } } } } } } } } } }';
/** 2^40 fields in 1.6 KB: each fragment spreads the next twice. */
const FRAGMENT_BOMB = `query { ...F0 } ${Array.from({ length: 40 }, (_, i) => `fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`).join(' ')} fragment F40 on Query { __typename }`;

describe('the query limits', () => {
  // The rule reads no schema; a small one of this module's graphql (the engines' schemas come from another copy under vitest).
  const schema = buildSchema('type Query { me: Person } type Person { oid: ID! children: [Person!]! }');
  const rule = (query: string) => validate(schema, parse(query), [limitsRule()]);

  it('counts introspection: 4 500 aliased __schema are refused, naming the limit and the measured value', () => {
    const errors = rule(SCHEMA_4500);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toBe('Query selects 4500 introspection fields (__schema, __type), more than the limit of 1');
    expect(errors[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'introspection', maxIntrospection: 1, introspection: 4500 });
  });

  it('counts aliases: 40 000 aliased __typename are refused', () => {
    const error = documentLimitError(parse(TYPENAME_40000));
    expect(error?.message).toBe(`Query uses 40000 aliases, more than the limit of ${MAX_ALIASES}`);
    expect(error?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'aliases', maxAliases: MAX_ALIASES, aliases: 40_000 });
  });

  it('counts __typename as a field, aliased or not', () => {
    expect(documentLimitError(parse(`{ ${'__typename '.repeat(MAX_FIELDS)}}`))).toBeNull();
    const error = documentLimitError(parse(`{ ${'__typename '.repeat(MAX_FIELDS + 1)}}`));
    expect(error?.message).toBe(`Query selects ${MAX_FIELDS + 1} fields, more than the limit of ${MAX_FIELDS}`);
    expect(error?.extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', limit: 'cost', maxFields: MAX_FIELDS, fields: MAX_FIELDS + 1 });
  });

  it('counts the fields a fragment adds each time it is spread, without expanding it', () => {
    const error = documentLimitError(parse(FRAGMENT_BOMB));
    expect(error?.message).toBe(`Query selects ${2 ** 40} fields, more than the limit of ${MAX_FIELDS}`);
  });

  it('counts every definition written in the document, used or not', () => {
    const unused = `{ __typename } fragment Big on Query { ${'me { oid } '.repeat(201)}}`;
    expect(documentLimitError(parse(unused))?.message).toBe(`Query selects 403 fields, more than the limit of ${MAX_FIELDS}`);
    const many = Array.from({ length: 3 }, (_, i) => `query Q${i} { ${'me { oid } '.repeat(70)}}`).join(' ');
    expect(documentLimitError(parse(many))?.message).toBe(`Query selects 420 fields, more than the limit of ${MAX_FIELDS}`);
  });

  it('keeps the depth limit and its message; introspection is not held to it', () => {
    expect(rule(DEEP).map((e) => e.message)).toEqual(['Query depth 12 exceeds the limit of 10']);
    expect(rule(DEEP)[0]?.extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', limit: 'depth', maxDepth: 10, depth: 12 });
    expect(rule(getIntrospectionQuery())).toEqual([]);
    expect(
      rule(
        getIntrospectionQuery({ descriptions: true, specifiedByUrl: true, directiveIsRepeatable: true, schemaDescription: true, inputValueDeprecation: true }),
      ),
    ).toEqual([]);
  });

  it('refuses query text over 32 KiB by its size, before it is parsed', () => {
    const error = querySizeError(UNPARSABLE_600K);
    expect(error?.message).toBe(`Query is ${UNPARSABLE_600K.length} bytes, more than the limit of ${MAX_QUERY_BYTES} bytes`);
    expect(error?.extensions).toMatchObject({ code: 'QUERY_TOO_LARGE', limit: 'size', maxBytes: MAX_QUERY_BYTES, bytes: UNPARSABLE_600K.length });
    expect(querySizeError('я'.repeat(MAX_QUERY_BYTES / 2))).toBeNull();
    expect(querySizeError(`#${'я'.repeat(MAX_QUERY_BYTES / 2)}`)?.extensions).toMatchObject({ bytes: MAX_QUERY_BYTES + 1 });
  });
});

describe('both engines enforce the limits before parsing and validating', () => {
  let app: FastifyInstance;
  let stopReference: () => Promise<void>;
  const targetOf = () => ({ services: {} as Services, verify: async () => ({ ok: false, reason: 'нет маркера' }), baseUrl: 'http://localhost' });

  beforeAll(async () => {
    app = Fastify({ bodyLimit: 1 << 20 });
    await mountDefaultEngine(app, { targetOf });
    stopReference = await mountReferenceEngine(app, { targetOf, path: '/graphql/reference' });
    await app.ready();
  });
  afterAll(async () => {
    await stopReference();
    await app.close();
  });

  const post = async (url: string, query: string) => {
    const response = await app.inject({ method: 'POST', url, payload: { query } });
    const body = response.json() as { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: Record<string, unknown> }[] };
    return { status: response.statusCode, body };
  };

  for (const url of ['/graphql', '/graphql/reference']) {
    describe(url, () => {
      it('refuses 600 KB of query text as too large, not as a syntax error', async () => {
        const { status, body } = await post(url, UNPARSABLE_600K);
        expect(status).toBe(400);
        expect(body.errors).toHaveLength(1);
        expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_LARGE', limit: 'size', maxBytes: MAX_QUERY_BYTES });
      });

      it('refuses the 4 500 × __schema and 40 000 × __typename requests', async () => {
        for (const query of [SCHEMA_4500, TYPENAME_40000]) {
          const { status, body } = await post(url, query);
          expect(status).toBe(400);
          expect(body.errors?.[0]?.extensions?.['code']).toBe('QUERY_TOO_LARGE');
        }
      });

      it('refuses a second __schema and a 101st alias with QUERY_TOO_COMPLEX', async () => {
        const twice = await post(url, '{ a: __schema { queryType { name } } b: __schema { queryType { name } } }');
        expect(twice.status).toBe(400);
        expect(twice.body.errors).toEqual([
          expect.objectContaining({ message: 'Query selects 2 introspection fields (__schema, __type), more than the limit of 1' }),
        ]);
        expect(twice.body.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'introspection' });
        const aliases = await post(url, aliased(MAX_ALIASES + 1, '__typename'));
        expect(aliases.status).toBe(400);
        expect(aliases.body.errors?.[0]?.extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', limit: 'aliases', aliases: MAX_ALIASES + 1 });
        expect((await post(url, aliased(MAX_ALIASES, '__typename'))).body.errors).toBeUndefined();
      });

      it('refuses an over-limit document before graphql-js validates it (seconds of work otherwise)', async () => {
        const { status, body } = await post(url, SAME_FIELD_32K);
        expect(status).toBe(400);
        expect(body.errors?.[0]?.extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', limit: 'cost' });
      });

      it('refuses over GET as over POST', async () => {
        const query = '{ a: __schema { queryType { name } } b: __type(name: "Query") { name } }';
        const response = await app.inject({ method: 'GET', url: `${url}?query=${encodeURIComponent(query)}`, headers: { 'apollo-require-preflight': 'true' } });
        expect(response.statusCode).toBe(400);
        expect(response.json()).toMatchObject({ errors: [{ extensions: { code: 'QUERY_TOO_COMPLEX', limit: 'introspection', introspection: 2 } }] });
      });

      it('keeps the depth message', async () => {
        const { body } = await post(url, DEEP);
        expect(body.errors?.map((e) => e.message)).toEqual(['Query depth 12 exceeds the limit of 10']);
      });

      it('answers the standard introspection query', async () => {
        const { status, body } = await post(url, getIntrospectionQuery());
        expect(status).toBe(200);
        expect(body.errors).toBeUndefined();
        expect((body.data?.['__schema'] as { types: unknown[] }).types.length).toBeGreaterThan(20);
      });
    });
  }
});
