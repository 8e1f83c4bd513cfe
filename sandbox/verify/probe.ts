/**
 * How the kit speaks to a diary: one request at a time through a transport (the network for a
 * vendor's diary, in-process for the fast tests), with a timeout, recorded as an `Exchange` the
 * checks judge afterwards. Nothing is thrown: a refused connection or a timeout is an exchange
 * with no status.
 */
import type { HttpExchange } from '../../schema/index.ts';
import type { SimHandler } from '../../mocks/index.ts';

export interface Exchange {
  readonly label: string;
  readonly method: 'GET' | 'POST';
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  /** null: no answer (connection refused or reset, timeout). */
  readonly status: number | null;
  readonly text: string;
  /** The parsed body; undefined when it is not JSON. */
  readonly json: unknown;
  /** Why no answer came. */
  readonly error?: string;
  readonly latencyMs: number;
}

export interface ProbeRequest {
  readonly label: string;
  readonly method: 'GET' | 'POST';
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export class Probe {
  constructor(
    readonly transport: HttpExchange,
    readonly timeoutMs: number,
  ) {}

  async send(request: ProbeRequest): Promise<Exchange> {
    const headers = { ...request.headers };
    const started = performance.now();
    const base = { label: request.label, method: request.method, url: request.url, headers, ...(request.body !== undefined ? { body: request.body } : {}) };
    try {
      const response = await this.transport({
        method: request.method,
        url: request.url,
        headers,
        ...(request.body !== undefined ? { body: request.body } : {}),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      return { ...base, status: response.status, text: response.text, json: parseJson(response.text), latencyMs: Math.round(performance.now() - started) };
    } catch (error) {
      const name = (error as Error).name;
      const why =
        name === 'TimeoutError' || name === 'AbortError' ? `нет ответа за ${this.timeoutMs} мс` : `соединение не удалось: ${(error as Error).message}`;
      return { ...base, status: null, text: '', json: undefined, error: why, latencyMs: Math.round(performance.now() - started) };
    }
  }
}

/** A simulator core as a transport, without a socket: the URL's path below `baseUrl` is the core's path. */
export function inProcessTransport(baseUrl: string, handler: SimHandler): HttpExchange {
  return async ({ method, url, headers, body, signal }) => {
    const parsed = new URL(url);
    const aborted = new Promise<never>((_resolve, reject) => {
      if (signal.aborted) reject(signal.reason);
      signal.addEventListener('abort', () => reject(signal.reason), { once: true });
    });
    const response = await Promise.race([
      handler({
        method,
        path: parsed.pathname.slice(new URL(baseUrl).pathname.replace(/\/$/, '').length) || '/',
        query: parsed.searchParams,
        headers: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v])),
        body,
        baseUrl,
      }),
      aborted,
    ]);
    return { status: response.status, text: response.body };
  };
}
