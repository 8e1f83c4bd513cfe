/**
 * The simulator's client registry over HTTP (a control, not a real ESIA endpoint):
 *   GET    /sim/clients            the registered systems, each with its revision
 *   POST   /sim/clients            register a new one (an existing clientId: 409)
 *   GET    /sim/clients/{id}       one, with `ETag: "<revision>"`
 *   PUT    /sim/clients/{id}       replace it: `If-Match: "<revision>"` required (stale: 412)
 *   DELETE /sim/clients/{id}       delete it: `If-Match` as for PUT
 * Bodies are JSON only, so a web page cannot send one by a plain form.
 */
import { json, type SimRequest, type SimResponse } from '../http/sim-http.ts';
import { ClientRegistrationSchema, registrationProblem } from './client-schema.ts';
import type { Client, ClientRegistration, ClientRegistry } from './clients.ts';
import { EsiaError } from './errors.ts';

const view = (c: Client) => ({
  clientId: c.clientId,
  redirectUris: c.redirectUris,
  scopes: c.scopes,
  hasKey: c.key !== null,
  certificateHash: c.certificateHash,
  revision: c.revision,
});
const withTag = (c: Client, status = 200) => json(status, view(c), { etag: `"${c.revision}"` });

function body(request: SimRequest): ClientRegistration {
  const type = request.headers['content-type'] ?? '';
  if (!type.toLowerCase().startsWith('application/json')) throw new EsiaError('007038', `Content-Type must be application/json, got "${type || 'none'}"`, 415);
  let parsed: unknown;
  try {
    parsed = JSON.parse(request.body ?? '');
  } catch {
    throw new EsiaError('007038', 'the body must be JSON: {"clientId", "redirectUris", "scopes", "publicKey"}');
  }
  const result = ClientRegistrationSchema.safeParse(parsed);
  if (!result.success) throw new EsiaError('007003', registrationProblem(result.error));
  return result.data as ClientRegistration;
}

function ifMatch(request: SimRequest): number {
  const header = request.headers['if-match'];
  if (header === undefined) throw new EsiaError('007003', 'If-Match is required: send the revision you read, e.g. If-Match: "1"', 428);
  const m = /^(?:W\/)?"?(\d{1,9})"?$/.exec(header.trim());
  if (!m) throw new EsiaError('007003', `If-Match ${JSON.stringify(header)} is not a revision: expected e.g. "1"`, 412);
  return Number(m[1]);
}

/** Answers a `/sim/clients…` request, or null when the path is not one. */
export function clientAdmin(clients: ClientRegistry, request: SimRequest): SimResponse | null {
  const { method, path } = request;
  if (path === '/sim/clients') {
    if (method === 'GET') return json(200, clients.list().map(view));
    if (method === 'POST') return withTag(clients.register(body(request)), 201);
    throw new EsiaError('007003', `${method} /sim/clients: use GET or POST`, 405);
  }
  const m = /^\/sim\/clients\/([^/]+)$/.exec(path);
  if (!m) return null;
  const clientId = decodeURIComponent(m[1] ?? '');
  if (method === 'GET') {
    const client = clients.get(clientId);
    if (!client) throw new EsiaError('007002', `client_id "${clientId}" is not registered`, 404);
    return withTag(client);
  }
  if (method === 'PUT') return withTag(clients.replace(clientId, body(request), ifMatch(request)));
  if (method === 'DELETE') {
    clients.remove(clientId, ifMatch(request));
    return { status: 204, headers: { 'cache-control': 'no-store' }, body: '' };
  }
  throw new EsiaError('007003', `${method} /sim/clients/${clientId}: use GET, PUT or DELETE`, 405);
}
