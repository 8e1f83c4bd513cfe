import { flowContract, type FlowTargetFactory } from './flow-contract.ts';
import { startServer } from './index.ts';

function embedded(path: string, split = false): FlowTargetFactory {
  return async (world) => {
    const server = await startServer(world, { port: 0, host: '127.0.0.1' }, { diaryTimeoutMs: 500, split });
    return { graphqlUrl: `${server.url}${path}`, app: server.app, close: () => server.close() };
  };
}

flowContract('the default engine (embedded, in-process subgraphs)', embedded('/graphql'));
flowContract('the reference engine (@apollo/gateway, embedded)', embedded('/graphql/reference'));
flowContract('split mode (subgraphs and diaries as HTTP services behind @apollo/gateway)', embedded('/graphql', true));
