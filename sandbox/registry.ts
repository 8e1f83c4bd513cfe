/**
 * The sandboxes of one edusim: the default one (what `npm start` serves) and those created
 * through the admin API, each kept live in memory and written through to a store. Idle sandboxes
 * expire after their TTL; a replica that meets an id it has not built loads it from the store.
 */
import { randomBytes } from 'node:crypto';
import { DEFAULT_SANDBOX } from '../gateway/index.ts';
import type { StoredKey } from '../mocks/index.ts';
import type { World } from '../seeds/index.ts';
import { Sandbox, type HostSettings, type SandboxInfo } from './sandbox.ts';
import { parseWith, SandboxSpecSchema, SnapshotSchema, type SandboxSpec, type SandboxSpecInput, type Snapshot } from './spec.ts';
import type { SandboxRecord, SandboxStore } from './store.ts';
import { WorldCache } from './worlds.ts';

export class RegistryError extends Error {
  override readonly name = 'RegistryError';
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

export interface RegistryOptions {
  readonly store: SandboxStore;
  readonly host: HostSettings;
  /** The default sandbox: its world (made from the configuration) and how it is set up. */
  readonly defaultWorld: World;
  readonly defaultSpec: SandboxSpecInput;
  /** How many sandboxes may live at once, the default included (default 1000). */
  readonly maxSandboxes?: number;
  /** How often expired sandboxes are swept and changed ones written to the store (ms, default 1000). */
  readonly sweepEveryMs?: number;
}

export const HOW_TO_CREATE = 'create one with POST /_edusim/sandboxes (or `edusim sandbox create`); list them with GET /_edusim/sandboxes';

export class SandboxRegistry {
  readonly #live = new Map<string, Sandbox>();
  readonly #saved = new Map<string, { fingerprint: string; revision: number; quick: string }>();
  readonly #worlds = new WorldCache();
  readonly #timer: NodeJS.Timeout;
  readonly maxSandboxes: number;
  #default!: Sandbox;

  private constructor(readonly options: RegistryOptions) {
    this.maxSandboxes = options.maxSandboxes ?? 1000;
    this.#timer = setInterval(() => void this.#maintainQuietly(), options.sweepEveryMs ?? 1000);
    this.#timer.unref();
  }

  /** Builds the default sandbox and every sandbox the store holds (a restart with `--state`). */
  static async open(options: RegistryOptions): Promise<SandboxRegistry> {
    const registry = new SandboxRegistry(options);
    const spec = parseWith(SandboxSpecSchema, { ...options.defaultSpec, id: DEFAULT_SANDBOX }, 'the default sandbox');
    const world = registry.#worlds.adopt(options.defaultWorld);
    registry.#default = new Sandbox(DEFAULT_SANDBOX, spec, world, options.host, { expires: false });
    registry.#live.set(DEFAULT_SANDBOX, registry.#default);
    for (const record of await options.store.list()) {
      if (record.id === DEFAULT_SANDBOX) await registry.#restoreInto(registry.#default, record);
      else await registry.#build(record);
    }
    await registry.#persist(registry.#default);
    return registry;
  }

  get default(): Sandbox {
    return this.#default;
  }

  /** A live sandbox by id, without asking the store (split services, which run beside the registry). */
  live(id: string): Sandbox | undefined {
    return this.#live.get(id);
  }

  get size(): number {
    return this.#live.size;
  }

