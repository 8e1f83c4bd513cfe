// A subgraph service on a real socket, asked directly as any federation gateway would ask it.
import { createRequire } from 'node:module';
import type * as GraphQL from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsentPlatform, RegionalDiaries } from '../../mocks/index.ts';
import { subgraphSchema, type RequestContext } from '../../schema/index.ts';
import { createWorld, findPersona, WorldState } from '../../seeds/index.ts';
import { createServices } from '../graphql/services.ts';
import { FORWARD_ISSUED_AT, FORWARD_SIGNATURE, forwardIssuedAt, newForwardSecret, signForward, VIEWER_HEADERS } from './forwarding.ts';
import { startSubgraphServer, type RunningService } from './subgraph-server.ts';

// The schema is built by the graphql package Node loads (CommonJS); run it with that one, not vitest's ESM copy.
const { graphql } = createRequire(import.meta.url)('graphql') as typeof GraphQL;

const world = createWorld({ seed: 42, scale: 'demo' });
const now = () => new Date('2026-11-23T07:00:00Z');
const state = new WorldState('w');
const consents = new ConsentPlatform(world, state, now);
const services = createServices({ sandbox: 'default', world, state, consents, diaries: new RegionalDiaries(world, now), now });
const secret = newForwardSecret();
const pupil = findPersona(world, 'pupil-child-account').person;
const oid = pupil.account?.oid ?? 0;
consents.grantTransfer(oid, pupil.account?.linkedParentOids);
let registry: RunningService;

beforeAll(async () => {
  registry = await startSubgraphServer('registry', () => services, secret);
});
afterAll(() => registry.close());

/** Two representations: the pupil, and a person whose data have no consent, so the second fails. */
const ENTITIES = `{ _entities(representations: [{ __typename: "Person", oid: "${oid}" }, { __typename: "Person", oid: "1000000001" }]) { ... on Person { registry { region { code } } } } }`;

function identity(viewerOid: number, issuedAt = forwardIssuedAt()): Record<string, string> {
  return {
    [VIEWER_HEADERS.oid]: String(viewerOid),
    [VIEWER_HEADERS.client]: 'EDUSIM',
    [VIEWER_HEADERS.sandbox]: 'default',
    [VIEWER_HEADERS.baseUrl]: 'http://edusim.test',
    [FORWARD_ISSUED_AT]: issuedAt,
  };
}

function signed(headers: Record<string, string>, key = secret): Record<string, string> {
  return { ...headers, [FORWARD_SIGNATURE]: signForward(key, (name) => headers[name]) };
}

async function post(headers: Record<string, string>, query = ENTITIES): Promise<{ status: number; body: unknown }> {
  const response = await fetch(registry.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) });
  return { status: response.status, body: await response.json() };
}

describe('a split subgraph answers as graphql-js does', () => {
  it('writes list indexes in error paths as numbers (GraphQL spec), exactly as graphql-js executes the same request', async () => {
    const { status, body } = await post(signed(identity(oid)));
    const context: RequestContext = {
      services,
      baseUrl: 'http://edusim.test',
      viewer: { oid, clientId: 'EDUSIM' },
      authError: null,
      role: null,
      trace: null,
      cache: new Map(),
    };
    const plain = JSON.parse(JSON.stringify(await graphql({ schema: subgraphSchema('registry'), source: ENTITIES, contextValue: context }))) as unknown;
    expect(status).toBe(200);
    expect(body).toEqual(plain);
    expect((body as { errors: { path: unknown[] }[] }).errors.map((e) => e.path)).toEqual([['_entities', 1, 'registry']]);
    expect((body as { data: unknown }).data).toEqual({ _entities: [{ registry: { region: { code: '36' } } }, { registry: null }] });
  });
});

describe('a split subgraph trusts viewer headers only when its gateway signed them', () => {
  const refused = (message: string) => ({ status: 403, body: { errors: [{ message, extensions: { code: 'FORBIDDEN' } }] } });

  it('refuses forged viewer headers with no signature', async () => {
    expect(await post(identity(oid))).toEqual(
      refused('x-edusim-forward-signature is missing: this subgraph answers only a gateway that signs the forwarded headers'),
    );
  });

  it('refuses headers signed with another secret, or altered after signing', async () => {
    const mismatch = refused(
      'x-edusim-forward-signature does not match the forwarded headers: sign them with the secret this subgraph shares with its gateway',
    );
    expect(await post(signed(identity(oid), newForwardSecret()))).toEqual(mismatch);
    const teacher = findPersona(world, 'teacher-with-rights').person.account?.oid ?? 0;
    expect(await post({ ...signed(identity(teacher)), [VIEWER_HEADERS.oid]: String(oid) })).toEqual(mismatch);
  });

  it('refuses a signature made two minutes ago (a replayed request)', async () => {
    const old = forwardIssuedAt(Date.now() - 120_000);
    expect(await post(signed(identity(oid, old)))).toEqual(
      refused(`x-edusim-forward-issued-at "${old}" is not within 60 s of this subgraph's clock: sign every request when it is sent`),
    );
  });
});
