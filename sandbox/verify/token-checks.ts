/**
 * The token endpoint (docs/diary-contract.md «POST {base}/token»): the right credentials get a
 * bearer token; a wrong secret, an unknown client and another grant type are refused with the
 * OAuth error the contract names.
 */
import type { DiaryCheckId } from './catalogue.ts';
import { judged, outcomeOf } from './judge.ts';
import type { Exchange } from './probe.ts';
import type { CheckResult } from './verdict.ts';

const field = (exchange: Exchange, name: string): unknown =>
  typeof exchange.json === 'object' && exchange.json !== null ? (exchange.json as Record<string, unknown>)[name] : undefined;

/** The access token an exchange gave, or null. */
export function tokenOf(exchange: Exchange): string | null {
  const token = field(exchange, 'access_token');
  return exchange.status === 200 && typeof token === 'string' && token.length > 0 ? token : null;
}

export function tokenIssued(exchange: Exchange): CheckResult {
  const problems: string[] = [];
  if (exchange.status !== 200) problems.push(`ожидался HTTP 200, пришёл ${outcomeOf(exchange)}`);
  else {
    if (tokenOf(exchange) === null) problems.push('access_token: ожидалась непустая строка');
    const type = field(exchange, 'token_type');
    if (typeof type !== 'string' || type.toLowerCase() !== 'bearer')
      problems.push(`token_type: ожидалось "Bearer", пришло ${JSON.stringify(type) ?? 'ничего'}`);
  }
  const expires = field(exchange, 'expires_in');
  if (problems.length > 0)
    return judged('token.issued', { status: 'failed', summary: 'Маркер не выдан по верным учётным данным', problems, exchanges: [exchange] });
  if (typeof expires !== 'number' || expires <= 0)
    return judged('token.issued', {
      status: 'warning',
      summary: 'Маркер выдан, но без срока жизни',
      problems: [`expires_in: ожидалось положительное число секунд, пришло ${JSON.stringify(expires) ?? 'ничего'}`],
      exchanges: [exchange],
    });
  return judged('token.issued', { status: 'pass', summary: `Маркер выдан (expires_in ${expires} с)`, exchanges: [exchange] });
}

/** A refusal the contract names: `status` with `{"error": error}`, and no token. */
export function tokenRefused(id: DiaryCheckId, exchange: Exchange, status: number, error: string): CheckResult {
  if (tokenOf(exchange) !== null)
    return judged(id, {
      status: 'failed',
      summary: 'Маркер выдан, хотя запрос должен быть отклонён',
      problems: [`ожидался HTTP ${status} {"error": "${error}"}, а пришёл HTTP 200 с access_token`],
      exchanges: [exchange],
    });
  const problems: string[] = [];
  if (exchange.status !== status) problems.push(`ожидался HTTP ${status}, пришёл ${outcomeOf(exchange)}`);
  if (field(exchange, 'error') !== error) problems.push(`error: ожидалось "${error}", пришло ${JSON.stringify(field(exchange, 'error')) ?? 'ничего'}`);
  if (problems.length === 0) return judged(id, { status: 'pass', summary: `Отклонено: HTTP ${status} ${error}`, exchanges: [exchange] });
  // Refused, but not in the contract's words: a consumer still gets no token.
  const refused = exchange.status !== null && exchange.status >= 400 && exchange.status < 500;
  return judged(id, {
    status: refused ? 'warning' : 'failed',
    summary: refused ? 'Отклонено, но не так, как требует контракт' : 'Запрос не отклонён как положено',
    problems,
    exchanges: [exchange],
  });
}
