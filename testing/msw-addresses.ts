/**
 * Where the msw handlers answer, and how those public addresses map onto the host's own paths.
 *
 * The host is one Fastify app whose systems sit under mounts (`/esia`, `/consent`, `/diary/36`,
 * `/graphql`, `/_edusim`), with an optional `/sandboxes/<id>` prefix in front. Requests reach it
 * with the Host header of an *internal origin* (`http://` + the base URL's host), so every link it
 * writes starts with that origin. A *base* is a public URL the handlers intercept: the base URL
 * (mount ``, the whole host) and each system given its own URL in `origins` (e.g. ESIA at
 * `https://esia-portal1.test.gosuslugi.ru`). Inbound, a base's path is swapped for its mount;
 * outbound, links to the internal origin are swapped back for the base that owns the mount.
 */

/** A system's own public URL (an origin, optionally with a path): the app under test keeps its configuration. */
export interface EdusimOrigins {
  /** ESIA (the host's `/esia`), e.g. `https://esia-portal1.test.gosuslugi.ru`. */
  readonly esia?: string;
  /** The consent platform (`/consent`). */
  readonly consent?: string;
  /** The «Моя школа» GraphQL endpoint (`/graphql`; the reference engine answers below it at `…/reference`). */
  readonly gateway?: string;
  /** The admin API (`/_edusim`). */
  readonly admin?: string;
  /** Region code → that region's diary on the federal contract (`/diary/{region}`). */
  readonly diary?: Readonly<Record<string, string>>;
}

interface Base {
  /** Public URL without a trailing slash. */
  readonly url: string;
  readonly origin: string;
  /** Its path (`` for an origin). */
  readonly path: string;
  /** The host's path it stands for (`` for the whole host). */
  readonly mount: string;
}

const SANDBOX_PREFIX = /^\/sandboxes\/[^/?#]+/;
const escapeRe = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** Checks and normalises a public URL: http(s), no query, fragment or credentials; no trailing slash. */
function publicBase(what: string, value: unknown): URL {
  const url = typeof value === 'string' ? URL.parse(value) : null;
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.search || url.hash || url.username || url.password)
    throw new TypeError(`edusim/msw: ${what} ${JSON.stringify(value)} is not valid: expected an http(s) URL without query, fragment or credentials`);
  return url;
}

export class AddressBook {
  /** The Host header requests reach the app with. */
  readonly internalHost: string;
  readonly internalOrigin: string;
  /** The base URL: the whole host. */
  readonly canonical: Base;
  /** Every base the handlers answer on, longest URL first (the most specific wins). */
  readonly bases: readonly Base[];
  /** The systems with their own URL, longest mount first. */
  readonly #aliases: readonly Base[];
  /** Whether links the app writes are already public (no `origins`, an `http:` base URL at the root). */
  readonly identity: boolean;
  readonly #links: RegExp;

  constructor(baseUrl: string, origins: EdusimOrigins, hasRegion: (code: string) => boolean, regionCodes: readonly string[]) {
    const base = publicBase('baseUrl', baseUrl);
    this.internalHost = base.host;
    this.internalOrigin = `http://${base.host}`;
    const make = (url: URL, mount: string): Base => {
      const path = url.pathname.replace(/\/+$/, '');
      return { url: `${url.origin}${path}`, origin: url.origin, path, mount };
    };
    this.canonical = make(base, '');
    const aliases: Base[] = [];
    const alias = (what: string, value: string | undefined, mount: string) => {
      if (value !== undefined) aliases.push(make(publicBase(what, value), mount));
    };
    alias('origins.esia', origins.esia, '/esia');
    alias('origins.consent', origins.consent, '/consent');
    alias('origins.gateway', origins.gateway, '/graphql');
    alias('origins.admin', origins.admin, '/_edusim');
    for (const [region, url] of Object.entries(origins.diary ?? {})) {
      if (!hasRegion(region))
        throw new TypeError(
          `edusim/msw: origins.diary[${JSON.stringify(region)}]: region ${region} is not in this world; its regions: ${regionCodes.slice(0, 10).join(', ')}`,
        );
      alias(`origins.diary[${JSON.stringify(region)}]`, url, `/diary/${region}`);
    }
    const bases = [this.canonical, ...aliases];
    if (this.canonical.url !== this.internalOrigin) bases.push(make(new URL(this.internalOrigin), ''));
    const seen = new Map<string, Base>();
    for (const b of bases) {
      const other = seen.get(b.url);
      if (other && other.mount !== b.mount)
        throw new TypeError(`edusim/msw: ${b.url} is given for both ${other.mount || 'baseUrl'} and ${b.mount || 'baseUrl'}; give each system its own URL`);
      seen.set(b.url, b);
    }
    this.bases = [...seen.values()].sort((a, b) => b.url.length - a.url.length);
    this.#aliases = aliases.sort((a, b) => b.mount.length - a.mount.length);
    this.identity = aliases.length === 0 && this.canonical.url === this.internalOrigin;
    // An absolute link to the internal origin and its path (query and fragment stay as they are).
    this.#links = new RegExp(`${escapeRe(this.internalOrigin)}(?![\\w.:-])([\\w\\-.~%!$*+,;=:@/]*)`, 'g');
  }

