/**
 * One-shot faults by request header, for a single call without touching the sandbox's rules:
 *
 *   X-Edusim-Fault: status=503
 *   X-Edusim-Fault: diary/68/schedule:timeout=5000, esia/token:esia-error=ESIA-007014
 *
 * Each item is `[system[/region][/operation]:]action`; without a system it hits the system the request goes
 * to. On a gateway request an item for another system hits that system's calls made while
 * serving it (`diary/68:status=503` breaks the diary call of this flow query only). Actions:
 * `latency=MS[~JITTER]`, `status=CODE`, `esia-error=ESIA-0070XX`, `timeout[=MS]`, `reset`,
 * `malformed`, `off-contract`.
 */
import { FaultRuleInputSchema, FAULT_SYSTEMS, type FaultRuleSpec, type FaultSystem } from './rules.ts';
import { zodProblem } from '../../mocks/index.ts';

export const FAULT_HEADER = 'x-edusim-fault';

export class FaultHeaderError extends Error {
  override readonly name = 'FaultHeaderError';
}

const ITEM = /^(?:([a-z]+)(?:\/(\d{2}))?(?:\/([A-Za-z_][\w-]{0,99}))?:)?([a-z-]+)(?:=([\w.~-]+))?$/;
const ACCEPTED =
  'expected items like "status=503", "latency=200~50", "timeout=5000", "reset", "malformed", "off-contract", "esia-error=ESIA-007014", optionally prefixed "esia:", "diary/68:" or "diary/68/schedule:"';

/** The overrides a header asks for (none when absent); a header that does not parse is an error naming the item. */
export function parseFaultHeader(header: string | string[] | undefined, receiving: FaultSystem): FaultRuleSpec[] {
  if (header === undefined) return [];
  const text = Array.isArray(header) ? header.join(',') : header;
  if (text.length > 1000) throw new FaultHeaderError(`X-Edusim-Fault is longer than 1000 characters`);
  const items = text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  return items.map((item) => parseItem(item, receiving));
}

function parseItem(item: string, receiving: FaultSystem): FaultRuleSpec {
  const m = ITEM.exec(item);
  if (!m) throw new FaultHeaderError(`X-Edusim-Fault item ${JSON.stringify(item)} is not valid: ${ACCEPTED}`);
  const [, systemText, region, operation, kind, value] = m;
  const system = (systemText ?? receiving) as FaultSystem;
  if (!(FAULT_SYSTEMS as readonly string[]).includes(system))
    throw new FaultHeaderError(
      `X-Edusim-Fault item ${JSON.stringify(item)}: system ${JSON.stringify(systemText)} is not valid: expected one of ${FAULT_SYSTEMS.join(', ')}`,
    );
  const candidate = { system, ...(region ? { region } : {}), ...(operation ? { operation } : {}), action: actionOf(kind ?? '', value, item), times: 1 };
  const parsed = FaultRuleInputSchema.safeParse(candidate);
  if (!parsed.success) throw new FaultHeaderError(zodProblem(parsed.error, `X-Edusim-Fault item ${JSON.stringify(item)}`));
  return parsed.data;
}

function actionOf(kind: string, value: string | undefined, item: string): unknown {
  const number = (text: string | undefined) => {
    if (text === undefined || !/^\d{1,9}$/.test(text))
      throw new FaultHeaderError(
        `X-Edusim-Fault item ${JSON.stringify(item)}: ${JSON.stringify(text ?? '')} is not valid: expected a whole number, e.g. ${kind}=${kind === 'status' ? 503 : 200}`,
      );
    return Number(text);
  };
  switch (kind) {
    case 'latency': {
      const [ms, jitter] = (value ?? '').split('~');
      return { kind, ms: number(ms), ...(jitter !== undefined ? { jitterMs: number(jitter) } : {}) };
    }
    case 'status':
      return { kind, status: number(value) };
    case 'esia-error':
      return { kind, code: value ?? '' };
    case 'timeout':
      return value === undefined ? { kind } : { kind, ms: number(value) };
    case 'reset':
    case 'malformed':
    case 'off-contract':
      return { kind };
    default:
      throw new FaultHeaderError(`X-Edusim-Fault item ${JSON.stringify(item)}: action ${JSON.stringify(kind)} is not valid: ${ACCEPTED}`);
  }
}
