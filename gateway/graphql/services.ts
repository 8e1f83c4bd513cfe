/**
 * The services behind the subgraphs, wired for one sandbox: the world, state, consents, the
 * ЦОК usage log, and the diary client that reaches each region's diary over the federal
 * contract — in-process for edusim's own diaries, over the network for a vendor's.
 */
import type { ConsentPlatform, RegionalDiaries, SimRequest } from '../../mocks/index.ts';
import { createDiaryClient, type Services } from '../../schema/index.ts';
import type { World, WorldState } from '../../seeds/index.ts';

export interface ServicesOptions {
  readonly world: World;
  readonly state: WorldState;
  readonly consents: ConsentPlatform;
  readonly diaries: RegionalDiaries;
  /** Region code → a vendor's diary base URL, used instead of edusim's own. */
  readonly vendorDiaries?: ReadonlyMap<string, string>;
  readonly vendorClient?: { readonly clientId: string; readonly clientSecret: string };
  readonly diaryTimeoutMs?: number;
  readonly now: () => Date;
  readonly publicUrl: () => string;
  /** Split mode: edusim's own diaries as a separate HTTP service at this URL (…/diary). */
  readonly diaryServiceUrl?: () => string | null;
}

/** A `fetch` that hands the request to edusim's own diaries without a socket: same HTTP contract. */
export function inProcessFetch(diaries: RegionalDiaries): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const headers: Record<string, string> = {};
    request.headers.forEach((value, key) => (headers[key] = value));
    const body = request.method === 'GET' ? undefined : await request.text();
    const simRequest: SimRequest = {
      method: request.method,
      path: url.pathname.slice('/diary'.length),
      query: url.searchParams,
      headers,
      body,
      baseUrl: `${url.origin}/diary`,
    };
    const signal = request.signal;
    const aborted = new Promise<never>((_resolve, reject) => {
      if (signal.aborted) reject(signal.reason);
      signal.addEventListener('abort', () => reject(signal.reason), { once: true });
    });
    const response = await Promise.race([diaries.handle(simRequest), aborted]);
    return new Response(response.body === '' ? null : response.body, { status: response.status, headers: response.headers });
  };
}

export function createServices(options: ServicesOptions): Services {
  const own = inProcessFetch(options.diaries);
  const diary = createDiaryClient((region) => {
    const vendor = options.vendorDiaries?.get(region);
    if (vendor)
      return {
        baseUrl: vendor.replace(/\/$/, ''),
        clientId: options.vendorClient?.clientId ?? 'FGIS_MYSCHOOL',
        clientSecret: options.vendorClient?.clientSecret ?? 'myschool-secret',
        fetch,
        vendor: true,
      };
    const service = options.diaryServiceUrl?.() ?? null;
    if (service) return { baseUrl: `${service}/${region}`, clientId: 'FGIS_MYSCHOOL', clientSecret: 'myschool-secret', fetch, vendor: false };
    return { baseUrl: `${options.publicUrl()}/diary/${region}`, clientId: 'FGIS_MYSCHOOL', clientSecret: 'myschool-secret', fetch: own, vendor: false };
  }, options.diaryTimeoutMs);
  return {
    world: options.world,
    state: options.state,
    consents: options.consents,
    diary,
    now: options.now,
    libraryUsage: [],
    consentPageUrl: (oid) => `${options.publicUrl()}/consent/page?oid=${oid}`,
  };
}