  /** For msw: one pattern per base (msw matches it against the URL without query and fragment). */
  patterns(): RegExp[] {
    return this.bases.map((b) => new RegExp(`^${escapeRe(b.url)}(?:/.*)?$`));
  }

  /** The base an intercepted URL came in through, and the host's path (with query) to serve it. */
  inbound(url: URL): { base: Base; path: string } | null {
    const base = this.bases.find((b) => url.origin === b.origin && (url.pathname === b.path || url.pathname.startsWith(`${b.path}/`)));
    if (!base) return null;
    const rest = url.pathname.slice(base.path.length);
    if (base.mount === '') return { base, path: `${rest || '/'}${url.search}` };
    const prefix = SANDBOX_PREFIX.exec(rest)?.[0] ?? '';
    return { base, path: `${prefix}${base.mount}${rest.slice(prefix.length)}${url.search}` };
  }

  /** The public URL of one of the host's paths (`/esia/login`, `/sandboxes/x/graphql`, `/diary/36/token?…`). */
  publicUrl(path: string): string {
    const prefix = SANDBOX_PREFIX.exec(path)?.[0] ?? '';
    const rest = path.slice(prefix.length);
    const alias = this.#aliases.find((a) => rest === a.mount || (rest.startsWith(a.mount) && '/?#'.includes(rest.charAt(a.mount.length))));
    return alias ? `${alias.url}${prefix}${rest.slice(alias.mount.length)}` : `${this.canonical.url}${path}`;
  }

  /** A text the app wrote (JSON, HTML, a header) with its absolute links made public. */
  rewrite(text: string): string {
    if (this.identity || !text.includes(this.internalOrigin)) return text;
    return text.replace(this.#links, (_, path: string) => (path === '' ? this.canonical.url : this.publicUrl(path)));
  }

  /** A `Location` header: absolute links as in bodies; a path on the host becomes the public URL of that path. */
  rewriteLocation(value: string): string {
    if (this.identity) return value;
    return value.startsWith('/') && !value.startsWith('//') ? this.publicUrl(value) : this.rewrite(value);
  }

  /**
   * A `Set-Cookie` header: its `Path` (a path on the host) becomes the matching path under the base
   * the request came in through — or that base's root (with the sandbox prefix) when the path lies
   * outside it, as ESIA's session cookie (`Path=/`) does for an ESIA of its own origin.
   */
  rewriteSetCookie(value: string, base: Base): string {
    if (this.identity) return value;
    return value.replace(/(;\s*Path=)([^;]*)/i, (_, head: string, path: string) => {
      const url = new URL(this.publicUrl(path));
      const mapped = url.origin === base.origin && (url.pathname === base.path || url.pathname.startsWith(`${base.path}/`)) ? url.pathname : null;
      return `${head}${mapped ?? `${base.path}${SANDBOX_PREFIX.exec(path)?.[0] ?? ''}/`}`;
    });
  }
}
