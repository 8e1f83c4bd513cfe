/** Starts the sandbox on a port and reports where it listens. */
import type { FastifyInstance } from 'fastify';
import type { World } from '../seeds/index.ts';
import { createApp } from './app.ts';
import type { ServerConfig } from './config.ts';

export interface RunningServer {
  readonly app: FastifyInstance;
  readonly url: string;
  close(): Promise<void>;
}

export async function startServer(world: World, config: ServerConfig): Promise<RunningServer> {
  const app = createApp({ world });
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  return { app, url: `http://${host}:${port}`, close: () => app.close() };
}
