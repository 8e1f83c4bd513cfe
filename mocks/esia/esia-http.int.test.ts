import Fastify from 'fastify';
import { WorldState } from '../../seeds/index.ts';
import { ConsentPlatform } from '../consent/platform.ts';
import { mountSimulator } from '../http/fastify-adapter.ts';
import { errorJson, EsiaError } from './errors.ts';
import { esiaContract } from './esia-contract.ts';
import { EsiaSimulator } from './simulator.ts';

esiaContract('Fastify on a real socket', async ({ world, profile, now }) => {
  const esia = new EsiaSimulator({ world, consents: new ConsentPlatform(world, new WorldState(`http-${profile}`), now), profile, now });
  const app = Fastify();
  await mountSimulator(app, {
    prefix: '/esia',
    handler: (request) => esia.handle(request),
    onBadBody: (message, status) => errorJson(new EsiaError('007038', message, status)),
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { base: `http://127.0.0.1:${port}/esia`, esia, close: () => app.close() };
});
