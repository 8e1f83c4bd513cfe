/**
 * The ESIA simulator: one framework-free core answering SimRequests. Fastify routes and msw
 * handlers are thin adapters over `handle`. Test-facing control surface: `mint`, `rotateKeys`,
 * an injectable clock. Calls are journaled by the host that serves it (sandbox/journal).
 */
import { randomBytes } from 'node:crypto';
import type { JWK } from 'jose';
import type { Person, World } from '../../seeds/index.ts';
import { ConsentError, type ConsentPlatform } from '../consent/platform.ts';
import { grantorVerdict } from '../consent/rules.ts';
import { formParams, html, json, MAX_BODY_BYTES, redirect, type SimRequest, type SimResponse } from '../http/sim-http.ts';
import { authorize } from './authorize.ts';
import { clientAdmin } from './client-admin.ts';
import { BrowserSessions, sandboxPath } from './session.ts';
import { ClientRegistry, DEMO_CLIENT_ID, type Client, type ClientRegistration, type Profile } from './clients.ts';
import { Params, type EsiaContext } from './context.ts';
import { errorJson, errorRedirect, EsiaError, toEsiaError } from './errors.ts';
import { GRANTS, isGrantType } from './grants/index.ts';
import { KeyRing, type StoredKey } from './keys.ts';
import { checkLoginProof, checkPersonFilter, issueCodeRedirect, LoginInputError, loginProof, personaChoices, recordConsents, resolveLogin } from './login.ts';
import { consentPage, errorPage, loginPage } from './pages.ts';
import { handleRest } from './rest.ts';
import { parseScopes } from './scopes.ts';
import { ProtocolStores, type ApiVersion, type PendingAuthorization } from './stores.ts';
import { DEFAULT_ISSUER, newSessionId, verifyAccessToken, type VerifiedAccess } from './tokens.ts';
import { tokenResponse, type TokenResponse } from './token-response.ts';
import { EsiaTraps } from './traps.ts';
import { trapAdmin } from './trap-admin.ts';

export type { TokenResponse };
import { randomUUID } from 'node:crypto';

export interface EsiaOptions {
  readonly world: World;
  /** Where the consent screen records what the person allowed (the sandbox's consent platform). */
  readonly consents: ConsentPlatform;
  /** The sandbox's id: written into every token, checked on every one (default `default`). */
  readonly sandbox?: string;
  readonly profile?: Profile;
  readonly issuer?: string;
  readonly clients?: readonly ClientRegistration[];
  /** Injectable clock (default: the system clock). */
  readonly now?: () => Date;
  /** The signing keys (default: a ring of the sandbox's own, its first key made on first use). */
  readonly keys?: KeyRing;
  /** Told of every login: tokens issued for a code, or by the headless login / `mint` (not on refresh). */
  readonly onLogin?: (oid: number, at: Date) => void;
  /**
   * A page of the host's own, taken as redirect URI for every client (the sandbox's callback page):
   * its URL from ESIA's base URL as the request came in.
   */
  readonly ownCallback?: (esiaBaseUrl: string) => string;
}

const TOKEN_PATHS: Record<string, ApiVersion> = { '/aas/oauth2/v3/te': 'v2', '/aas/oauth2/te': 'v1' };
const AUTHORIZE_PATHS: Record<string, ApiVersion> = { '/aas/oauth2/v2/ac': 'v2', '/aas/oauth2/ac': 'v1' };

export class EsiaSimulator {
  readonly ctx: EsiaContext;
  readonly #secret = randomBytes(32).toString('hex');
  readonly #registrations: readonly ClientRegistration[];
  readonly #ownCallback: ((esiaBaseUrl: string) => string) | undefined;
  /** Browser sessions after a login (the consent platform's pages accept them). */
  readonly sessions: BrowserSessions;

