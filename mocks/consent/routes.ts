/**
 * The consent platform over HTTP, as a framework-free core (mounted at `/consent`):
 *   GET  /consents                 consents of the token's subject and of their children
 *   POST /consents                 grant: {subjectOid, purpose, scopes, recipient?, expiresInMinutes?}
 *   POST /consents/{id}/revoke     revoke
 *   GET  /page                     the logged-in person's page: give the «Моя школа» consent (for
 *                                  themselves or a child, as the law allows), see and revoke consents
 *   POST /page/grant               give it from the page
 *   POST /page/revoke              revoke from the page
 * REST callers are the subject of an ESIA access token (Authorization: Bearer …). The page acts
 * only for a person logged in through the sandbox's own ESIA (its browser session); without one
 * it sends the browser to ESIA's login and back.
 */
import { fullNameIn, type Person } from '../../seeds/index.ts';
import { html, json, redirect, formParams, type SimRequest, type SimResponse } from '../http/sim-http.ts';
import { page } from '../esia/pages.ts';
import { markup } from '../http/html.ts';
import { moscowDateTime, purposeLabel, termLabel } from './labels.ts';
import { renderConsentPage, TERMS, TRANSFER_PURPOSE, TRANSFER_SCOPES } from './page-view.ts';
import { ConsentError, MYSCHOOL_RECIPIENT, type ConsentPlatform, type ConsentView } from './platform.ts';

export type AccessVerifier = (token: string) => Promise<number | null>;

/** The sandbox's ESIA as the page sees it: who is logged in, and where to log in. */
export interface BrowserLogin {
  /** The oid logged in through ESIA in the browser that sent this `Cookie` header, or null. */
  sessionOf(cookieHeader: string | undefined): number | null;
  /** ESIA's login for the sandbox's own pages, returning to `returnTo` (the consent platform's base URL gives the sandbox). */
  loginUrl(consentBaseUrl: string, returnTo: string): string;
}

function errorResponse(error: unknown): SimResponse {
  if (error instanceof ConsentError) return json(error.status, { error: error.code, message: error.message });
  return json(500, { error: 'server_error', message: 'internal error' });
}

export class ConsentRoutes {
  constructor(
    readonly platform: ConsentPlatform,
    readonly verify: AccessVerifier,
    readonly browser: BrowserLogin,
  ) {}

  async handle(request: SimRequest): Promise<SimResponse> {
    try {
      return await this.#route(request);
    } catch (error) {
      return errorResponse(error);
    }
  }