  /** The live sandbox with this id, or one another replica saved in the store; undefined if neither. */
  async resolve(id: string): Promise<Sandbox | undefined> {
    const live = this.#live.get(id);
    if (live) return live;
    const record = await this.options.store.get(id);
    return record ? (this.#live.get(id) ?? (await this.#build(record))) : undefined;
  }

  async get(id: string): Promise<Sandbox> {
    const sandbox = await this.resolve(id);
    if (!sandbox) throw new RegistryError(`no sandbox "${id}"; ${HOW_TO_CREATE}`, 404);
    return sandbox;
  }

  list(): SandboxInfo[] {
    return [...this.#live.values()].map((s) => s.info());
  }

  async create(input: unknown): Promise<Sandbox> {
    const spec = parseWith(SandboxSpecSchema, input ?? {}, 'POST /_edusim/sandboxes');
    if (this.#live.size >= this.maxSandboxes)
      throw new RegistryError(`${this.#live.size} sandboxes are alive, the most this edusim keeps (--max-sandboxes); delete some first`, 429);
    const id = spec.id ?? newId();
    if (this.#live.has(id) || (await this.options.store.get(id)))
      throw new RegistryError(`sandbox "${id}" exists already; pick another id or leave "id" out`, 409);
    const sandbox = this.#make(id, spec, true);
    await this.#persist(sandbox);
    return sandbox;
  }

  async reset(id: string): Promise<Sandbox> {
    const sandbox = await this.get(id);
    sandbox.reset();
    await this.#persist(sandbox);
    return sandbox;
  }

  /** Checks a snapshot document whole, then puts it into the sandbox in one step. */
  async restore(id: string, document: unknown): Promise<Sandbox> {
    const sandbox = await this.get(id);
    const snapshot = parseWith(SnapshotSchema, document, `restore of sandbox ${id}`);
    sandbox.restore(snapshot);
    await this.#persist(sandbox);
    return sandbox;
  }

  async delete(id: string): Promise<void> {
    if (id === DEFAULT_SANDBOX) throw new RegistryError('the default sandbox cannot be deleted; reset it with POST /_edusim/sandboxes/default/reset', 409);
    const sandbox = await this.get(id);
    this.#drop(sandbox);
    await this.options.store.delete(id);
  }

  /** Writes a sandbox's snapshot if it changed since the last write (after each admin change and on every sweep). */
  async #persist(sandbox: Sandbox): Promise<void> {
    // Counters first: an unchanged sandbox is not serialised at all (the sweep runs every second).
    const quick = quickKey(sandbox);
    const saved = this.#saved.get(sandbox.id);
    if (saved?.quick === quick) return;
    const snapshot = sandbox.snapshot();
    const keys = sandbox.esia.storedKeys();
    const fingerprint = fingerprintOf(snapshot, keys);
    if (saved?.fingerprint === fingerprint) {
      this.#saved.set(sandbox.id, { ...saved, quick });
      return;
    }
    const record = await this.options.store.save({
      id: sandbox.id,
      spec: sandbox.spec,
      expires: sandbox.ttlMs !== null,
      snapshot,
      keys,
      secret: sandbox.secret,
    });
    this.#saved.set(sandbox.id, { fingerprint, revision: record.revision, quick });
  }

  #maintaining = false;

  /** The timer's sweep: one at a time, and a failing store is reported, never a crash. */
  async #maintainQuietly(): Promise<void> {
    if (this.#maintaining) return;
    this.#maintaining = true;
    try {
      await this.maintain();
    } catch (error) {
      process.emitWarning(`edusim: could not save sandboxes to ${this.options.store.name}: ${(error as Error).message}`);
    } finally {
      this.#maintaining = false;
    }
  }

  /** Expired sandboxes are deleted; changed ones are written. */
  async maintain(now: number = (this.options.host.machineClock ?? Date.now)()): Promise<void> {
    for (const sandbox of [...this.#live.values()]) {
      if (sandbox.expired(now)) {
        this.#drop(sandbox);
        await this.options.store.delete(sandbox.id);
      } else {
        await this.#persist(sandbox);
      }
    }
  }

  /** Marks a sandbox used now (its TTL counts from the last use). */
  touch(sandbox: Sandbox): void {
    sandbox.touch((this.options.host.machineClock ?? Date.now)());
  }

  async close(): Promise<void> {
    clearInterval(this.#timer);
    await this.maintain();
    await this.options.store.close();
  }

  #make(id: string, spec: SandboxSpec, expires: boolean): Sandbox {
    const world = this.#worlds.acquire({ seed: spec.seed, scale: spec.scale, region: spec.region, date: spec.date });
    try {
      const sandbox = new Sandbox(id, spec, world, this.options.host, { expires });
      this.#live.set(id, sandbox);
      return sandbox;
    } catch (error) {
      this.#worlds.release(world);
      throw error;
    }
  }

  async #build(record: SandboxRecord): Promise<Sandbox> {
    const sandbox = this.#make(record.id, record.spec, record.expires);
    await this.#restoreInto(sandbox, record);
    return sandbox;
  }

  async #restoreInto(sandbox: Sandbox, record: SandboxRecord): Promise<void> {
    sandbox.restore(record.snapshot);
    sandbox.secret = record.secret;
    if (record.keys.length > 0) await sandbox.esia.loadKeys(record.keys);
    this.#saved.set(sandbox.id, { fingerprint: fingerprintOf(record.snapshot, record.keys), revision: record.revision, quick: '' });
  }

  #drop(sandbox: Sandbox): void {
    this.#live.delete(sandbox.id);
    this.#saved.delete(sandbox.id);
    this.#worlds.release(sandbox.baseWorld);
  }
}

/** The signing keys as they matter to the store: which, whether published, last use to the minute. */
function signingKeyOf(keys: readonly StoredKey[]): string {
  return keys.map((k) => `${k.kid}:${k.published}:${Math.floor((k.lastSignedAt ?? 0) / 60_000)}`).join(',');
}

/** What changes whenever a sandbox's stored content may have: write counters, the clock's setting, faults, keys. */
function quickKey(sandbox: Sandbox): string {
  const clock = sandbox.clock.state();
  const time = clock.mode === 'frozen' ? clock.now : `running${Math.round(clock.offsetMs / 1000)}`;
  const keys = signingKeyOf(sandbox.esia.storedKeys());
  return `${sandbox.state.revision}|${sandbox.esia.clientChanges}|${time}|${sandbox.faults.changes}|${keys}`;
}

/** A sandbox's content without what changes by itself (the time it was taken, a running clock's reading). */
function fingerprintOf(snapshot: Snapshot, keys: readonly StoredKey[]): string {
  const clock = snapshot.clock.mode === 'frozen' ? snapshot.clock.now : `running${Math.round(snapshot.clock.offsetMs / 1000)}`;
  const signing = signingKeyOf(keys);
  return JSON.stringify([snapshot.state, snapshot.clients, snapshot.faults, snapshot.logins, clock, signing]);
}

/** `sb-` and ten lowercase base-32 characters. */
function newId(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
  return `sb-${[...randomBytes(10)].map((b) => alphabet[b & 31]).join('')}`;
}
