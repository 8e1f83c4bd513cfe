/** Starts the host on a port and reports where it listens. */
import type { World } from '../../seeds/index.ts';
import type { ServerConfig } from '../config.ts';
import { createApp, type App, type AppOptions } from './app.ts';

export interface RunningServer {
  readonly app: App;
  readonly url: string;
  close(): Promise<void>;
}

export async function startServer(world: World, config: Pick<ServerConfig, 'port' | 'host'>, options: Omit<AppOptions, 'world'> = {}): Promise<RunningServer> {
  const app = await createApp({ world, ...options });
  try {
    await app.fastify.listen({ port: config.port, host: config.host });
  } catch (error) {
    await app.fastify.close();
    throw error;
  }
  const address = app.fastify.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const url = `http://${host}:${port}`;
  return { app, url, close: () => app.fastify.close() };
}
