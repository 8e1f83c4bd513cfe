/**
 * The consent platform over HTTP, as a framework-free core (mounted at `/consent`):
 *   GET  /consents                 consents of the token's subject and of their children
 *   POST /consents                 grant: {subjectOid, purpose, scopes, recipient?, expiresInMinutes?}
 *   POST /consents/{id}/revoke     revoke
 *   GET  /page                     the logged-in person's page: their consents and their children's, to revoke
 *   POST /page/revoke              revoke from the page
 * REST callers are the subject of an ESIA access token (Authorization: Bearer …). The page acts
 * only for a person logged in through the sandbox's own ESIA (its browser session); without one
 * it sends the browser to ESIA's login and back.
 */
import type { Person } from '../../seeds/index.ts';
import { html, json, redirect, formParams, type SimRequest, type SimResponse } from '../http/sim-http.ts';
import { page } from '../esia/pages.ts';
import { escapeHtml as e } from '../esia/util.ts';
import { ConsentError, MYSCHOOL_RECIPIENT, type ConsentPlatform, type ConsentView } from './platform.ts';

export type AccessVerifier = (token: string) => Promise<number | null>;

/** The sandbox's ESIA as the page sees it: who is logged in, and where to log in. */
export interface BrowserLogin {
  /** The oid logged in through ESIA in the browser that sent this `Cookie` header, or null. */
  sessionOf(cookieHeader: string | undefined): number | null;
  /** ESIA's login for the sandbox's own pages, returning to `returnTo` (the consent platform's base URL gives the sandbox). */
  loginUrl(consentBaseUrl: string, returnTo: string): string;
}

const STATUS_RU: Record<string, string> = { active: 'действует', revoked: 'отозвано', expired: 'истекло' };

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
      const record = this.#visible(oid).find((c) => c.id === id);
      try {
        if (!record) throw new ConsentError('NOT_YOURS', 'это согласие не ваше и не ваших детей', 403);
        this.platform.revoke(id, oid);
      } catch (error) {
        if (error instanceof ConsentError) return html(error.status, this.#render(oid, error.message));
        throw error;
      }
      return redirect(`${request.baseUrl}/page`);
    }
    return json(404, { error: 'not_found', message: `${method} ${path}: no such endpoint of the consent platform` });
  }

  #page(request: SimRequest): SimResponse {
    const oid = this.browser.sessionOf(request.headers['cookie']);
    if (oid === null) return this.#loginFirst(request);
    const asked = request.query.get('oid');
    const family = [oid, ...this.#children(oid).map((child) => child.account?.oid)];
    if (asked !== null && asked !== '' && !family.includes(Number(asked))) {
      return html(
        403,
        page(
          'Согласия — edusim',
          `<h1>Согласия</h1><div class="error" role="alert">Это страница другого человека: вы вошли как oid ${oid}, а видеть можно только свои согласия и согласия своих детей.</div>`,
        ),
      );
    }
    return html(200, this.#render(oid));
  }

  /** No ESIA session in this browser: to ESIA's login, and back to the page afterwards. */
  #loginFirst(request: SimRequest): SimResponse {
    const back = `${request.baseUrl}/page${request.method === 'GET' && request.query.toString() ? `?${request.query.toString()}` : ''}`;
    return redirect(this.browser.loginUrl(request.baseUrl, back));
  }

  #render(oid: number, error?: string): string {
    const person = this.platform.world.personByOid(oid);
    const name = (o: number) => {
      const p = this.platform.world.personByOid(o);
      return p ? `${p.lastName} ${p.firstName}` : String(o);
    };
    const rows = this.#visible(oid)
      .map(
        (
          c,
        ) => `<tr><td>${e(name(c.subjectOid))}</td><td>${e(c.purpose)}</td><td>${e(c.recipient)}</td><td>${e(c.scopes.join(', '))}</td><td>${e(c.grantedAt.slice(0, 16).replace('T', ' '))}</td><td>${e(STATUS_RU[c.status] ?? c.status)}</td>
<td>${c.status === 'active' ? `<form method="post" action="page/revoke"><input type="hidden" name="id" value="${e(c.id)}"><button type="submit" class="secondary">Отозвать</button></form>` : ''}</td></tr>`,
      )
      .join('');
    return page(
      'Согласия — edusim',
      `<h1>Согласия: ${e(person ? `${person.lastName} ${person.firstName} ${person.middleName}` : String(oid))}</h1>
${error ? `<div class="error" role="alert">${e(error)}</div>` : ''}
${rows ? `<table><thead><tr><th>Чьи данные</th><th>Цель</th><th>Получатель</th><th>Данные</th><th>Выдано</th><th>Статус</th><th></th></tr></thead><tbody>${rows}</tbody></table>` : '<p class="note">Согласий нет.</p>'}`,
    );
  }
}
