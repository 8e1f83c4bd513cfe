/**
 * The sandbox's ESIA client systems (`/esia/sim/clients`): register, read, replace, delete. A
 * replacement or deletion names the revision it read (`If-Match`); without one, the client reads
 * the current revision first (last writer wins). The demo client `EDUSIM` is refused (403).
 */
import type { EsiaClient, EsiaClientRegistration } from './api-types.ts';
import type { Answer, Call } from './http.ts';

type Send = (call: Call) => Promise<Answer>;

const PATH = '/esia/sim/clients';

export class EsiaClientApi {
  constructor(readonly send: Send) {}

  /** Every client system of the sandbox, the demo client first. */
  async list(): Promise<EsiaClient[]> {
    return (await this.send({ method: 'GET', path: PATH })).json as EsiaClient[];
  }

  /** One client system (404, `EdusimNotFoundError`, when it is not registered). */
  async get(clientId: string): Promise<EsiaClient> {
    return (await this.send({ method: 'GET', path: `${PATH}/${encodeURIComponent(clientId)}` })).json as EsiaClient;
  }

  /** Registers a new client system; a taken clientId is refused (409, `EdusimConflictError`), never replaced. */
  async create(registration: EsiaClientRegistration): Promise<EsiaClient> {
    return (await this.send({ method: 'POST', path: PATH, body: registration })).json as EsiaClient;
  }

  /** Replaces a client system; a stale `revision` is refused (412, `EdusimConflictError`). */
  async update(registration: EsiaClientRegistration, revision?: number): Promise<EsiaClient> {
    const current = revision ?? (await this.get(registration.clientId)).revision;
    const path = `${PATH}/${encodeURIComponent(registration.clientId)}`;
    return (await this.send({ method: 'PUT', path, body: registration, headers: { 'if-match': `"${current}"` } })).json as EsiaClient;
  }

  /** Deletes a client system: its codes and tokens stop working at their next check. */
  async delete(clientId: string, revision?: number): Promise<void> {
    const current = revision ?? (await this.get(clientId)).revision;
    await this.send({ method: 'DELETE', path: `${PATH}/${encodeURIComponent(clientId)}`, headers: { 'if-match': `"${current}"` } });
  }
}
