/**
 * `edusim/msw` — the whole edusim host as msw request handlers: ESIA, the consent platform, every
 * region's diary, the admin API and the «Моя школа» GraphQL gateway, served in-process by the same
 * Fastify app `edusim start` runs, without a socket. Each intercepted request is handed to the app
 * with `inject()` and its answer handed back as it is (status, headers — every `Set-Cookie` —
 * body; redirects are not followed). See docs/msw.md.
 */
import { http, HttpResponse, type RequestHandler } from 'msw';
import { createApp, type App, type AppOptions, type SandboxSpecInput } from '../sandbox/index.ts';
import { createWorld, DEFAULT_DATE, type Scale } from '../seeds/index.ts';
import { AddressBook, type EdusimOrigins } from './msw-addresses.ts';

export type { EdusimOrigins };

export interface EdusimMswOptions {
  /** The world (as `edusim start --seed --scale --region --date`): seed 42, `demo`, region 36, 2026-11-23. */
  readonly seed?: number;
  readonly scale?: Scale;
  readonly region?: string;
  /**
   * The world's "today". The default sandbox's clock starts on this date (at the machine's time of
   * day, Moscow) and runs, so seeded answers do not depend on the day the tests run; `clock` pins it.
   */
  readonly date?: string;
  /** The default sandbox's clock: `{ at, frozen }`. */
  readonly clock?: AppOptions['clock'];
  /** ESIA's profile in the default sandbox: `lenient` (default) or `strict` (client signatures checked). */
  readonly profile?: AppOptions['profile'];
  /** Client systems registered with the default sandbox's ESIA, besides the demo client `EDUSIM`. */
  readonly clients?: AppOptions['clients'];
  /** Region → a vendor's diary URL: the gateway calls it with `fetch` (so your own msw handlers can answer it). */
  readonly vendorDiaries?: Readonly<Record<string, string>>;
  readonly diaryTimeoutMs?: number;
  /** As `edusim start --admin-token`: the control surface then needs it (the helpers below send it). */
  readonly adminToken?: string;
  readonly maxSandboxes?: number;
  /** Where the whole host answers (default `http://edusim.test`): `${baseUrl}/esia`, `/graphql`, `/diary/36`, … */
  readonly baseUrl?: string;
  /** Systems at URLs of their own, so an app configured with realistic URLs runs unchanged. */
  readonly origins?: EdusimOrigins;
}

/** ESIA's token response (`POST /aas/oauth2/v3/te`, or the headless `login` below). */
export interface EdusimTokens {
  readonly access_token: string;
  readonly id_token?: string;
  readonly refresh_token?: string;
  readonly token_type: 'Bearer';
  readonly expires_in: number;
  readonly state: string | null;
}

export interface EdusimLogin {
  /** A persona handle (`edusim personas`), or… */
  readonly persona?: string;
  /** …an ESIA oid. */
  readonly oid?: number;
  /** Also record the data-transfer consent to «Моя школа» (by the person, or a parent for a child under 14). */
  readonly consent?: boolean;
  /** As in `edusim/client`'s login: a list or a space-separated string. Default `openid fullname birthdate gender snils`. */
  readonly scopes?: readonly string[] | string;
  /** @deprecated Use `scopes`, as `edusim/client` does. */
  readonly scope?: string;
  /** Default the demo client `EDUSIM`. */
  readonly clientId?: string;
  /** Also issue a refresh token. */
  readonly offline?: boolean;
  /** Default: the default sandbox. */
  readonly sandbox?: string;
}

const DEFAULT_SCOPE = 'openid fullname birthdate gender snils';

function scopeOf(input: EdusimLogin): string {
  if (input.scopes !== undefined) return typeof input.scopes === 'string' ? input.scopes : input.scopes.join(' ');
  return input.scope ?? DEFAULT_SCOPE;
}

/** A sandbox as `POST /_edusim/sandboxes` answers it (its links made public). */
export interface EdusimSandbox {
  readonly id: string;
  readonly urls: { readonly base: string; readonly graphql: string; readonly esia: string; readonly header: { readonly 'X-Edusim-Sandbox': string } };
  /** Opens this sandbox's own controls when an admin token is set. */
  readonly secret: string;
  readonly [field: string]: unknown;
}

export interface EdusimMsw {
  /** `setupServer(...edusim.handlers)`; they match only the URLs above (one pattern per base). */
  readonly handlers: RequestHandler[];
  readonly baseUrl: string;
  /** The public URL of a path on the host, optionally in a sandbox: `url('/esia')`, `url('/graphql', 'qa-1')`. */
  url(path: string, sandbox?: string): string;
  /** What the handlers do, without msw: a `Request` for one of the URLs above in, its `Response` out. */
  handle(request: Request): Promise<Response>;
  /** Tokens for a persona in one call (ESIA's headless `POST /sim/login`). */
  login(input: EdusimLogin): Promise<EdusimTokens>;
  /** `POST /_edusim/sandboxes` (every field optional: `seed`, `scale`, `date`, `scenarios`, `clock`, …). */
  createSandbox(spec?: SandboxSpecInput): Promise<EdusimSandbox>;
  /** Back to how a sandbox was created (default: the default sandbox). */
  reset(sandbox?: string): Promise<void>;
  /** The app itself: its sandbox registry and the default sandbox, for assertions beyond HTTP. */
  readonly app: App;
  close(): Promise<void>;
}

