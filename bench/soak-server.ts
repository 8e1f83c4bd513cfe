/**
 * The server side of the soak (bench/soak.ts), in its own process: what `edusim start --port 0
 * --host 127.0.0.1` serves (createApp with the demo world, seed 42, in-memory store, then
 * listen), nothing added to the product. Prints its URL on the first line. For the figures, each
 * line `stats` on stdin is answered with one JSON line on stdout: process.memoryUsage() and how
 * many entries the default sandbox's stores hold; `gc` first runs a full garbage collection
 * (when started with --expose-gc).
 */
import { createInterface } from 'node:readline';
import { createWorld } from '../seeds/index.ts';
import { createApp } from '../sandbox/index.ts';

const world = createWorld({ seed: 42, scale: 'demo' });
const app = await createApp({ world });
await app.fastify.listen({ port: 0, host: '127.0.0.1' });
const address = app.fastify.server.address();
process.stdout.write(`http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}\n`);

export interface SoakServerStats {
  readonly memory: NodeJS.MemoryUsage;
  readonly stores: Record<string, number>;
}

async function stats(): Promise<SoakServerStats> {
  const sandbox = app.sandbox;
  const protocol = sandbox.esia.ctx.stores.sizes();
  return {
    memory: process.memoryUsage(),
    stores: {
      sandboxesAlive: app.registry.size,
      sandboxesStored: (await app.registry.options.store.list()).length,
      consents: sandbox.state.consents.size,
      esiaPending: protocol.pending,
      esiaCodes: protocol.codes,
      esiaRefresh: protocol.refresh,
      diaryTokens: sandbox.diaries.diary('36')?.tokenCount ?? 0,
      libraryUsage: sandbox.services.libraryUsage.length,
      journal: sandbox.journal.size,
      journalDropped: sandbox.journal.dropped,
    },
  };
}

createInterface({ input: process.stdin }).on('line', (line) => {
  const command = line.trim();
  if (command === 'gc') for (let i = 0; i < 3; i++) globalThis.gc?.();
  if (command === 'stats' || command === 'gc') void stats().then((s) => process.stdout.write(`${JSON.stringify(s)}\n`));
});
process.on('SIGTERM', () => void app.fastify.close().then(() => process.exit(0)));
