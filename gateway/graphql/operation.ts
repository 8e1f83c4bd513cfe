/**
 * Which operation a GraphQL request runs, decided before an engine sees it: an unknown or
 * missing `operationName`, or a subscription (edusim serves none), is the client's error — a 400
 * with `BAD_USER_INPUT`, never an engine's 500 or a crash. An empty `operationName` means none.
 */
import { getOperationAST, GraphQLError, parse, type DocumentNode } from 'graphql';

/** The problem with the request's operation, or null (also null when the query does not parse: the engine answers that). */
export function operationProblem(query: unknown, operationName: unknown): GraphQLError | null {
  if (typeof query !== 'string') return null;
  let document: DocumentNode;
  try {
    document = parse(query);
  } catch {
    return null;
  }
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string')
    return new GraphQLError('operationName must be a string', { extensions: { code: 'BAD_USER_INPUT' } });
  const name = operationName === '' || operationName === null ? undefined : operationName;
  const operation = getOperationAST(document, name);
  if (!operation) {
    const names = document.definitions.flatMap((d) => (d.kind === 'OperationDefinition' && d.name ? [d.name.value] : []));
    const message =
      name !== undefined
        ? `no operation named ${JSON.stringify(name.length > 64 ? `${name.slice(0, 64)}…` : name)} in the document${names.length > 0 ? `; it has ${names.join(', ')}` : ''}`
        : `the document has several operations (${names.join(', ')}): name one in operationName`;
    return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
  }
  if (operation.operation === 'subscription')
    return new GraphQLError('subscriptions are not served: use a query or a mutation', { extensions: { code: 'BAD_USER_INPUT' } });
  return null;
}

/** The query and operationName of a GET (query string) or POST (body) request; batched bodies are checked one by one. */
export function requestOperations(method: string, query: unknown, body: unknown): { query: unknown; operationName: unknown }[] {
  const source = method === 'GET' ? query : body;
  const list = Array.isArray(source) ? source : [source];
  return list.map((one) => {
    const params = (typeof one === 'object' && one !== null ? one : {}) as Record<string, unknown>;
    return { query: params['query'], operationName: params['operationName'] };
  });
}
