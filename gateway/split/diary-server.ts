/** Split mode: the regional diaries of every sandbox as their own HTTP service (the sandbox named in a header). */
import Fastify from 'fastify';
import { mountSimulator, outcomeResponse, type RegionalDiaries } from '../../mocks/index.ts';
import { DEFAULT_SANDBOX, SANDBOX_HEADER } from '../sandbox-address.ts';
import type { RunningService } from './subgraph-server.ts';

export async function startDiaryServer(diariesOf: (sandbox: string) => RegionalDiaries | undefined, host = '127.0.0.1'): Promise<RunningService> {
  const app = Fastify();
  await mountSimulator(app, {
    prefix: '/diary',
    handler: (request) => {
      const sandbox = request.headers[SANDBOX_HEADER] ?? DEFAULT_SANDBOX;
      const diaries = diariesOf(sandbox);
      return diaries ? diaries.handle(request) : outcomeResponse(404, 'not-found', `нет песочницы «${sandbox}»`);
    },
    onBadBody: (message, status) => outcomeResponse(status, 'structure', message),
  });
  await app.listen({ port: 0, host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `http://${host}:${port}/diary`, close: () => app.close() };
}
