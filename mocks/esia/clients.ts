/**
 * Registered client systems (ИС): mnemonic, redirect URIs, allowed scopes, the public key their
 * client_secret signatures verify with. A demo client works out of the box.
 */
import { createPublicKey, type KeyObject } from 'node:crypto';
import type { JWK } from 'jose';
import { registeredHash } from './certificate-hash.ts';
import { DEMO_CLIENT_CERTIFICATE } from './demo-client.ts';
import { EsiaError } from './errors.ts';

export type Profile = 'strict' | 'lenient';

export interface ClientRegistration {
  readonly clientId: string;
  readonly redirectUris: readonly string[];
  /** Allowed scopes; empty means every known scope. */
  readonly scopes: readonly string[];
  /** PEM (SPKI or certificate) or JWK of the key that verifies client_secret; RSA or EC P-256. */
  readonly publicKey?: string | JWK;
}

export interface Client {
  readonly clientId: string;
  readonly redirectUris: readonly string[];
  readonly scopes: readonly string[];
  readonly key: KeyObject | null;
  /** The `client_certificate_hash` its v2/v3 requests must carry in the strict profile (null: no key). */
  readonly certificateHash: string | null;
  /** What it was registered with (snapshots keep this). */
  readonly registration: ClientRegistration;
  /** Bumped on every replacement: a replacement must name the revision it replaces. */
  readonly revision: number;
}

/** The most client systems one sandbox keeps. */
export const MAX_CLIENTS = 200;

export const DEMO_CLIENT_ID = 'EDUSIM';

export function defaultRedirectUris(): string[] {
  return ['http://localhost:3000/callback', 'http://127.0.0.1:3000/callback', 'http://localhost:4000/callback'];
}

export class ClientRegistry {
  readonly #clients = new Map<string, Client>();
  #changes = 0;

  /** Goes up on every change to the registry. */
  get changes(): number {
    return this.#changes;
  }

  constructor(registrations: readonly ClientRegistration[] = []) {
    this.replaceAll(registrations);
  }

  /** The demo client and these registrations, and nothing else (checked whole before anything changes). */
  replaceAll(registrations: readonly ClientRegistration[]): void {
    const demo = { clientId: DEMO_CLIENT_ID, redirectUris: defaultRedirectUris(), scopes: [], publicKey: DEMO_CLIENT_CERTIFICATE };
    const next = [demo, ...registrations].map((r) => toClient(r, 1));
    this.#clients.clear();
    for (const client of next) this.#clients.set(client.clientId, client);
    this.#changes++;
  }

  /** Registers a new client; an existing clientId is refused (409), never silently replaced. */
  register(registration: ClientRegistration): Client {
    const existing = this.#clients.get(registration.clientId);
    if (existing)
      throw new EsiaError(
        '007003',
        `client_id "${registration.clientId}" is registered already; replace it with PUT /sim/clients/${registration.clientId} and If-Match: "${existing.revision}"`,
        409,
      );
    if (this.#clients.size >= MAX_CLIENTS)
      throw new EsiaError('007003', `this sandbox has ${MAX_CLIENTS} client systems, the most it keeps; delete one first`, 409);
    const client = toClient(registration, 1);
    this.#clients.set(client.clientId, client);
    this.#changes++;
    return client;
  }

  /** Replaces a client whose current revision is `expected` (412 when stale); the demo client stays as it is. */
  replace(clientId: string, registration: ClientRegistration, expected: number): Client {
    const current = this.#current(clientId, expected);
    if (registration.clientId !== clientId)
      throw new EsiaError('007003', `clientId "${registration.clientId}" in the body does not match the URL's "${clientId}"`);
    const client = toClient(registration, current.revision + 1);
    this.#clients.set(clientId, client);
    this.#changes++;
    return client;
  }

  remove(clientId: string, expected: number): void {
    this.#current(clientId, expected);
    this.#clients.delete(clientId);
    this.#changes++;
  }

  #current(clientId: string, expected: number): Client {
    if (clientId === DEMO_CLIENT_ID)
      throw new EsiaError('007003', `the demo client ${DEMO_CLIENT_ID} cannot be replaced or deleted; register a client of your own`, 403);
    const current = this.#clients.get(clientId);
    if (!current) throw new EsiaError('007002', `client_id "${clientId}" is not registered`, 404);
    if (current.revision !== expected)
      throw new EsiaError(
        '007003',
        `client ${clientId} is at revision ${current.revision}, not ${expected}: read it again (GET /sim/clients/${clientId}) and retry`,
        412,
      );
    return current;
  }

  get(clientId: string): Client | undefined {
    return this.#clients.get(clientId);
  }

  list(): Client[] {
    return [...this.#clients.values()];
  }
}

/** Checks a registration and turns it into a client (throws ESIA-007003/007002 naming the field). */
function toClient(registration: ClientRegistration, revision: number): Client {
  if (!/^[A-Za-z0-9_.-]{2,64}$/.test(registration.clientId ?? '')) {
    throw new EsiaError('007003', `client_id ${JSON.stringify(registration.clientId)}: 2–64 latin letters, digits, "_", "-" or "."`);
  }
  for (const uri of registration.redirectUris ?? []) {
    if (!URL.canParse(uri)) throw new EsiaError('007003', `redirect_uri ${JSON.stringify(uri)} is not an absolute URL`);
  }
  let key: KeyObject | null = null;
  if (registration.publicKey !== undefined) {
    try {
      key =
        typeof registration.publicKey === 'string'
          ? createPublicKey(registration.publicKey)
          : createPublicKey({ key: registration.publicKey, format: 'jwk' } as Parameters<typeof createPublicKey>[0]);
    } catch {
      throw new EsiaError('007002', `publicKey of ${registration.clientId} is not a PEM or JWK public key`);
    }
    if (key.asymmetricKeyType !== 'rsa' && key.asymmetricKeyType !== 'ec') throw new EsiaError('007002', 'only RSA and EC keys stand in for GOST R 34.10-2012');
  }
  return Object.freeze({
    clientId: registration.clientId,
    redirectUris: [...(registration.redirectUris ?? [])],
    scopes: [...(registration.scopes ?? [])],
    key,
    certificateHash: key && registration.publicKey !== undefined ? registeredHash(registration.publicKey, key) : null,
    registration: { ...registration, redirectUris: [...(registration.redirectUris ?? [])], scopes: [...(registration.scopes ?? [])] },
    revision,
  });
}
