/**
 * ESIA's browser session: after a login, the browser holds a cookie that the sandbox's other
 * pages (the consent platform) accept as "this person is logged in through ESIA" — as the real
 * Госуслуги session is shared by its pages. The cookie names its sandbox and carries the oid and
 * an expiry, signed with the simulator's secret; it lives one hour on the sandbox's clock.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SESSION_SECONDS = 3600;

export class BrowserSessions {
  readonly cookieName: string;

  constructor(
    readonly secret: string,
    sandbox: string,
    readonly now: () => Date,
  ) {
    this.cookieName = `edusim_esia_${sandbox.replace(/[^a-z0-9]/gi, '_')}`;
  }

  #sign(payload: string): string {
    return createHmac('sha256', this.secret).update(`session:${payload}`).digest('base64url');
  }

  /** The `Set-Cookie` value that logs `oid` in for pages below `path`. */
  issue(oid: number, path: string): string {
    const payload = `${oid}.${Math.floor(this.now().getTime() / 1000) + SESSION_SECONDS}`;
    return `${this.cookieName}=${payload}.${this.#sign(payload)}; Path=${path}; HttpOnly; SameSite=Lax; Max-Age=${SESSION_SECONDS}`;
  }

  /** The `Set-Cookie` value that ends the session. */
  clear(path: string): string {
    return `${this.cookieName}=; Path=${path}; HttpOnly; SameSite=Lax; Max-Age=0`;
  }

  /** The logged-in oid from a `Cookie` header, or null (no cookie, forged, or expired). */
  read(cookieHeader: string | undefined): number | null {
    if (!cookieHeader) return null;
    const value = cookieHeader
      .split(';')
      .map((part) => part.trim())
      .find((part) => part.startsWith(`${this.cookieName}=`))
      ?.slice(this.cookieName.length + 1);
    const m = value ? /^(\d{1,12})\.(\d{1,12})\.([\w-]{43})$/.exec(value) : null;
    if (!m) return null;
    const expected = Buffer.from(this.#sign(`${m[1]}.${m[2]}`));
    const given = Buffer.from(m[3] ?? '');
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    if (Number(m[2]) * 1000 <= this.now().getTime()) return null;
    return Number(m[1]);
  }
}

/** The path a sandbox's pages live under, from ESIA's base URL (`…/sandboxes/x/esia` → `/sandboxes/x/`). */
export function sandboxPath(esiaBaseUrl: string): string {
  const path = new URL(esiaBaseUrl).pathname.replace(/\/esia\/?$/, '');
  return `${path}/`;
}
