/** What every ESIA operation works with: the world, run-time state, clients, keys, clock. */
import type { World } from '../../seeds/index.ts';
import type { ConsentPlatform } from '../consent/platform.ts';
import type { Client, ClientRegistry, Profile } from './clients.ts';
import { EsiaError } from './errors.ts';
import type { KeyRing } from './keys.ts';
import { verifyClientSecret } from './signature.ts';
import type { ApiVersion, ProtocolStores } from './stores.ts';
import { checkTimestamp, parseEsiaTimestamp } from './timestamp.ts';
import type { EsiaTraps } from './traps.ts';
import { UUID_PATTERN } from './util.ts';

export interface EsiaContext {
  readonly world: World;
  /** The sandbox this ESIA belongs to: written into every token, checked on every one. */
  readonly sandbox: string;
  readonly profile: Profile;
  readonly clients: ClientRegistry;
  readonly keys: KeyRing;
  readonly stores: ProtocolStores;
  readonly issuer: string;
  readonly consents: ConsentPlatform;
  /** Adversarial answers queued for `edusim verify esia-client` (traps.ts). */
  readonly traps: EsiaTraps;
  now(): Date;
  /** Told of every login (EsiaOptions.onLogin). */
  readonly onLogin?: (oid: number, at: Date) => void;
}

/** Reads parameters, refusing repeated ones (ESIA-007003) and naming missing ones (ESIA-007014). */
export class Params {
  constructor(readonly raw: URLSearchParams) {
    const seen = new Set<string>();
    for (const key of raw.keys()) {
      if (seen.has(key)) throw new EsiaError('007003', `parameter "${key}" is repeated`);
      seen.add(key);
    }
  }

  optional(name: string): string | null {
    const value = this.raw.get(name);
    return value === null || value === '' ? null : value;
  }

  required(name: string): string {
    const value = this.optional(name);
    if (value === null) throw new EsiaError('007014', `parameter "${name}" is missing`);
    return value;
  }
}

export function findClient(ctx: EsiaContext, clientId: string): Client {
  const client = ctx.clients.get(clientId);
  if (!client) throw new EsiaError('007002', `client_id "${clientId}" is not registered`);
  return client;
}

/**
 * Strict profile: state is a UUID, timestamp within skew, on v2/v3 `client_certificate_hash`
 * names the registered certificate, client_secret verifies. Lenient: formats only.
 */
export function checkClientProof(ctx: EsiaContext, client: Client, params: Params, message: string, version: ApiVersion): void {
  const state = params.required('state');
  const timestamp = params.required('timestamp');
  const secret = params.required('client_secret');
  if (ctx.profile === 'lenient') {
    parseEsiaTimestamp(timestamp);
    return;
  }
  if (!UUID_PATTERN.test(state)) throw new EsiaError('007003', `state "${state}" is not a UUID`);
  checkTimestamp(timestamp, ctx.now());
  if (version === 'v2') checkCertificateHash(client, params.required('client_certificate_hash'));
  verifyClientSecret(client, message, secret);
}

/** ESIA-007002 unless the hash is the registered certificate's (hex digits, either case). */
function checkCertificateHash(client: Client, hash: string): void {
  if (client.certificateHash === null) throw new EsiaError('007002', `no certificate is registered for ${client.clientId}`);
  if (hash.toUpperCase() !== client.certificateHash)
    throw new EsiaError(
      '007002',
      `client_certificate_hash "${hash}" is not the hash of the certificate registered for ${client.clientId} (expected SHA-256 of the certificate's DER, 64 hex digits)`,
    );
}
