/**
 * Registered client systems (ИС): mnemonic, redirect URIs, allowed scopes, the public key their
 * client_secret signatures verify with. A demo client works out of the box.
 */
import { createPublicKey, type JsonWebKey as NodeJsonWebKey, type KeyObject } from 'node:crypto';
import { EsiaError } from './errors.ts';

export type Profile = 'strict' | 'lenient';

export interface ClientRegistration {
  readonly clientId: string;
  readonly redirectUris: readonly string[];
  /** Allowed scopes; empty means every known scope. */
  readonly scopes: readonly string[];
  /** PEM (SPKI or certificate) or JWK of the key that verifies client_secret; RSA or EC P-256. */
  readonly publicKey?: string | NodeJsonWebKey;
}

export interface Client {
  readonly clientId: string;
  readonly redirectUris: readonly string[];
  readonly scopes: readonly string[];
  readonly key: KeyObject | null;
  /** What it was registered with (snapshots keep this). */
  readonly registration: ClientRegistration;
}

export const DEMO_CLIENT_ID = 'EDUSIM';

export function defaultRedirectUris(): string[] {
  return ['http://localhost:3000/callback', 'http://127.0.0.1:3000/callback', 'http://localhost:4000/callback'];
}

export class ClientRegistry {
  readonly #clients = new Map<string, Client>();

  constructor(registrations: readonly ClientRegistration[] = []) {
    this.replaceAll(registrations);
  }

  /** The demo client and these registrations, and nothing else (checked whole before anything changes). */
  replaceAll(registrations: readonly ClientRegistration[]): void {
    const next = [{ clientId: DEMO_CLIENT_ID, redirectUris: defaultRedirectUris(), scopes: [] }, ...registrations].map(toClient);
    this.#clients.clear();
    for (const client of next) this.#clients.set(client.clientId, client);
  }

  register(registration: ClientRegistration): Client {
    const client = toClient(registration);
    this.#clients.set(client.clientId, client);
    return client;
  }

  get(clientId: string): Client | undefined {
    return this.#clients.get(clientId);
  }

  list(): Client[] {
    return [...this.#clients.values()];
  }
}

/** Checks a registration and turns it into a client (throws ESIA-007003/007002 naming the field). */
function toClient(registration: ClientRegistration): Client {
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
          : createPublicKey({ key: registration.publicKey as NodeJsonWebKey, format: 'jwk' });
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
    registration: { ...registration, redirectUris: [...(registration.redirectUris ?? [])], scopes: [...(registration.scopes ?? [])] },
  });
}