  constructor(options: EsiaOptions) {
    const now = options.now ?? (() => new Date());
    const sandbox = options.sandbox ?? 'default';
    this.#registrations = options.clients ?? [];
    this.#ownCallback = options.ownCallback;
    this.ctx = {
      world: options.world,
      sandbox,
      profile: options.profile ?? 'lenient',
      clients: new ClientRegistry(this.#registrations),
      keys: options.keys ?? new KeyRing(sandbox, now),
      stores: new ProtocolStores(),
      issuer: options.issuer ?? DEFAULT_ISSUER,
      consents: options.consents,
      traps: new EsiaTraps(),
      now,
      ...(options.onLogin ? { onLogin: options.onLogin } : {}),
    };
    this.sessions = new BrowserSessions(this.#secret, sandbox, now);
  }

  get sandbox(): string {
    return this.ctx.sandbox;
  }

  get issuer(): string {
    return this.ctx.issuer;
  }

  get profile(): Profile {
    return this.ctx.profile;
  }

  /** The published signing keys (what `/.well-known/jwks.json` answers). */
  jwks(): { keys: JWK[] } {
    return this.ctx.keys.jwks();
  }

  /** The signing keys as stored data, private keys included (for the sandbox's store, never the API). */
  storedKeys(): StoredKey[] {
    return this.ctx.keys.stored();
  }

  /** Takes over stored signing keys: tokens signed before a restart verify again. */
  loadKeys(keys: readonly StoredKey[]): Promise<void> {
    return this.ctx.keys.load(keys);
  }

  /** Goes up whenever a client is registered, replaced or deleted. */
  get clientChanges(): number {
    return this.ctx.clients.changes;
  }

  /** The registered client systems. */
  clients(): Client[] {
    return this.ctx.clients.list();
  }

  /** Whom a live code was issued to and for which redirect URI (null: unknown, spent or expired); the code stays usable. */
  codeIssue(code: string): { readonly clientId: string; readonly redirectUri: string } | null {
    const issued = this.ctx.stores.peekCode(code);
    return issued ? { clientId: issued.clientId, redirectUri: issued.redirectUri } : null;
  }

  registerClient(registration: ClientRegistration): Client {
    return this.ctx.clients.register(registration);
  }

  /** The demo client and exactly these (all checked before any changes). */
  replaceClients(registrations: readonly ClientRegistration[]): void {
    this.ctx.clients.replaceAll(registrations);
  }

  /**
   * Back to how it was created: the clients it started with, its first key only, and no codes,
   * refresh tokens or pending logins.
   */
  reset(): void {
    this.ctx.clients.replaceAll(this.#registrations);
    this.ctx.keys.reset();
    this.ctx.stores.clear();
    this.ctx.traps.clear();
  }

  async handle(request: SimRequest): Promise<SimResponse> {
    return this.#route(request).catch((error: unknown) => errorJson(toEsiaError(error)));
  }

  async #route(request: SimRequest): Promise<SimResponse> {
    const { method, path } = request;
    if (request.body !== undefined && Buffer.byteLength(request.body) > MAX_BODY_BYTES) {
      throw new EsiaError('007038', `the body is larger than ${MAX_BODY_BYTES / 1024} KiB`, 413);
    }
    const authorizeVersion = AUTHORIZE_PATHS[path];
    if (authorizeVersion && method === 'GET') return this.#authorize(request, authorizeVersion);
    const tokenVersion = TOKEN_PATHS[path];
    if (tokenVersion && method === 'POST') return this.#token(request, tokenVersion);
    if (path === '/login' && method === 'POST') return this.#login(request);
    if (path === '/consent' && method === 'POST') return this.#consent(request);
    if (path === '/idp/ext/Logout' && method === 'GET') {
      const response = this.#logout(request);
      return { ...response, headers: { ...response.headers, 'set-cookie': this.sessions.clear(sandboxPath(request.baseUrl)) } };
    }
    if (path === '/sim/session' && method === 'GET') return this.#sessionLogin(request);
    if (path.startsWith('/rs/')) return handleRest(this.ctx, request);
    if (path === '/.well-known/jwks.json' && method === 'GET') {
      await this.ctx.keys.signingKey();
      return json(200, this.ctx.keys.jwks());
    }
    if (path === '/.well-known/openid-configuration' && method === 'GET') return json(200, this.#discovery(request.baseUrl));
    if (path === '/sim/login' && method === 'POST') return this.#headlessLogin(request);
    if (path === '/sim/keys/rotate' && method === 'POST') {
      await this.rotateKeys();
      return json(200, this.ctx.keys.jwks());
    }
    if (path === '/sim/traps') return trapAdmin(this.ctx.traps, request);
    if (path.startsWith('/sim/clients')) {
      const answer = clientAdmin(this.ctx.clients, request);
      if (answer) return answer;
    }
    throw new EsiaError('007003', `${method} ${path} is not an ESIA endpoint`, 404);
  }

  #authorize(request: SimRequest, version: ApiVersion): SimResponse {
    const ownCallback = this.#ownCallback?.(request.baseUrl);
    const outcome = authorize(this.ctx, request.query, version, DEMO_CLIENT_ID, URL.parse(request.baseUrl)?.origin, ownCallback);
    if (outcome.kind === 'error') {
      return outcome.redirectUri
        ? errorRedirect(outcome.redirectUri, outcome.error, outcome.state)
        : { ...errorJson(outcome.error, outcome.state), ...htmlIfBrowser(request, outcome.error) };
    }
    return html(200, loginPage(request.baseUrl, outcome.request, personaChoices(this.ctx)));
  }

  async #token(request: SimRequest, version: ApiVersion): Promise<SimResponse> {
    const type = request.headers['content-type'] ?? '';
    if (!type.startsWith('application/x-www-form-urlencoded')) {
      throw new EsiaError('007038', `Content-Type must be application/x-www-form-urlencoded, got "${type || 'none'}"`);
    }
    const raw = formParams(request);
    const state = raw.get('state');
    try {
      const params = new Params(raw);
      const grantType = params.required('grant_type');
      if (!isGrantType(grantType)) throw new EsiaError('007012', `grant_type "${grantType}"; supported: ${Object.keys(GRANTS).join(', ')}`);
      return await GRANTS[grantType](this.ctx, params, version);
    } catch (error) {
      return errorJson(toEsiaError(error), state);
    }
  }

  /** The pending authorization a login or consent form refers to, or the error page to show. */
  #pending(form: URLSearchParams): PendingAuthorization | SimResponse {
    const pending = this.ctx.stores.takePending(form.get('request') ?? '', this.ctx.now().getTime());
    return pending ?? html(400, errorPage('Запрос на вход не найден или устарел: начните вход заново в системе, которая вас сюда направила.'));
  }

