/** Split mode: the regional diaries as their own HTTP service. */
import Fastify from 'fastify';
import { mountSimulator, outcomeResponse, type RegionalDiaries } from '../../mocks/index.ts';
import type { RunningService } from './subgraph-server.ts';

export async function startDiaryServer(diaries: RegionalDiaries, host = '127.0.0.1'): Promise<RunningService> {
  const app = Fastify();
  await mountSimulator(app, {
    prefix: '/diary',
    handler: (request) => diaries.handle(request),
    onBadBody: (message, status) => outcomeResponse(status, 'structure', message),
  });
  await app.listen({ port: 0, host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `http://${host}:${port}/diary`, close: () => app.close() };
}
