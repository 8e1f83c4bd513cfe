import { flowContract, type FlowTargetFactory } from './flow-contract.ts';
import { startServer } from './server.ts';

function embedded(path: string): FlowTargetFactory {
  return async (world) => {
    let offset = 0;
    const now = () => new Date(Date.now() + offset);
    const server = await startServer(world, { port: 0, host: '127.0.0.1' }, { now, diaryTimeoutMs: 500 });
    return { graphqlUrl: `${server.url}${path}`, app: server.app, advance: (ms) => (offset += ms), close: () => server.close() };
  };
}

flowContract('the default engine (embedded, in-process subgraphs)', embedded('/graphql'));
flowContract('the reference engine (@apollo/gateway, embedded)', embedded('/graphql/reference'));

flowContract('split mode (subgraphs and diaries as HTTP services behind @apollo/gateway)', async (world) => {
  let offset = 0;
  const now = () => new Date(Date.now() + offset);
  const server = await startServer(world, { port: 0, host: '127.0.0.1' }, { now, diaryTimeoutMs: 500, split: true });
  return { graphqlUrl: `${server.url}/graphql`, app: server.app, advance: (ms) => (offset += ms), close: () => server.close() };
});
