/**
 * For tests and the bench: a browser's cookie jar over `fastify.inject`, with redirects followed
 * and the cabinet's login walked through ESIA's persona page — no sockets, no Chromium.
 */
import type { FastifyInstance } from 'fastify';

type Answer = Awaited<ReturnType<FastifyInstance['inject']>>;

export class InjectBrowser {
  readonly jar = new Map<string, string>();
  constructor(readonly fastify: FastifyInstance) {}

  get(url: string, accept = 'text/html'): Promise<Answer> {
    return this.#send('GET', url, undefined, accept);
  }

  post(url: string, form: Record<string, string>): Promise<Answer> {
    return this.#send('POST', url, new URLSearchParams(form).toString());
  }

  async #send(method: 'GET' | 'POST', url: string, payload?: string, accept = 'text/html'): Promise<Answer> {
    const path = url.replace(/^https?:\/\/[^/]+/, '');
    const answer = await this.fastify.inject({
      method,
      url: path,
      headers: {
        accept,
        cookie: [...this.jar].map(([k, v]) => `${k}=${v}`).join('; '),
        ...(payload ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(payload ? { payload } : {}),
    });
    const set = answer.headers['set-cookie'];
    for (const line of Array.isArray(set) ? set : set ? [set] : []) {
      const [pair = '', ...attrs] = line.split(';');
      const [name = '', value = ''] = pair.split('=');
      if (attrs.some((a) => a.trim() === 'Max-Age=0')) this.jar.delete(name.trim());
      else this.jar.set(name.trim(), value);
    }
    return answer;
  }

  /** Follows redirects from a GET or POST answer to the page at the end. */
  async follow(answer: Answer): Promise<Answer> {
    let current = answer;
    for (let i = 0; i < 10 && current.statusCode >= 300 && current.statusCode < 400; i++) current = await this.get(String(current.headers.location));
    return current;
  }

  /** From `/login` through ESIA's login page as `persona` (or `oid`), back to the cabinet. */
  async login(prefix: string, who: Record<string, string>): Promise<Answer> {
    const login = await this.get(`${prefix}/login`);
    if (login.statusCode !== 302) throw new Error(`[edusim] ${prefix}/login answered ${login.statusCode}, expected a redirect to ESIA`);
    const authorize = new URL(String(login.headers.location), 'http://localhost');
    const page = await this.get(authorize.pathname + authorize.search);
    const request = /name="request" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
    return this.follow(await this.post(`${prefix}/esia/login`, { request, ...who }));
  }
}

/** The words of a page, tags dropped and entities read: what a person reads. */
export function pageText(html: string): string {
  return html
    .replace(/<(style|title)>[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}
