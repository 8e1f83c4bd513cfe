/**
 * Person REST (`/rs/prns/{oid}…`, `/rs/orgs/{orgOid}`): the token's subject reads their own data
 * within the token's scopes, a parent reads their children through `kid_*` scopes, nobody reads
 * a stranger (ESIA-007019).
 */
import type { Person } from '../../seeds/index.ts';
import { json, type SimRequest, type SimResponse } from '../http/sim-http.ts';
import type { EsiaContext } from './context.ts';
import { EsiaError } from './errors.ts';
import { addresses, collection, contacts, documents, orgOidOf, orgPayload, personPayload, roles, schoolOfOrgOid } from './person-api.ts';
import { KID_SCOPES } from './scopes.ts';
import { verifyAccessToken, type VerifiedAccess } from './tokens.ts';

type Element = Record<string, unknown>;

/**
 * A collection (`…/ctts`), or one of its elements (`…/ctts/{id}`) when `id` is given: the element
 * itself, or ESIA-007003 (404) naming the id when the collection has no such element.
 */
function collectionOrElement(list: readonly Element[], id: string | undefined, self: string, embed: boolean, what: string): SimResponse {
  if (id === undefined) return json(200, collection(embed ? list : list.map((e) => `${self}/${e['id']}`)));
  const element = list.find((e) => String(e['id']) === id);
  if (!element) throw new EsiaError('007003', `${what} ${id} not found at ${self}`, 404);
  return json(200, element);
}

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
  if (parts.length > 5 && parts[3] !== 'kids') throw new EsiaError('007003', `unknown resource ${request.path}`, 404);
  const element = (list: readonly Element[], collectionName: string, what: string) =>
    collectionOrElement(list, parts[4], `${self}/${collectionName}`, embedElements, what);

  switch (parts[3]) {
    case undefined: {
      const payload = personPayload(person, scopes);
      const embed = request.query.get('embed') ?? '';
      if (embed.includes('contacts.elements')) payload['contacts'] = collection(contacts(ctx.world, person, scopes));
      if (embed.includes('addresses.elements') && scopes.has('addresses')) payload['addresses'] = collection(addresses(person));
      if (embed.includes('documents.elements') && scopes.has('id_doc')) payload['documents'] = collection(documents(person));
      return json(200, payload);
    }
    case 'ctts':
      requireScope(access, 'contacts', 'email', 'mobile');
      return element(contacts(ctx.world, person, scopes), 'ctts', 'contact');
    case 'addrs':
      requireScope(access, 'addresses');
      return element(addresses(person), 'addrs', 'address');
    case 'docs':
      requireScope(access, 'id_doc', 'birth_cert_doc');
      return element(documents(person), 'docs', 'document');
    case 'roles':
      if (parts[4] === undefined) return json(200, collection(roles(ctx.world, person)));
      break;
    case 'orgs':
      if (parts[4] === undefined) return json(200, collection(roles(ctx.world, person).map((r) => `${base}/orgs/${r['oid']}`)));
      break;
    case 'kids': {
      requireScope(access, ...KID_SCOPES);
      const kids = childrenOf(ctx, person).map((child) => ({ child, payload: personPayload(child, scopes, true) }));
      if (parts[4] === undefined) return json(200, collection(embedElements ? kids.map((k) => k.payload) : kids.map((k) => `${self}/kids/${k.payload['id']}`)));
      const kid = kids.find((k) => String(k.payload['id']) === parts[4]);
      if (!kid) throw new EsiaError('007019', `${parts[4]} is not a child of ${oid}`, 403);
      if (parts[5] === undefined) return json(200, kid.payload);
      if (parts[5] === 'docs' && parts.length <= 7) {
        requireScope(access, 'kid_birth_cert_doc');
        const list = documents(kid.child).filter((d) => d['type'] === 'RF_BRTH_CERT');
        return collectionOrElement(list, parts[6], `${self}/kids/${parts[4]}/docs`, embedElements, 'document');
      }
      break;
    }
  }
  throw new EsiaError('007003', `unknown resource ${request.path}`, 404);
}

export { orgOidOf };
