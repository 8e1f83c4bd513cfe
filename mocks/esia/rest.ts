/**
 * Person REST (`/rs/prns/{oid}…`, `/rs/orgs/{orgOid}`): the token's subject reads their own data
 * within the token's scopes, a parent reads their children through `kid_*` scopes, nobody reads
 * a stranger (ESIA-007019).
 */
import type { Person } from '../../seeds/index.ts';
import { json, type SimRequest, type SimResponse } from '../http/sim-http.ts';
import type { EsiaContext } from './context.ts';
import { EsiaError } from './errors.ts';
import { addresses, contacts, documents, orgOidOf, orgPayload, personPayload, roles, schoolOfOrgOid } from './person-api.ts';
import { KID_SCOPES } from './scopes.ts';
import { verifyAccessToken, type VerifiedAccess } from './tokens.ts';

const collection = (elements: unknown[]) => ({ stateFacts: ['hasSize'], size: elements.length, elements });

async function authenticate(ctx: EsiaContext, request: SimRequest): Promise<VerifiedAccess> {
  const header = request.headers['authorization'] ?? '';
  const m = /^Bearer\s+(\S+)$/i.exec(header);
  if (!m?.[1]) throw new EsiaError('007019', 'no Bearer access token in the Authorization header', 401);
  try {
    return await verifyAccessToken(ctx, m[1], ctx.now());
  } catch (error) {
    throw new EsiaError('007019', `the access token is not valid: ${(error as Error).message}`, 401);
  }
}

function requireScope(access: VerifiedAccess, ...anyOf: string[]): void {
  if (!anyOf.some((s) => access.scopes.includes(s))) throw new EsiaError('007019', `the token has none of the scopes ${anyOf.join(', ')}`, 403);
}

function childrenOf(ctx: EsiaContext, parent: Person): Person[] {
  const ids = parent.memberships.flatMap((m) => (m.role === 'parent' ? m.childIds : []));
  return ids.map((id) => ctx.world.personById(id)).filter((p): p is Person => p !== undefined);
}

export async function handleRest(ctx: EsiaContext, request: SimRequest): Promise<SimResponse> {
  if (request.method !== 'GET') throw new EsiaError('007003', `${request.method} is not supported here; use GET`, 405);
  const access = await authenticate(ctx, request);
  const parts = request.path.split('/').filter(Boolean); // rs, prns|orgs, id, …
  const base = `${request.baseUrl}/rs`;
  const embedElements = /\(elements\)/.test(request.query.get('embed') ?? '');

  if (parts[1] === 'orgs') {
    const school = schoolOfOrgOid(ctx.world, Number(parts[2]));
    if (!school || parts.length !== 3) throw new EsiaError('007003', `organisation ${parts[2]} not found`, 404);
    return json(200, orgPayload(ctx.world, school));
  }
  if (parts[1] !== 'prns' || !/^\d+$/.test(parts[2] ?? '')) throw new EsiaError('007003', `unknown resource ${request.path}`, 404);
  const oid = Number(parts[2]);
  if (access.oid === null || access.oid !== oid) throw new EsiaError('007019', `the token's subject may not read person ${oid}`, 403);
  const person = ctx.world.personByOid(oid);
  if (!person) throw new EsiaError('007003', `person ${oid} not found`, 404);
  const scopes = new Set(access.scopes);
  const self = `${base}/prns/${oid}`;

  switch (parts[3]) {
    case undefined: {
      const payload = personPayload(person, scopes);
      const embed = request.query.get('embed') ?? '';
      if (embed.includes('contacts.elements')) payload['contacts'] = collection(contacts(person, scopes));
      if (embed.includes('addresses.elements') && scopes.has('addresses')) payload['addresses'] = collection(addresses(person));
      if (embed.includes('documents.elements') && scopes.has('id_doc')) payload['documents'] = collection(documents(person));
      return json(200, payload);
    }
    case 'ctts': {
      requireScope(access, 'contacts', 'email', 'mobile');
      const list = contacts(person, scopes);
      return json(200, collection(embedElements ? list : list.map((c) => `${self}/ctts/${c['id']}`)));
    }
    case 'addrs': {
      requireScope(access, 'addresses');
      const list = addresses(person);
      return json(200, collection(embedElements ? list : list.map((a) => `${self}/addrs/${a['id']}`)));
    }
    case 'docs': {
      requireScope(access, 'id_doc', 'birth_cert_doc');
      const list = documents(person);
      return json(200, collection(embedElements ? list : list.map((d) => `${self}/docs/${d['id']}`)));
    }
    case 'roles':
      return json(200, collection(roles(ctx.world, person)));
    case 'orgs':
      return json(200, collection(roles(ctx.world, person).map((r) => `${base}/orgs/${r['oid']}`)));
    case 'kids': {
      requireScope(access, ...KID_SCOPES);
      const kids = childrenOf(ctx, person).map((child) => ({ child, payload: personPayload(child, scopes, true) }));
      if (parts[4] === undefined) return json(200, collection(embedElements ? kids.map((k) => k.payload) : kids.map((k) => `${self}/kids/${k.payload['id']}`)));
      const kid = kids.find((k) => String(k.payload['id']) === parts[4]);
      if (!kid) throw new EsiaError('007019', `${parts[4]} is not a child of ${oid}`, 403);
      if (parts[5] === undefined) return json(200, kid.payload);
      if (parts[5] === 'docs') {
        requireScope(access, 'kid_birth_cert_doc');
        const list = documents(kid.child).filter((d) => d['type'] === 'RF_BRTH_CERT');
        return json(200, collection(embedElements ? list : list.map((d) => `${self}/kids/${parts[4]}/docs/${d['id']}`)));
      }
      break;
    }
  }
  throw new EsiaError('007003', `unknown resource ${request.path}`, 404);
}

export { orgOidOf };
