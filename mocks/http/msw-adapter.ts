/** The same simulator core as msw request handlers: the in-process transport, no sockets. */
import { http, HttpResponse, type RequestHandler } from 'msw';
import type { SimHandler, SimRequest } from './sim-http.ts';

export function simulatorHandlers(baseUrl: string, handler: SimHandler): RequestHandler[] {
  const base = new URL(baseUrl);
  const prefix = base.pathname.replace(/\/$/, '');
  const serve = async ({ request }: { request: Request }) => {
    const url = new URL(request.url);
    const headers: Record<string, string> = {};
    request.headers.forEach((value, key) => (headers[key.toLowerCase()] = value));
    const body = request.method === 'GET' || request.method === 'HEAD' ? undefined : await request.text();
    const simRequest: SimRequest = {
      method: request.method,
      path: url.pathname.slice(prefix.length) || '/',
      query: url.searchParams,
      headers,
      body: body === '' && !headers['content-type'] ? undefined : body,
      baseUrl: `${url.origin}${prefix}`,
    };
    const response = await handler(simRequest);
    if (response.drop) return HttpResponse.error();
    return new HttpResponse(response.status === 302 || response.body === '' ? null : response.body, { status: response.status, headers: response.headers });
  };
  return [http.all(`${base.origin}${prefix}/*`, serve)];
}