/** Request headers that describe the connection, not the request. */
const HOP_BY_HOP = new Set(['host', 'connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'proxy-connection', 'te', 'trailer']);
/** Response headers that no longer hold once the body is handed over as bytes (and maybe rewritten). */
const UNFORWARDED = new Set(['content-length', 'transfer-encoding', 'connection', 'keep-alive']);
const NULL_BODY = new Set([101, 103, 204, 205, 304]);
/**
 * A connection the app drops on purpose (an injected `reset` or `timeout` fault) comes out of
 * `inject()`, which has no socket to drop, as a 502 with this header (mocks' DROPPED_HEADER).
 */
const DROPPED = 'x-edusim-dropped';
const TEXTUAL = /^(text\/|application\/([\w.+-]*\+)?(json|xml|javascript|x-www-form-urlencoded))/i;

export async function createEdusimHandlers(options: EdusimMswOptions = {}): Promise<EdusimMsw> {
  const world = createWorld({
    seed: options.seed ?? 42,
    scale: options.scale ?? 'demo',
    ...(options.region !== undefined ? { region: options.region } : {}),
    asOf: options.date ?? DEFAULT_DATE,
  });
  const addresses = new AddressBook(options.baseUrl ?? 'http://edusim.test', options.origins ?? {}, (code) => world.hasRegion(code), world.regionCodes);
  const app = await createApp({
    world,
    dateChosen: true,
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.profile ? { profile: options.profile } : {}),
    ...(options.clients ? { clients: options.clients } : {}),
    ...(options.vendorDiaries ? { vendorDiaries: new Map(Object.entries(options.vendorDiaries)) } : {}),
    ...(options.diaryTimeoutMs ? { diaryTimeoutMs: options.diaryTimeoutMs } : {}),
    ...(options.adminToken ? { adminToken: options.adminToken } : {}),
    ...(options.maxSandboxes ? { maxSandboxes: options.maxSandboxes } : {}),
  });
  await app.fastify.ready();

  async function handle(request: Request): Promise<Response> {
    const route = addresses.inbound(new URL(request.url));
    if (!route) throw new TypeError(`edusim/msw: ${request.url} is not one of edusim's URLs (${addresses.bases.map((b) => b.url).join(', ')})`);
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => {
      if (!HOP_BY_HOP.has(name)) headers[name] = value;
    });
    headers['host'] = addresses.internalHost;
    const body = request.method === 'GET' || request.method === 'HEAD' ? null : Buffer.from(await request.arrayBuffer());
    const answer = await app.fastify.inject({
      method: request.method as 'GET',
      url: route.path,
      headers,
      ...(body && body.length > 0 ? { payload: body } : {}),
    });
    // The client sees what it would on a socket: a network error (fetch rejects).
    if (answer.statusCode === 502 && answer.headers[DROPPED] !== undefined) return HttpResponse.error();
    const out = new Headers();
    for (const [name, value] of Object.entries(answer.headers)) {
      if (value === undefined || UNFORWARDED.has(name)) continue;
      for (const one of Array.isArray(value) ? value : [String(value)]) {
        if (name === 'location') out.append(name, addresses.rewriteLocation(one));
        else if (name === 'set-cookie') out.append(name, addresses.rewriteSetCookie(one, route.base));
        else out.append(name, addresses.rewrite(one));
      }
    }
    const nobody = NULL_BODY.has(answer.statusCode) || request.method === 'HEAD';
    const textual = TEXTUAL.test(out.get('content-type') ?? '');
    const payload = nobody ? null : textual && !addresses.identity ? addresses.rewrite(answer.payload) : new Uint8Array(answer.rawPayload);
    return new HttpResponse(payload, { status: answer.statusCode, statusText: answer.statusMessage, headers: out });
  }

  const url = (path: string, sandbox?: string) => addresses.publicUrl(`${sandbox ? `/sandboxes/${encodeURIComponent(sandbox)}` : ''}${path}`);
  const control: Record<string, string> = options.adminToken ? { 'x-edusim-admin-token': options.adminToken } : {};
  async function call<T>(method: string, path: string, sandbox: string | undefined, body: unknown): Promise<T> {
    const response = await handle(
      new Request(url(path, sandbox), {
        method,
        headers: { 'content-type': 'application/json', ...control },
        body: body === undefined ? null : JSON.stringify(body),
      }),
    );
    const text = await response.text();
    if (!response.ok) throw new Error(`edusim/msw: ${method} ${path}${sandbox ? ` (sandbox ${sandbox})` : ''} → ${response.status}: ${text}`);
    return JSON.parse(text) as T;
  }

  return {
    handlers: addresses.patterns().map((pattern) => http.all(pattern, ({ request }) => handle(request))),
    baseUrl: addresses.canonical.url,
    url,
    handle,
    login: async (input) => {
      if ((input.persona === undefined) === (input.oid === undefined)) throw new TypeError('edusim/msw: login needs exactly one of persona or oid');
      return call<EdusimTokens>('POST', '/esia/sim/login', input.sandbox, {
        ...(input.persona !== undefined ? { persona: input.persona } : { oid: input.oid }),
        client_id: input.clientId ?? 'EDUSIM',
        scope: scopeOf(input),
        access_type: input.offline ? 'offline' : 'online',
        consent: input.consent === true,
      });
    },
    createSandbox: (spec = {}) => call<EdusimSandbox>('POST', '/_edusim/sandboxes', undefined, spec),
    reset: async (sandbox = 'default') => {
      await call('POST', `/_edusim/sandboxes/${encodeURIComponent(sandbox)}/reset`, undefined, undefined);
    },
    app,
    close: () => app.fastify.close(),
  };
}
