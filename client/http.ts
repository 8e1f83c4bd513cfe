/** One request to edusim with `fetch`, its answer parsed, a refusal turned into a typed error. */
import {
  EdusimBadRequestError,
  EdusimConflictError,
  EdusimError,
  EdusimForbiddenError,
  EdusimNetworkError,
  EdusimNotFoundError,
  EdusimUnauthorizedError,
  type EdusimErrorDetails,
} from './errors.ts';

export type Fetch = (input: string, init: RequestInit) => Promise<Response>;

export interface Call {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Below the base URL: `/_edusim/sandboxes`. */
  readonly path: string;
  readonly query?: Readonly<Record<string, string | number | boolean | undefined>>;
  /** Sent as JSON. */
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string | undefined>>;
  /** Hand back a 4xx or 5xx answer instead of throwing (GraphQL reads its `errors` itself). */
  readonly acceptErrors?: boolean;
}

export interface Answer {
  /** `POST http://…/graphql`, for messages. */
  readonly request: string;
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  /** The body parsed as JSON (undefined when it is empty or not JSON). */
  readonly json: unknown;
}

export class Transport {
  readonly #fetch: Fetch;
  constructor(
    readonly baseUrl: string,
    fetchImpl: Fetch | undefined,
    readonly headers: Readonly<Record<string, string>>,
  ) {
    // Looked up on each call without a fetch of its own, so msw and other interceptors patching the global apply.
    this.#fetch = fetchImpl ?? ((input, init) => globalThis.fetch(input, init));
  }

  url(path: string, query?: Call['query']): string {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query ?? {})) if (value !== undefined) params.set(key, String(value));
    const search = params.toString();
    return `${this.baseUrl}${path}${search ? `?${search}` : ''}`;
  }

  /** Sends the call; no answer throws `EdusimNetworkError`, any answer but 2xx a typed `EdusimError` (see `errorOf`) unless `acceptErrors`. */
  async send(call: Call): Promise<Answer> {
    const url = this.url(call.path, call.query);
    const request = `${call.method} ${url}`;
    const headers: Record<string, string> = { accept: 'application/json', ...this.headers };
    for (const [name, value] of Object.entries(call.headers ?? {})) if (value !== undefined) headers[name] = value;
    if (call.body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await this.#fetch(url, { method: call.method, headers, ...(call.body !== undefined ? { body: JSON.stringify(call.body) } : {}) });
    } catch (cause) {
      throw new EdusimNetworkError({ status: 0, code: 'network', message: `${request}: no answer (${describeCause(cause)})`, request, cause });
    }
    // A `Response.error()` (what an in-process handler answers for a dropped connection) is no answer either.
    if (response.type === 'error' || response.status === 0)
      throw new EdusimNetworkError({ status: 0, code: 'network', message: `${request}: the connection was dropped`, request });
    const text = await response.text();
    const answer: Answer = { request, status: response.status, headers: response.headers, text, json: parseJson(text) };
    if (!response.ok && call.acceptErrors !== true) throw errorOf(answer, request);
    return answer;
  }
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function describeCause(cause: unknown): string {
  const error = cause as { message?: string; cause?: { code?: string; message?: string } } | undefined;
  return [error?.message, error?.cause?.code ?? error?.cause?.message].filter(Boolean).join(': ') || String(cause);
}

const ESIA_CODE = /^(ESIA-\d{6}):/;

/** edusim's code and message in any of its error formats: admin, ESIA, consent, GraphQL. */
export function problemOf(status: number, body: unknown, text: string): { code: string; message: string } {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const errors = Array.isArray(b['errors']) ? (b['errors'] as { message?: unknown; extensions?: { code?: unknown } }[]) : null;
  if (errors && errors.length > 0) {
    const first = errors[0];
    return {
      code: typeof first?.extensions?.code === 'string' ? first.extensions.code : `http_${status}`,
      message: String(first?.message ?? `HTTP ${status}`),
    };
  }
  const description = typeof b['error_description'] === 'string' ? b['error_description'] : undefined;
  if (description !== undefined) return { code: ESIA_CODE.exec(description)?.[1] ?? String(b['error'] ?? `http_${status}`), message: description };
  const message = typeof b['message'] === 'string' ? b['message'] : text.trim().slice(0, 500) || `HTTP ${status}`;
  return { code: typeof b['error'] === 'string' ? b['error'] : `http_${status}`, message };
}

export function errorOf(answer: Answer, request: string): EdusimError {
  const { code, message } = problemOf(answer.status, answer.json, answer.text);
  const details: EdusimErrorDetails = { status: answer.status, code, message, request, body: answer.json ?? answer.text };
  switch (answer.status) {
    case 400:
    case 413:
    case 415:
      return new EdusimBadRequestError(details);
    case 401:
      return new EdusimUnauthorizedError(details);
    case 403:
      return new EdusimForbiddenError(details);
    case 404:
      return new EdusimNotFoundError(details);
    case 409:
    case 412:
      return new EdusimConflictError(details);
    default:
      return new EdusimError(details);
  }
}
