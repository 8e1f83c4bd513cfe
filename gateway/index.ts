/**
 * gateway/ — the «Моя школа» gateway: the GraphQL engines (default on Mercurius, reference on
 * @apollo/gateway, split services), the ESIA token check, the query limits, the flow trace and the
 * services each sandbox's subgraphs are wired to. The host that composes sandboxes is `sandbox/`.
 */
export { mountDefaultEngine } from './graphql/default-engine.ts';
export { mountReferenceEngine } from './graphql/reference-mount.ts';
export { VIEWER_HEADERS } from './split/forwarding.ts';
export type { GatewayTarget, TargetOf } from './graphql/request-context.ts';
export { createServices, inProcessExchange } from './graphql/services.ts';
export type { ServicesOptions } from './graphql/services.ts';
export { createTokenVerifier } from './graphql/verify-token.ts';
export type { TokenCheck } from './graphql/verify-token.ts';
export { startSubgraphServer } from './split/subgraph-server.ts';
export type { RunningService, ServicesOf, ServedCall } from './split/subgraph-server.ts';
export { startDiaryServer } from './split/diary-server.ts';
export { newForwardSecret } from './split/forwarding.ts';
export { sandboxAddress, decodeOrKeep, SANDBOX_HEADER, DEFAULT_SANDBOX, SANDBOX_ID_PATTERN } from './sandbox-address.ts';
export type { SandboxAddress } from './sandbox-address.ts';
