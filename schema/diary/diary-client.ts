/**
 * «Моя школа»'s side of the federal diary contract: client-credentials token, then
 * `GET {regionBaseUrl}/Schedule/{oid}`, with a timeout and a contract check. Every failure
 * becomes DIARY_UNAVAILABLE or DIARY_CONTRACT_VIOLATION naming the region and what was wrong.
 */
import { checkOperationOutcome, checkSchedule, type Schedule } from '../../mocks/index.ts';

/** OperationOutcome issue codes (FHIR IssueType) as a Russian reader is told them; the code itself stays in the trace. */
const ISSUE_RU: Readonly<Record<string, string>> = {
  transient: 'временный сбой',
  security: 'отказ в доступе',
  'not-found': 'не найдено',
  value: 'неверное значение',
  required: 'не хватает параметра',
  'too-costly': 'слишком длинный период',
  'not-supported': 'запрос не поддерживается',
  exception: 'внутренняя ошибка',
  invalid_client: 'неверные учётные данные клиента',
  invalid_grant: 'отказ в выдаче маркера',
  unsupported_grant_type: 'способ получения маркера не поддерживается',
};

function issueRu(code: string | undefined): string {
  return (code && ISSUE_RU[code]) ?? 'ошибка без описания';
}

/** The diary's token endpoint said no: its status and its code (OAuth `error` or an OperationOutcome issue). */
class TokenRefused extends Error {
  constructor(
    readonly status: number,
    readonly said: string | undefined,
  ) {
    super(`token request answered HTTP ${status}${said ? ` (${said})` : ''}`);
  }
}

/** Why a request got no answer, in Russian, with the system's code for whoever reads the logs. */
function networkFailureRu(error: unknown): string {
  const cause = (error as { cause?: { code?: string } }).cause;
  const code = cause?.code ?? (error as { code?: string }).code;
  const said: Readonly<Record<string, string>> = {
    ECONNREFUSED: 'соединение отклонено',
    ENOTFOUND: 'адрес не найден',
    EAI_AGAIN: 'адрес не найден',
    ECONNRESET: 'соединение оборвано',
    UND_ERR_SOCKET: 'соединение оборвано',
    ETIMEDOUT: 'соединение не установлено вовремя',
  };
  return code ? `${said[code] ?? 'сетевая ошибка'} (${code})` : 'сетевая ошибка, ответа нет';
}

/** The HTTP exchange the contract needs, nothing more: method, URL, headers, body → status, text. */
export interface HttpExchange {
  (request: {
    method: 'GET' | 'POST';
    url: string;
    headers: Record<string, string>;
    body?: string;
    signal: AbortSignal;
  }): Promise<{ status: number; text: string; /** A fault the sandbox injected into this call, described. */ fault?: string }>;
}

/** The network transport (a vendor's real diary). */
export const networkExchange: HttpExchange = async ({ method, url, headers, body, signal }) => {
  const response = await fetch(url, { method, headers, ...(body !== undefined ? { body } : {}), signal });
  return { status: response.status, text: await response.text() };
};

export interface DiaryEndpoint {
  readonly baseUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  /** How requests travel: the network for a vendor's diary, in-process for edusim's own (same contract, no socket). */
  readonly exchange: HttpExchange;
  readonly vendor: boolean;
  /** Sent with every request (split mode names the sandbox to edusim's diary service this way). */
  readonly headers?: Readonly<Record<string, string>>;
}

export type DiaryResult =
  | { readonly ok: true; readonly schedule: Schedule; readonly url: string; readonly status: number; readonly latencyMs: number; readonly fault?: string }
  | {
      readonly ok: false;
      readonly code: 'DIARY_UNAVAILABLE' | 'DIARY_CONTRACT_VIOLATION';
      readonly message: string;
      readonly url: string;
      readonly status: number | null;
      readonly latencyMs: number;
      readonly violations: readonly string[];
      /** Faults the sandbox injected into the calls, described. */
      readonly fault?: string;
    };

export interface DiaryClient {
  /** `baseUrl`: the sandbox's base URL as the request came in (edusim's own diaries live below it). */
  endpoint(region: string, baseUrl: string): DiaryEndpoint;
  /** `traceId`: the gateway request's, sent in `X-Edusim-Trace-Id` so the host files the call under it (it never leaves edusim). */
  schedule(region: string, oid: number, range: { start: string; end: string }, baseUrl: string, traceId?: string): Promise<DiaryResult>;
}

export const DEFAULT_TIMEOUT_MS = 3000;

