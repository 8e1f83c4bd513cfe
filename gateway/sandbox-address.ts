/**
 * How a request names its sandbox: the `X-Edusim-Sandbox` header, or the path prefix
 * `/sandboxes/<id>/…` in front of any served path (for clients that cannot set headers: an ESIA
 * client, a browser, a diary callback). Neither → the default sandbox.
 */
export const SANDBOX_HEADER = 'x-edusim-sandbox';
export const DEFAULT_SANDBOX = 'default';

/** Sandbox ids: what `POST /_edusim/sandboxes` makes or accepts. */
export const SANDBOX_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;

export interface SandboxAddress {
  /** The sandbox the request names (or the default). */
  readonly id: string;
  /** `/sandboxes/<id>` when the request came in with the path prefix, else ''. */
  readonly prefix: string;
  /** The URL with the prefix taken off (what the routes match). */
  readonly url: string;
}

const PREFIX = /^\/sandboxes\/([^/?#]*)(?=[/?#]|$)/;

/** Reads the sandbox from a raw URL (the prefix wins) and a header value. */
export function sandboxAddress(url: string, header: string | string[] | undefined): SandboxAddress {
  const m = PREFIX.exec(url);
  if (m) {
    const rest = url.slice(m[0].length);
    return { id: decodeOrKeep(m[1] ?? ''), prefix: m[0], url: rest.startsWith('/') ? rest : `/${rest}` };
  }
  const named = (Array.isArray(header) ? header[0] : header)?.trim();
  return { id: named ? named : DEFAULT_SANDBOX, prefix: '', url };
}

/** A path segment decoded; a malformed escape (`%ZZ`) is kept as it came (no such sandbox, then). */
export function decodeOrKeep(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
