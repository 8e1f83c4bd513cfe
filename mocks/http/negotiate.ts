/**
 * Content negotiation by the request's `Accept` header, quality values included (RFC 9110 §12.5.1):
 * `text/html;q=0.1, application/json` prefers JSON. Which of the offered types the client prefers,
 * or the first offered when it names none of them (no header means "anything").
 */
import Negotiator from 'negotiator';

export function preferredType<T extends string>(accept: string | undefined, offered: readonly [T, ...T[]]): T {
  const [best] = new Negotiator({ headers: { accept: accept ?? '*/*' } }).mediaTypes([...offered]) as T[];
  return best ?? offered[0];
}

/** Whether a browser-like client prefers an HTML page to JSON. */
export function prefersHtml(accept: string | undefined): boolean {
  return accept !== undefined && preferredType(accept, ['application/json', 'text/html']) === 'text/html';
}
