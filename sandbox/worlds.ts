/**
 * Worlds shared read-only between sandboxes: every sandbox of the same seed, scale, region and
 * date reads one World (its lazily built regions, journals and answer caches), so a new sandbox
 * costs only its own mutable state. A world no sandbox uses is let go.
 */
import { createWorld, type Scale, type World } from '../seeds/index.ts';

export interface WorldKey {
  readonly seed: number;
  readonly scale: Scale;
  readonly region?: string | undefined;
  readonly date?: string | undefined;
}

export class WorldCache {
  readonly #worlds = new Map<string, { world: World; users: number }>();

  static keyOf(world: World): string {
    const o = world.options;
    return `${o.seed}|${o.scale}|${o.region ?? '-'}|${o.asOf}`;
  }

  /** The shared world for these options (made on first use); call `release` when done with it. */
  acquire(options: WorldKey): World {
    const made = createWorld({
      seed: options.seed,
      scale: options.scale,
      ...(options.region ? { region: options.region } : {}),
      ...(options.date ? { asOf: options.date } : {}),
    });
    const key = WorldCache.keyOf(made);
    const entry = this.#worlds.get(key) ?? { world: made, users: 0 };
    entry.users += 1;
    this.#worlds.set(key, entry);
    return entry.world;
  }

  /** Adds a user of a world made elsewhere (the default sandbox's). */
  adopt(world: World): World {
    const key = WorldCache.keyOf(world);
    const entry = this.#worlds.get(key) ?? { world, users: 0 };
    entry.users += 1;
    this.#worlds.set(key, entry);
    return entry.world;
  }

  release(world: World): void {
    const key = WorldCache.keyOf(world);
    const entry = this.#worlds.get(key);
    if (!entry || entry.world !== world) return;
    entry.users -= 1;
    if (entry.users <= 0) this.#worlds.delete(key);
  }

  get size(): number {
    return this.#worlds.size;
  }
}
