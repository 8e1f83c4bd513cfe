/** What every ESIA operation works with: the world, run-time state, clients, keys, clock. */
import type { World } from '../../seeds/index.ts';
import type { ConsentPlatform } from '../consent/platform.ts';
import type { Client, ClientRegistry, Profile } from './clients.ts';
import { EsiaError } from './errors.ts';
import type { KeyRing } from './keys.ts';
import { verifyClientSecret } from './signature.ts';
import type { ProtocolStores } from './stores.ts';
import { checkTimestamp, parseEsiaTimestamp } from './timestamp.ts';
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

/** Strict profile: state is a UUID, timestamp within skew, client_secret verifies. Lenient: formats only. */
export function checkClientProof(ctx: EsiaContext, client: Client, params: Params, message: string): void {
  const state = params.required('state');
  const timestamp = params.required('timestamp');
  const secret = params.required('client_secret');
  if (ctx.profile === 'lenient') {
    parseEsiaTimestamp(timestamp);
    return;
  }
  if (!UUID_PATTERN.test(state)) throw new EsiaError('007003', `state "${state}" is not a UUID`);
  checkTimestamp(timestamp, ctx.now());
  verifyClientSecret(client, message, secret);
}