  async #login(request: SimRequest): Promise<SimResponse> {
    const form = formParams(request);
    const pending = this.#pending(form);
    if ('status' in pending) return pending;
    try {
      const person = resolveLogin(this.ctx, form);
      checkPersonFilter(pending, person);
      if (pending.permissions.length > 0) {
        const oid = person.account?.oid ?? 0;
        return html(
          200,
          consentPage(
            request.baseUrl,
            pending,
            { fullName: `${person.lastName} ${person.firstName} ${person.middleName}`, oid },
            pending.permissions.map((p) => ({ purpose: p.sysname, scopes: p.scopes, expireMinutes: p.expireMinutes })),
            loginProof(this.#secret, pending.id, oid),
            this.#selfConsentVerdict(person),
          ),
        );
      }
      return this.#loggedIn(await issueCodeRedirect(this.ctx, pending, person), person, request.baseUrl);
    } catch (error) {
      if (error instanceof LoginInputError) return html(400, loginPage(request.baseUrl, pending, personaChoices(this.ctx), error.message));
      if (error instanceof EsiaError) {
        this.ctx.stores.pending.delete(pending.id);
        return errorRedirect(pending.redirectUri, error, pending.state);
      }
      throw error;
    }
  }

  /** Whether the person may consent for their own data (a child under 14 may not: the parent must). */
  #selfConsentVerdict(person: Person): { allowed: boolean; message: string } {
    const consents = this.ctx.consents;
    const verdict = grantorVerdict(this.ctx.world, person, person, consents.today(), consents.state.links.get(person.id));
    if (verdict.allowed) return verdict;
    const links = consents.state.links.get(person.id) ?? person.account?.linkedParentOids ?? [];
    const parents = links.map((oid) => this.ctx.world.personByOid(oid)).filter((p): p is Person => p !== undefined);
    const who = parents.length
      ? ` Согласие даёт родитель (${parents.map((p) => `${p.lastName} ${p.firstName} ${p.middleName}`).join(' или ')}) на платформе согласий, войдя под своей учётной записью.`
      : ' Родителю нужно привязать учётную запись ребёнка («Семья и дети») и дать согласие на платформе согласий.';
    return { allowed: false, message: `${verdict.message}${who}` };
  }

  async #consent(request: SimRequest): Promise<SimResponse> {
    const form = formParams(request);
    const pending = this.#pending(form);
    if ('status' in pending) return pending;
    const oid = checkLoginProof(this.#secret, pending.id, form.get('login') ?? '');
    const person = oid === null ? undefined : this.ctx.world.personByOid(oid);
    if (!person) return html(400, errorPage('Сеанс входа не подтверждён: начните вход заново.'));
    const decision = form.get('decision');
    if (decision !== 'allow') {
      this.ctx.stores.pending.delete(pending.id);
      return errorRedirect(pending.redirectUri, new EsiaError('007004', 'the user refused the requested permissions'), pending.state);
    }
    try {
      recordConsents(this.ctx, pending, person);
    } catch (error) {
      // The law may not let this person consent alone (a child under 14): refuse with the rule.
      if (!(error instanceof ConsentError)) throw error;
      this.ctx.stores.pending.delete(pending.id);
      return errorRedirect(pending.redirectUri, new EsiaError('007004', error.message), pending.state);
    }
    return this.#loggedIn(await issueCodeRedirect(this.ctx, pending, person), person, request.baseUrl);
  }

  /** The redirect after a login, with the browser session that the sandbox's other pages accept. */
  #loggedIn(location: string, person: Person, baseUrl: string): SimResponse {
    const response = redirect(location);
    const oid = person.account?.oid;
    return oid ? { ...response, headers: { ...response.headers, 'set-cookie': this.sessions.issue(oid, sandboxPath(baseUrl)) } } : response;
  }

  /**
   * `GET /sim/session?return=<url>`: log in for one of the sandbox's own pages (the consent
   * platform), then back to it with the session cookie. `return` must lie under the sandbox.
   */
  #sessionLogin(request: SimRequest): SimResponse {
    const target = URL.parse(request.query.get('return') ?? '');
    const base = new URL(request.baseUrl);
    if (!target || target.origin !== base.origin || !target.pathname.startsWith(sandboxPath(request.baseUrl)))
      return html(400, errorPage('Вход для страниц песочницы: параметр return должен вести на страницу этой же песочницы.'));
    const pending = this.ctx.stores.addPending({
      version: 'v2',
      clientId: DEMO_CLIENT_ID,
      scopes: ['openid'],
      redirectUri: target.toString(),
      state: randomUUID(),
      accessType: 'online',
      personFilter: null,
      permissions: [],
      codeChallenge: null,
      createdAt: this.ctx.now().getTime(),
    });
    return html(200, loginPage(request.baseUrl, pending, personaChoices(this.ctx)));
  }

  /** The oid logged in through this ESIA in the browser that sent this `Cookie` header, or null. */
  sessionOf(cookieHeader: string | undefined): number | null {
    return this.sessions.read(cookieHeader);
  }

  #logout(request: SimRequest): SimResponse {
    const clientId = request.query.get('client_id');
    const target = request.query.get('redirect_url');
    const client = clientId ? this.ctx.clients.get(clientId) : undefined;
    if (!client) return html(400, errorPage(`client_id ${JSON.stringify(clientId)} не зарегистрирован`));
    if (!target) return html(200, errorPage('Вы вышли из системы.'));
    const allowed =
      client.redirectUris.some((uri) => new URL(uri).origin === URL.parse(target)?.origin) ||
      (client.clientId === DEMO_CLIENT_ID &&
        (/^https?:\/\/(localhost|127\.0\.0\.1)(:\d+)?\//.test(target) || URL.parse(target)?.origin === URL.parse(request.baseUrl)?.origin));
    return allowed ? redirect(target) : html(400, errorPage(`redirect_url ${target} не разрешён для системы ${client.clientId}`));
  }

  #discovery(baseUrl: string): Record<string, unknown> {
    return {
      'x-edusim-note': 'Simulator extra: the real ESIA publishes no discovery document or JWKS.',
      issuer: this.ctx.issuer,
      authorization_endpoint: `${baseUrl}/aas/oauth2/v2/ac`,
      token_endpoint: `${baseUrl}/aas/oauth2/v3/te`,
      jwks_uri: `${baseUrl}/.well-known/jwks.json`,
      end_session_endpoint: `${baseUrl}/idp/ext/Logout`,
      response_types_supported: ['code'],
      grant_types_supported: Object.keys(GRANTS),
      id_token_signing_alg_values_supported: ['RS256'],
      code_challenge_methods_supported: ['S256'],
    };
  }

  async #headlessLogin(request: SimRequest): Promise<SimResponse> {
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(request.body ?? '') as Record<string, unknown>;
      if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new Error('not an object');
    } catch {
      throw new EsiaError('007038', 'the body must be a JSON object: {"persona" | "oid", "client_id", "scope", "access_type", "consent"}');
    }
    const form = new URLSearchParams();
    if (typeof body['persona'] === 'string') form.set('persona', body['persona']);
    if (body['oid'] !== undefined) form.set('oid', String(body['oid']));
    try {
      const person = resolveLogin(this.ctx, form);
      if (body['consent'] === true) this.#grantTransferConsent(person);
      return json(
        200,
        await this.mint(
          person.account?.oid ?? 0,
          String(body['client_id'] ?? DEMO_CLIENT_ID),
          String(body['scope'] ?? 'openid fullname birthdate gender snils'),
          body['access_type'] === 'offline',
        ),
      );
    } catch (error) {
      if (error instanceof LoginInputError) throw new EsiaError('007004', error.message);
      throw error;
    }
  }

  /** Headless login with `"consent": true`: the data-transfer consent, given by whoever the law allows. */
  #grantTransferConsent(person: Person): void {
    try {
      this.ctx.consents.grantTransfer(person.account?.oid ?? 0, person.account?.linkedParentOids ?? []);
    } catch (error) {
      if (error instanceof ConsentError) throw new EsiaError('007004', error.message);
      throw error;
    }
  }

  /** Control surface: a token response for an account, as after a real login. */
  async mint(oid: number, clientId: string, scope: string, offline = false): Promise<TokenResponse> {
    const client = this.ctx.clients.get(clientId);
    if (!client) throw new EsiaError('007002', `client_id "${clientId}" is not registered`);
    const person = this.ctx.world.personByOid(oid);
    if (!person) throw new EsiaError('007004', `no ESIA account with oid ${oid}`);
    const scopes = parseScopes(scope, client.scopes);
    const authTime = Math.floor(this.ctx.now().getTime() / 1000);
    const response = await tokenResponse(this.ctx, { oid, person, scopes, clientId, sid: newSessionId(), authTime }, { refresh: offline, state: null });
    this.ctx.onLogin?.(oid, this.ctx.now());
    return response;
  }

  /** The oid of a valid person access token, or null (used by the consent platform and the gateway). */
  async verifyAccess(token: string): Promise<number | null> {
    try {
      return (await this.checkAccess(token)).oid;
    } catch {
      return null;
    }
  }

  /** Verifies an access token of this sandbox's ESIA; throws naming the defect (another sandbox's token included). */
  checkAccess(token: string): Promise<VerifiedAccess> {
    return verifyAccessToken(this.ctx, token, this.ctx.now());
  }

  rotateKeys(): Promise<unknown> {
    return this.ctx.keys.rotate();
  }
}

/** A browser asking for a page gets the error as a page, an API client as JSON. */
function htmlIfBrowser(request: SimRequest, error: EsiaError): Partial<SimResponse> {
  if (!(request.headers['accept'] ?? '').includes('text/html')) return {};
  return { headers: { 'content-type': 'text/html; charset=utf-8' }, body: errorPage(error.message) };
}
