/**
 * Refusals of `GET /Schedule/{oid}` (docs/diary-contract.md «Errors: OperationOutcome»): the
 * status and the issue code the contract names, in an OperationOutcome, with a text for people.
 */
import { checkOperationOutcome } from '../../mocks/index.ts';
import type { DiaryCheckId } from './catalogue.ts';
import { judged, outcomeOf } from './judge.ts';
import type { Exchange } from './probe.ts';
import type { CheckResult } from './verdict.ts';

export interface ExpectedRefusal {
  readonly status: number;
  readonly code: string;
}

function issueOf(exchange: Exchange): { code?: unknown; details?: { text?: unknown } } | undefined {
  const issues = (exchange.json as { issue?: unknown } | undefined)?.issue;
  return Array.isArray(issues) ? (issues[0] as { code?: unknown; details?: { text?: unknown } }) : undefined;
}

/** What is wrong with one refusal; `warnings` do not fail the check. */
function problemsOf(exchange: Exchange, expected: ExpectedRefusal): { problems: string[]; warnings: string[] } {
  const label = exchange.label;
  if (exchange.status !== expected.status)
    return { problems: [`${label}: ожидался HTTP ${expected.status} (${expected.code}), пришёл ${outcomeOf(exchange)}`], warnings: [] };
  const violations = checkOperationOutcome(exchange.json);
  if (violations.length > 0) return { problems: violations.map((v) => `${label}: не OperationOutcome — ${v}`), warnings: [] };
  const issue = issueOf(exchange);
  if (issue?.code !== expected.code)
    return { problems: [`${label}: issue[0].code: ожидалось "${expected.code}", пришло ${JSON.stringify(issue?.code)}`], warnings: [] };
  const text = issue.details?.text;
  if (typeof text !== 'string' || !/[а-яё]/i.test(text))
    return { problems: [], warnings: [`${label}: issue[0].details.text: ожидалось объяснение по-русски, пришло ${JSON.stringify(text) ?? 'ничего'}`] };
  return { problems: [], warnings: [] };
}

export function refused(id: DiaryCheckId, exchanges: readonly Exchange[], expected: ExpectedRefusal): CheckResult {
  const found = exchanges.map((exchange) => ({ exchange, ...problemsOf(exchange, expected) }));
  const failing = found.filter((f) => f.problems.length > 0);
  if (failing.length > 0)
    return judged(id, {
      status: 'failed',
      summary: `Ожидался отказ HTTP ${expected.status} ${expected.code}, а ответы другие: ${failing.length} из ${exchanges.length}`,
      problems: failing.flatMap((f) => f.problems),
      exchanges: failing.map((f) => f.exchange),
    });
  const warned = found.filter((f) => f.warnings.length > 0);
  if (warned.length > 0)
    return judged(id, {
      status: 'warning',
      summary: `Отказ HTTP ${expected.status} ${expected.code}, но без объяснения для людей`,
      problems: warned.flatMap((f) => f.warnings),
      exchanges: warned.map((f) => f.exchange),
    });
  return judged(id, { status: 'pass', summary: `Отказ HTTP ${expected.status} ${expected.code} (${exchanges.length} из ${exchanges.length})`, exchanges });
}
