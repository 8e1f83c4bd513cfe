/**
 * The transport-neutral request and response every simulator core speaks. Fastify routes and
 * msw handlers only translate to and from these, so both transports run the same logic.
 */
export interface SimRequest {
  readonly method: string;
  /** Path below the simulator's mount point, e.g. `/aas/oauth2/v2/ac`. */
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: Readonly<Record<string, string>>;
  /** Raw body text, or undefined when there is none. */
  readonly body: string | undefined;
  /** The absolute base URL the simulator is mounted at (for links in payloads and pages). */
  readonly baseUrl: string;
}

export interface SimResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
  /** Set when the call must get no answer: the transport drops the connection (an injected fault). */
  readonly drop?: 'reset' | 'timeout';
}

/** Answered instead of a dropped connection where there is no socket to drop (Fastify's `inject`, which the msw handlers use). */
export const DROPPED_HEADER = 'x-edusim-dropped';

export const MAX_BODY_BYTES = 64 * 1024;

export function json(status: number, value: unknown, headers: Record<string, string> = {}): SimResponse {
  return { status, headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers }, body: JSON.stringify(value) };
}

export function html(status: number, page: string): SimResponse {
  return { status, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }, body: page };
}

export function redirect(location: string): SimResponse {
  return { status: 302, headers: { location, 'cache-control': 'no-store' }, body: '' };
}

export type SimHandler = (request: SimRequest) => Promise<SimResponse> | SimResponse;

/** Reads `application/x-www-form-urlencoded` (or query-string-shaped) body into params. */
export function formParams(request: SimRequest): URLSearchParams {
  return new URLSearchParams(request.body ?? '');
}

/** How deep JSON may nest in a request body: deeper documents are refused before they are parsed. */
export const MAX_JSON_DEPTH = 64;

/**
 * Whether a JSON text nests deeper than `max` arrays and objects — a scan of the text, without
 * parsing it (a 5 000-deep document would overflow the stack of whatever walks it afterwards).
 */
export function jsonTooDeep(text: string, max = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}