/** Carries the gateway request's trace id to the host's diary exchange (which takes it off before any vendor sees it). */
export const TRACE_ID_HEADER = 'x-edusim-trace-id';

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** `now`: the sandbox's clock, which the diaries' token lifetimes follow too. */
export function createDiaryClient(
  endpointOf: (region: string, baseUrl: string) => DiaryEndpoint,
  timeoutMs = DEFAULT_TIMEOUT_MS,
  now: () => Date = () => new Date(),
): DiaryClient {
  const tokens = new Map<string, { token: string; expiresAt: number }>();

  async function token(region: string, endpoint: DiaryEndpoint, signal: AbortSignal, faults: string[], traceId?: string): Promise<string> {
    const cached = tokens.get(region);
    if (cached && cached.expiresAt > now().getTime() + 5000) return cached.token;
    const response = await endpoint.exchange({
      method: 'POST',
      url: `${endpoint.baseUrl}/token`,
      headers: { ...endpoint.headers, ...(traceId ? { [TRACE_ID_HEADER]: traceId } : {}), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: endpoint.clientId, client_secret: endpoint.clientSecret }).toString(),
      signal,
    });
    if (response.fault) faults.push(response.fault);
    const body = parseJson(response.text) as { access_token?: unknown; expires_in?: unknown; error?: unknown; issue?: { code?: unknown }[] } | null;
    if (response.status !== 200 || typeof body?.access_token !== 'string') {
      // An OAuth error (`invalid_client`) or, from a diary that is down, an OperationOutcome.
      const said = body?.error ?? body?.issue?.[0]?.code;
      throw new TokenRefused(response.status, typeof said === 'string' ? said : undefined);
    }
    const seconds = typeof body.expires_in === 'number' ? body.expires_in : 300;
    tokens.set(region, { token: body.access_token, expiresAt: now().getTime() + seconds * 1000 });
    return body.access_token;
  }

  return {
    endpoint: endpointOf,
    async schedule(region, oid, range, baseUrl, traceId) {
      const faults: string[] = [];
      const result = await attempt(region, oid, range, baseUrl, faults, traceId);
      return faults.length > 0 ? { ...result, fault: faults.join('; ') } : result;
    },
  };

  async function attempt(
    region: string,
    oid: number,
    range: { start: string; end: string },
    baseUrl: string,
    faults: string[],
    traceId?: string,
  ): Promise<DiaryResult> {
    const endpoint = endpointOf(region, baseUrl);
    const url = `${endpoint.baseUrl}/Schedule/${oid}?start=${range.start}&end=${range.end}`;
    const started = performance.now();
    const elapsed = () => Math.round(performance.now() - started);
    const signal = AbortSignal.timeout(timeoutMs);
    let status: number | null = null;
    try {
      const ask = async () => {
        const answer = await endpoint.exchange({
          method: 'GET',
          url,
          headers: {
            ...endpoint.headers,
            ...(traceId ? { [TRACE_ID_HEADER]: traceId } : {}),
            authorization: `Bearer ${await token(region, endpoint, signal, faults, traceId)}`,
            accept: 'application/json',
          },
          signal,
        });
        if (answer.fault) faults.push(answer.fault);
        return answer;
      };
      let response = await ask();
      // The diary may have forgotten the token (restarted, reset, over its cap): get a new one, once.
      if (response.status === 401) {
        tokens.delete(region);
        response = await ask();
      }
      status = response.status;
      const text = response.text;
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        return {
          ok: false,
          code: 'DIARY_CONTRACT_VIOLATION',
          message: `дневник региона ${region} ответил не JSON (HTTP ${status})`,
          url,
          status,
          latencyMs: elapsed(),
          violations: ['$: not JSON'],
        };
      }
      if (status < 200 || status > 299) {
        const outcomeProblems = checkOperationOutcome(body);
        if (outcomeProblems.length > 0) {
          return {
            ok: false,
            code: 'DIARY_CONTRACT_VIOLATION',
            message: `дневник региона ${region} ответил HTTP ${status} без OperationOutcome`,
            url,
            status,
            latencyMs: elapsed(),
            violations: outcomeProblems,
          };
        }
        const issue = (body as { issue: { code: string; details?: { text?: string } }[] }).issue[0];
        return {
          ok: false,
          code: 'DIARY_UNAVAILABLE',
          message: `дневник региона ${region} ответил ошибкой (HTTP ${status}, ${issueRu(issue?.code)})${issue?.details?.text ? `: ${issue.details.text}` : ''}`,
          url,
          status,
          latencyMs: elapsed(),
          violations: [],
        };
      }
      const violations = checkSchedule(body);
      if (violations.length > 0) {
        return {
          ok: false,
          code: 'DIARY_CONTRACT_VIOLATION',
          message: `ответ дневника региона ${region} не соответствует федеральному контракту: ${violations.slice(0, 3).join('; ')}`,
          url,
          status,
          latencyMs: elapsed(),
          violations,
        };
      }
      return { ok: true, schedule: body as Schedule, url, status, latencyMs: elapsed() };
    } catch (error) {
      const injected = (error as { fault?: unknown }).fault;
      if (typeof injected === 'string') faults.push(injected);
      const timedOut = signal.aborted;
      const reason = timedOut
        ? `не ответил за ${timeoutMs} мс`
        : error instanceof TokenRefused
          ? `ответил ошибкой (HTTP ${error.status}, ${issueRu(error.said)}) на запрос маркера доступа`
          : `недоступен: ${networkFailureRu(error)}`;
      return {
        ok: false,
        code: 'DIARY_UNAVAILABLE',
        message: `дневник региона ${region} ${reason}`,
        url,
        status: (error as { status?: number }).status ?? status,
        latencyMs: elapsed(),
        violations: [],
      };
    }
  }
}
