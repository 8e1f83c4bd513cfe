/**
 * Evidence as a report shows it: the request and the answer with secrets and personal data
 * masked — the form's secrets as the journal masks a query (`client_secret=***`), the bearer or
 * Basic credentials, tokens in answers, and people's names (`Иванова А. С.` → `И*** А*** С***`).
 */
import { maskQuery } from '../journal/journal.ts';
import type { Exchange } from './probe.ts';
import type { Evidence } from './verdict.ts';

const MAX_BODY = 1200;
/** Keys whose string values are a person's name or a secret, wherever they appear in an answer. */
const MASKED_KEYS = new Set(['name', 'fullName', 'lastName', 'firstName', 'middleName', 'snils', 'access_token', 'refresh_token', 'id_token']);

function maskName(text: string): string {
  return text
    .split(/\s+/)
    .filter((word) => word.length > 0)
    .map((word) => `${word.slice(0, 1)}***`)
    .join(' ');
}

function maskValue(key: string, value: unknown): unknown {
  if (typeof value === 'string' && MASKED_KEYS.has(key)) return key.endsWith('token') ? `${value.slice(0, 4)}***` : maskName(value);
  if (Array.isArray(value)) return value.map((item) => maskValue('', item));
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskValue(k, v)]));
  return value;
}

function cut(text: string): string {
  return text.length > MAX_BODY ? `${text.slice(0, MAX_BODY)}… (${text.length} символов)` : text;
}

/** The request line with the credentials masked: `POST url` + the form body, `GET url` + `Authorization: Bearer ***`. */
export function maskedRequest(exchange: Pick<Exchange, 'method' | 'url' | 'headers' | 'body'>): string {
  const authorization = Object.entries(exchange.headers).find(([k]) => k.toLowerCase() === 'authorization')?.[1];
  const lines = [`${exchange.method} ${exchange.url}`];
  if (authorization !== undefined) lines.push(`Authorization: ${authorization.split(' ')[0] ?? ''} ***`);
  if (exchange.body !== undefined) lines.push(maskQuery(exchange.body));
  return lines.join('\n');
}

export function maskedResponse(exchange: Pick<Exchange, 'text' | 'json' | 'error'>): string {
  if (exchange.error !== undefined) return exchange.error;
  if (exchange.json !== undefined) return cut(JSON.stringify(maskValue('', exchange.json)));
  return cut(exchange.text);
}

export function evidenceOf(exchange: Exchange): Evidence {
  return {
    label: exchange.label,
    request: maskedRequest(exchange),
    status: exchange.status,
    response: maskedResponse(exchange),
    latencyMs: exchange.latencyMs,
  };
}