  async #caller(request: SimRequest): Promise<number> {
    const m = /^Bearer\s+(\S+)$/i.exec(request.headers['authorization'] ?? '');
    const oid = m?.[1] ? await this.verify(m[1]) : null;
    if (oid === null) throw new ConsentError('NOT_YOURS', 'нужен действующий маркер доступа ЕСИА человека (Authorization: Bearer …)', 401);
    return oid;
  }

  #children(oid: number): Person[] {
    const person = this.platform.world.personByOid(oid);
    const ids = person?.memberships.flatMap((m) => (m.role === 'parent' ? m.childIds : [])) ?? [];
    return ids.map((id) => this.platform.world.personById(id)).filter((p): p is Person => p !== undefined);
  }

  #visible(oid: number): ConsentView[] {
    const own = this.platform.list(oid);
    const kids = this.#children(oid).flatMap((child) => (child.account ? this.platform.list(child.account.oid) : []));
    const seen = new Set<string>();
    return [...own, ...kids].filter((c) => !seen.has(c.id) && seen.add(c.id));
  }

  async #route(request: SimRequest): Promise<SimResponse> {
    const { method, path } = request;
    if (path === '/consents' && method === 'GET') return json(200, { consents: this.#visible(await this.#caller(request)) });
    if (path === '/consents' && method === 'POST') {
      const grantorOid = await this.#caller(request);
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(request.body ?? '') as Record<string, unknown>;
        if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new Error();
      } catch {
        throw new ConsentError('BAD_PURPOSE', 'тело запроса должно быть JSON-объектом {subjectOid, purpose, scopes, recipient?, expiresInMinutes?}');
      }
      const subjectOid = Number(body['subjectOid'] ?? grantorOid);
      if (!Number.isSafeInteger(subjectOid))
        throw new ConsentError('UNKNOWN_PERSON', `subjectOid ${JSON.stringify(body['subjectOid'])} is not valid: expected an oid (digits)`);
      const scopes = Array.isArray(body['scopes']) ? body['scopes'].map(String) : [];
      const expires = body['expiresInMinutes'] === undefined || body['expiresInMinutes'] === null ? null : Number(body['expiresInMinutes']);
      const view = this.platform.grant({
        subjectOid,
        grantorOid,
        recipient: String(body['recipient'] ?? MYSCHOOL_RECIPIENT),
        purpose: String(body['purpose'] ?? ''),
        scopes,
        expiresInMinutes: expires,
      });
      return json(201, view);
    }
    const revoke = /^\/consents\/([\w-]+)\/revoke$/.exec(path);
    if (revoke && method === 'POST') return json(200, this.platform.revoke(revoke[1] ?? '', await this.#caller(request)));
    if (path === '/page' && method === 'GET') return this.#page(request);
    if (path === '/page/revoke' && method === 'POST') {
      const oid = this.browser.sessionOf(request.headers['cookie']);
      if (oid === null) return this.#loginFirst(request);
      const form = formParams(request);
      const id = form.get('id') ?? '';
      const back = this.#returnTo(request, form.get('return'));
      const record = this.#visible(oid).find((c) => c.id === id);
      try {
        if (!record) throw new ConsentError('NOT_YOURS', 'это согласие не ваше и не ваших детей', 403);
        this.platform.revoke(id, oid);
      } catch (error) {
        if (error instanceof ConsentError) return html(error.status, this.#render(request, oid, { error: error.message }));
        throw error;
      }
      return redirect(this.#pageUrl(request, { done: 'revoked', id, ...(back ? { return: back } : {}) }));
    }
    if (path === '/page/grant' && method === 'POST') return this.#grantFromPage(request);
    return json(404, { error: 'not_found', message: `${method} ${path}: no such endpoint of the consent platform` });
  }

  #page(request: SimRequest): SimResponse {
    const oid = this.browser.sessionOf(request.headers['cookie']);
    if (oid === null) return this.#loginFirst(request);
    const asked = request.query.get('oid');
    const family = [oid, ...this.#children(oid).map((child) => child.account?.oid)];
    if (asked !== null && asked !== '' && !family.includes(Number(asked))) {
      const back = this.#returnTo(request, request.query.get('return'));
      return html(
        403,
        page(
          'Согласия — edusim',
          markup`<h1>Согласия</h1><div class="error" role="alert">Это страница другого человека: вы вошли как oid ${oid}, а видеть можно только свои согласия и согласия своих детей. Если согласие за ребёнка даёте вы как родитель, войдите на Госуслуги под своей учётной записью.</div>
<p><a href="${this.browser.loginUrl(request.baseUrl, `${request.baseUrl}/page?${request.query.toString()}`)}">Войти другим человеком</a>${back ? markup` · <a href="${back}">Вернуться в «Моя школа»</a>` : ''}</p>`,
        ),
      );
    }
    return html(200, this.#render(request, oid, { notice: this.#notice(request, oid) }));
  }

  /** The confirmation after a grant or a revocation (`?done=granted|revoked&id=…`). */
  #notice(request: SimRequest, oid: number): string | undefined {
    const done = request.query.get('done');
    const record = this.#visible(oid).find((c) => c.id === request.query.get('id'));
    if (!done || !record) return undefined;
    const subject = this.platform.world.personByOid(record.subjectOid);
    const whose = subject ? fullNameIn(subject, 'genitive') : String(record.subjectOid);
    if (done === 'granted')
      return `Согласие дано: «${purposeLabel(record.purpose)}» — данные ${whose}, ${record.expiresAt ? `действует до ${moscowDateTime(record.expiresAt)}` : 'бессрочно'}.`;
    if (done === 'revoked') return `Согласие отозвано: «${purposeLabel(record.purpose)}» — данные ${whose}. «Моя школа» больше их не получает.`;
    return undefined;
  }

  #grantFromPage(request: SimRequest): SimResponse {
    const oid = this.browser.sessionOf(request.headers['cookie']);
    if (oid === null) return this.#loginFirst(request);
    const form = formParams(request);
    const back = this.#returnTo(request, form.get('return'));
    const subjectOid = Number(form.get('subject'));
    const termText = form.get('term') ?? '';
    const term = termText === 'none' ? null : Number(termText);
    try {
      const family = [oid, ...this.#children(oid).map((child) => child.account?.oid)];
      if (!Number.isSafeInteger(subjectOid) || !family.includes(subjectOid))
        throw new ConsentError('NOT_YOURS', 'дать согласие здесь можно только за себя или за своего ребёнка', 403);
      if ((form.get('purpose') ?? TRANSFER_PURPOSE) !== TRANSFER_PURPOSE)
        throw new ConsentError('BAD_PURPOSE', 'на этой странице даётся только согласие на передачу данных в «Моя школа»');
      if (!TERMS.includes(term)) throw new ConsentError('BAD_EXPIRY', `срок согласия можно выбрать из списка: ${TERMS.map(termLabel).join(', ')}`);
      const view = this.platform.grant({
        subjectOid,
        grantorOid: oid,
        recipient: MYSCHOOL_RECIPIENT,
        purpose: TRANSFER_PURPOSE,
        scopes: [...TRANSFER_SCOPES],
        expiresInMinutes: term,
      });
      return redirect(this.#pageUrl(request, { done: 'granted', id: view.id, ...(back ? { return: back } : {}) }));
    } catch (error) {
      if (error instanceof ConsentError) return html(error.status, this.#render(request, oid, { error: `Согласие не дано: ${error.message}`, returnTo: back }));
      throw error;
    }
  }

  #pageUrl(request: SimRequest, query: Record<string, string>): string {
    return `${request.baseUrl}/page?${new URLSearchParams(query).toString()}`;
  }

  /** `return` is kept only when it is a page of this same sandbox (a path under its prefix): no open redirect. */
  #returnTo(request: SimRequest, value: string | null): string | null {
    if (!value) return null;
    const root = `${new URL(request.baseUrl).pathname.replace(/\/consent\/?$/, '')}/`;
    return value.startsWith(root) && !value.startsWith('//') && !/[\\\s]/.test(value) ? value : null;
  }

  /** No ESIA session in this browser: to ESIA's login, and back to the page afterwards. */
  #loginFirst(request: SimRequest): SimResponse {
    const back = `${request.baseUrl}/page${request.method === 'GET' && request.query.toString() ? `?${request.query.toString()}` : ''}`;
    return redirect(this.browser.loginUrl(request.baseUrl, back));
  }

  #render(request: SimRequest, oid: number, extra: { notice?: string | undefined; error?: string; returnTo?: string | null } = {}): string {
    const viewer = this.platform.world.personByOid(oid);
    if (!viewer)
      return page(
        'Согласия — edusim',
        markup`<h1>Согласия</h1><div class="error" role="alert">Учётная запись oid ${oid} не найдена в этой песочнице. Войдите заново.</div>`,
      );
    const asked = Number(request.query.get('oid') ?? NaN);
    return renderConsentPage({
      platform: this.platform,
      viewer,
      family: [viewer, ...this.#children(oid).filter((c) => c.account !== null)],
      consents: this.#visible(oid),
      focus: Number.isSafeInteger(asked) ? asked : null,
      returnTo: extra.returnTo !== undefined ? extra.returnTo : this.#returnTo(request, request.query.get('return')),
      notice: extra.notice,
      error: extra.error,
    });
  }
}
