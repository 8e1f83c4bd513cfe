import { setupServer } from 'msw/node';
import { afterAll, beforeAll } from 'vitest';
import { WorldState } from '../../seeds/index.ts';
import { ConsentPlatform } from '../consent/platform.ts';
import { simulatorHandlers } from '../http/msw-adapter.ts';
import { esiaContract } from './esia-contract.ts';
import { EsiaSimulator } from './simulator.ts';

// One interceptor for the file; each simulator gets its own host.
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

let counter = 0;
esiaContract('msw handlers (in-process)', async ({ world, profile, now }) => {
  const esia = new EsiaSimulator({ world, consents: new ConsentPlatform(world, new WorldState(`msw-${counter}`), now), profile, now });
  const base = `http://esia-${profile}-${counter++}.test/esia`;
  server.use(...simulatorHandlers(base, (request) => esia.handle(request)));
  return { base, esia, close: async () => undefined };
});
