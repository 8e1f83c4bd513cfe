/**
 * Where sandboxes are kept between requests and restarts. The registry keeps live sandboxes in
 * memory and writes each one's snapshot through this interface; a replica that meets an id it
 * has not built asks the store. Every call is async and every record is a JSON document with a
 * revision, so a shared store (Redis/Valkey: a key per sandbox, a set of ids, compare-and-set on
 * the revision) can back several replicas behind a load balancer without changing the registry.
 */
import { randomBytes } from 'node:crypto';
import { open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { z } from 'zod';
import type { StoredKey } from '../mocks/index.ts';
import { SandboxSpecSchema, SnapshotSchema, firstProblem, type SandboxSpec, type Snapshot } from './spec.ts';

export interface SandboxRecord {
  readonly id: string;
  /** Its ESIA signing keys (private keys included: the store is the operator's, never the API's). */
  readonly keys: readonly StoredKey[];
  /** The secret that opens its own controls. */
  readonly secret: string;
  /** How it was created (resolved), so any replica can build it again. */
  readonly spec: SandboxSpec;
  /** Whether it expires after its TTL (false: the default sandbox). */
  readonly expires: boolean;
  readonly snapshot: Snapshot;
  /** Bumped on every save; `save` with an `expectedRevision` refuses a stale writer. */
  readonly revision: number;
}

export class StaleRecordError extends Error {
  override readonly name = 'StaleRecordError';
}

export interface SandboxStore {
  /** A human name for messages (`memory`, `file /path`). */
  readonly name: string;
  get(id: string): Promise<SandboxRecord | undefined>;
  list(): Promise<SandboxRecord[]>;
  /** Writes a record; with `expectedRevision`, only if the stored one still has it (else StaleRecordError). */
  save(record: Omit<SandboxRecord, 'revision'>, expectedRevision?: number): Promise<SandboxRecord>;
  delete(id: string): Promise<boolean>;
  close(): Promise<void>;
}

export class MemoryStore implements SandboxStore {
  readonly name: string = 'memory';
  protected readonly records = new Map<string, SandboxRecord>();

  async get(id: string): Promise<SandboxRecord | undefined> {
    return this.records.get(id);
  }

  async list(): Promise<SandboxRecord[]> {
    return [...this.records.values()];
  }

  async save(record: Omit<SandboxRecord, 'revision'>, expectedRevision?: number): Promise<SandboxRecord> {
    const current = this.records.get(record.id);
    if (expectedRevision !== undefined && (current?.revision ?? 0) !== expectedRevision)
      throw new StaleRecordError(`sandbox ${record.id} changed meanwhile (revision ${current?.revision ?? 0}, expected ${expectedRevision})`);
    const saved = { ...record, revision: (current?.revision ?? 0) + 1 };
    this.records.set(record.id, saved);
    this.changed();
    return saved;
  }

  async delete(id: string): Promise<boolean> {
    const had = this.records.delete(id);
    if (had) this.changed();
    return had;
  }

  async close(): Promise<void> {}

  /** Called after every change (the file store writes then). */
  protected changed(): void {}
}

export const STORE_FORMAT = 'edusim-sandboxes';
export const STORE_VERSION = 1;

const jwk = z.record(z.string(), z.unknown());
const StoredKeySchema = z.strictObject({
  kid: z.string(),
  privateJwk: jwk,
  publicJwk: jwk,
  lastSignedAt: z.number().nullable(),
  first: z.boolean(),
  published: z.boolean(),
});

const RecordSchema = z.strictObject({
  id: z.string(),
  keys: z.array(StoredKeySchema).default([]),
  secret: z.string().min(16).max(64),
  spec: SandboxSpecSchema,
  expires: z.boolean(),
  snapshot: SnapshotSchema,
  revision: z.number().int().min(1),
});
const StoreFileSchema = z.strictObject({
  format: z.literal(STORE_FORMAT),
  version: z.literal(STORE_VERSION, { message: `expected version ${STORE_VERSION}` }),
  sandboxes: z.array(RecordSchema),
});

export class StoreFileError extends Error {
  override readonly name = 'StoreFileError';
}

/**
 * The file store (`edusim start --state FILE`): the memory store, written to one JSON file after
 * changes (at most every `delayMs`, and on close) — to a temporary file renamed into place, so a
 * crash never leaves half a file.
 */
export class FileStore extends MemoryStore {
  override readonly name: string;
  #timer: NodeJS.Timeout | null = null;
  #writing: Promise<void> = Promise.resolve();
  #dirty = false;

  private constructor(
    readonly path: string,
    readonly delayMs: number,
  ) {
    super();
    this.name = `file ${path}`;
  }

  /**
   * Opens the file (a missing file is an empty store); a file that does not check out is refused
   * whole. Temporary files a killed process left behind are removed first.
   */
  static async open(path: string, delayMs = 1000): Promise<FileStore> {
    const store = new FileStore(path, delayMs);
    const prefix = `${basename(path)}.`;
    const leftovers = await readdir(dirname(path)).catch(() => [] as string[]);
    await Promise.all(leftovers.filter((f) => f.startsWith(prefix) && f.endsWith('.tmp')).map((f) => rm(join(dirname(path), f), { force: true })));
    let text: string | null = null;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new StoreFileError(`--state ${path}: cannot read (${(error as Error).message})`);
    }
    if (text !== null) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch (error) {
        throw new StoreFileError(`--state ${path}: not JSON (${(error as Error).message})`);
      }
      const result = StoreFileSchema.safeParse(parsed);
      if (!result.success) throw new StoreFileError(firstProblem(result.error, `--state ${path}`));
      for (const record of result.data.sandboxes) store.records.set(record.id, record as SandboxRecord);
    }
    return store;
  }

  protected override changed(): void {
    this.#dirty = true;
    this.#timer ??= setTimeout(() => {
      this.#timer = null;
      void this.flush();
    }, this.delayMs);
    this.#timer.unref();
  }

  /** Writes now if anything changed since the last write. */
  flush(): Promise<void> {
    this.#writing = this.#writing.then(async () => {
      if (!this.#dirty) return;
      this.#dirty = false;
      const document = { format: STORE_FORMAT, version: STORE_VERSION, sandboxes: [...this.records.values()] };
      const temporary = `${this.path}.${randomBytes(6).toString('hex')}.tmp`;
      try {
        // Write, flush to disk, then rename over the old file: a crash leaves the old file or the new one, never half.
        const handle = await open(temporary, 'wx');
        try {
          await handle.writeFile(`${JSON.stringify(document)}\n`);
          await handle.sync();
        } finally {
          await handle.close();
        }
        await rename(temporary, this.path);
        const folder = await open(dirname(this.path), 'r');
        await folder.sync().finally(() => folder.close());
      } catch (error) {
        this.#dirty = true;
        await rm(temporary, { force: true });
        process.emitWarning(`edusim: could not write ${this.path}: ${(error as Error).message}`);
      }
    });
    return this.#writing;
  }

  override async close(): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    await this.flush();
  }
}
