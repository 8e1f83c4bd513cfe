/**
 * Split mode: the gateway's calls to the subgraph services, filed in the sandbox's journal under
 * the gateway request's trace id (`system: gateway`, `operation: subgraph:<name>`, `caller: gateway`).
 */
import type { ServedCall } from '../../gateway/index.ts';
import type { Sandbox } from '../sandbox.ts';

export function subgraphCallRecorder(sandboxOf: (id: string) => Sandbox | undefined): (call: ServedCall) => void {
  return (call) => {
    const sandbox = sandboxOf(call.sandbox);
    if (!sandbox) return;
    const startedAt = Date.now() - call.latencyMs;
    sandbox.journal.record({
      at: new Date(startedAt).toISOString(),
      sandboxAt: new Date(sandbox.clock.now().getTime() - call.latencyMs).toISOString(),
      system: 'gateway',
      operation: `subgraph:${call.subgraph}`,
      method: call.method,
      path: `/subgraphs/${call.subgraph}/graphql`,
      status: call.status,
      latencyMs: call.latencyMs,
      caller: 'gateway',
      traceId: call.traceId ?? '',
    });
  };
}
