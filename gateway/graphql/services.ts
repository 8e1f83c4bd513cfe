/**
 * The services behind the subgraphs, wired for one sandbox: the world, state, consents, the
 * ЦОК usage log, and the diary client that reaches each region's diary over the federal
 * contract — in-process for edusim's own diaries, over the network for a vendor's.
 */
import { DEFAULT_DIARY_CLIENT, type ConsentPlatform, type RegionalDiaries, type SimRequest } from '../../mocks/index.ts';
import { createDiaryClient, networkExchange, type HttpExchange, type Services } from '../../schema/index.ts';
import type { World, WorldState } from '../../seeds/index.ts';
import { SANDBOX_HEADER } from '../sandbox-address.ts';

export interface ServicesOptions {
  readonly sandbox: string;
  readonly world: World;
  readonly state: WorldState;
  readonly consents: ConsentPlatform;
  readonly diaries: RegionalDiaries;
  /** Region code → a vendor's diary base URL, used instead of edusim's own. */
  readonly vendorDiaries?: ReadonlyMap<string, string>;
  /** Region code → the client credentials for that region's diary (default FGIS_MYSCHOOL / myschool-secret). */
  readonly diaryClients?: Readonly<Record<string, { readonly clientId: string; readonly clientSecret: string }>>;
  readonly diaryTimeoutMs?: number;
  readonly now: () => Date;
  /** Split mode: edusim's own diaries as a separate HTTP service at this URL (…/diary). */
  readonly diaryServiceUrl?: () => string | null;
  /** Wraps every call to a region's diary (the host injects faults and journals the calls here). */
  readonly wrapExchange?: (region: string, exchange: HttpExchange) => HttpExchange;
}

/** Hands a contract request to edusim's own diaries without a socket: same method, path, headers, body and status. */
export function inProcessExchange(diaries: RegionalDiaries): HttpExchange {
  return async ({ method, url, headers, body, signal }) => {
    const parsed = new URL(url);
    const mount = parsed.pathname.indexOf('/diary/');
    const simRequest: SimRequest = {
      method,
      path: parsed.pathname.slice(mount + '/diary'.length),
      query: parsed.searchParams,
      headers,
      body,
      baseUrl: `${parsed.origin}${parsed.pathname.slice(0, mount)}/diary`,
    };
    const aborted = new Promise<never>((_resolve, reject) => {
      if (signal.aborted) reject(signal.reason);
      signal.addEventListener('abort', () => reject(signal.reason), { once: true });
    });
    const response = await Promise.race([diaries.handle(simRequest), aborted]);
    return { status: response.status, text: response.body };
  };
}

export function createServices(options: ServicesOptions): Services {
  const own = inProcessExchange(options.diaries);
  const wrap = options.wrapExchange ?? ((_region: string, exchange: HttpExchange) => exchange);
  const diary = createDiaryClient(
    (region, baseUrl) => {
      const { clientId, clientSecret } = options.diaryClients?.[region] ?? DEFAULT_DIARY_CLIENT;
      const vendor = options.vendorDiaries?.get(region);
      if (vendor) return { baseUrl: vendor.replace(/\/$/, ''), clientId, clientSecret, exchange: wrap(region, networkExchange), vendor: true };
      const service = options.diaryServiceUrl?.() ?? null;
      if (service)
        return {
          baseUrl: `${service}/${region}`,
          clientId,
          clientSecret,
          exchange: wrap(region, networkExchange),
          vendor: false,
          headers: { [SANDBOX_HEADER]: options.sandbox },
        };
      return { baseUrl: `${baseUrl}/diary/${region}`, clientId, clientSecret, exchange: wrap(region, own), vendor: false };
    },
    options.diaryTimeoutMs,
    options.now,
  );
  return {
    sandbox: options.sandbox,
    world: options.world,
    state: options.state,
    consents: options.consents,
    diary,
    now: options.now,
    libraryUsage: [],
    consentPageUrl: (oid, baseUrl) => `${baseUrl}/consent/page?oid=${oid}`,
  };
}
