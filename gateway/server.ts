/** Starts the sandbox on a port and reports where it listens. */
import type { ClientRegistration, Profile } from '../mocks/index.ts';
import type { World } from '../seeds/index.ts';
import { createApp, type App } from './app.ts';
import type { ServerConfig } from './config.ts';

export interface RunningServer {
  readonly app: App;
  readonly url: string;
  close(): Promise<void>;
}

export async function startServer(
  world: World,
  config: ServerConfig,
  options: {
    profile?: Profile;
    now?: () => Date;
    clients?: readonly ClientRegistration[];
    issuer?: string;
    vendorDiaries?: ReadonlyMap<string, string>;
    diaryTimeoutMs?: number;
    split?: boolean;
  } = {},
): Promise<RunningServer> {
  const app = await createApp({ world, ...options });
  await app.fastify.listen({ port: config.port, host: config.host });
  const address = app.fastify.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const url = `http://${host}:${port}`;
  app.publicUrl.value = url;
  return { app, url, close: () => app.fastify.close() };
}
