/**
 * A small "school app", as a vendor would write it: it logs a pupil in through ESIA (Госуслуги;
 * authorization code with PKCE) and asks «Моя школа» for the pupil's week. Nothing here knows about
 * edusim: give it the real systems' URLs and it runs the same. `msw-flow.test.ts` runs it against
 * edusim's msw handlers, with no server at all.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';

export interface SchoolAppConfig {
  /** ESIA's base URL (its discovery document lies below it). */
  readonly esia: string;
  /** The «Моя школа» GraphQL endpoint. */
  readonly gateway: string;
  /** The consent platform. */
  readonly consent: string;
  readonly clientId: string;
  readonly redirectUri: string;
}

/** What the app keeps between sending the browser to ESIA and the callback. */
export interface PendingLogin {
  readonly url: string;
  readonly state: string;
  readonly verifier: string;
}

export interface Flow {
  readonly fullName: string;
  readonly region: string;
  readonly school: string;
  readonly className: string;
  readonly lessons: readonly { date: string; subject: string; marks: readonly { value: string; weight: number }[] }[];
  readonly lessonAccess: { allowed: boolean; failed: readonly string[] };
}

const SCOPE = 'openid fullname birthdate';

const FLOW_QUERY = `query PupilWeek($from: Date, $to: Date) {
  me {
    fullName
    registry { region { code } memberships { school { name } class { name } } }
    diary(from: $from, to: $to) { entries { lessons { date subject marks { value weight } } } }
    lessonAccess { allowed checks { code passed } }
  }
}`;

/** ESIA's timestamp format: `yyyy.MM.dd HH:mm:ss +0300` (Moscow time). */
function esiaTimestamp(now = new Date()): string {
  const [date, time] = new Date(now.getTime() + 3 * 3_600_000).toISOString().split('T') as [string, string];
  return `${date.replaceAll('-', '.')} ${time.slice(0, 8)} +0300`;
}

/**
 * The real ESIA wants `client_secret` to be the client's GOST signature of
 * client_id + scope + timestamp + state + redirect_uri; edusim's default (lenient) profile only
 * checks that it is there.
 */
const clientSecret = () => 'unsigned';

export class SchoolApp {
  constructor(readonly config: SchoolAppConfig) {}

  async #discovery(): Promise<{ authorization_endpoint: string; token_endpoint: string }> {
    const response = await fetch(`${this.config.esia}/.well-known/openid-configuration`);
    return (await response.json()) as { authorization_endpoint: string; token_endpoint: string };
  }

  /** Step 1: where to send the user's browser. */
  async startLogin(): Promise<PendingLogin> {
    const { authorization_endpoint } = await this.#discovery();
    const state = randomUUID();
    const verifier = randomBytes(32).toString('base64url');
    const url = new URL(authorization_endpoint);
    url.search = new URLSearchParams({
      client_id: this.config.clientId,
      response_type: 'code',
      scope: SCOPE,
      redirect_uri: this.config.redirectUri,
      state,
      timestamp: esiaTimestamp(),
      client_secret: clientSecret(),
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
    }).toString();
    return { url: url.toString(), state, verifier };
  }

  /** Step 3: ESIA sent the browser back to `redirectUri`: the code for an access token. */
  async finishLogin(callbackUrl: string, pending: PendingLogin): Promise<string> {
    const callback = new URL(callbackUrl).searchParams;
    if (callback.get('error')) throw new Error(`ESIA refused the login: ${callback.get('error_description')}`);
    if (callback.get('state') !== pending.state) throw new Error('the callback does not belong to this login');
    const { token_endpoint } = await this.#discovery();
    const response = await fetch(token_endpoint, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        client_id: this.config.clientId,
        code: callback.get('code') ?? '',
        redirect_uri: this.config.redirectUri,
        code_verifier: pending.verifier,
        scope: SCOPE,
        state: randomUUID(),
        timestamp: esiaTimestamp(),
        client_secret: clientSecret(),
      }),
    });
    const tokens = (await response.json()) as { access_token?: string; error_description?: string };
    if (!tokens.access_token) throw new Error(`token exchange failed: ${tokens.error_description}`);
    return tokens.access_token;
  }

  /** Step 4: the pupil's week from «Моя школа». Without the data-transfer consent, the user gives it first. */
  async flow(accessToken: string, week: { from: string; to: string }): Promise<Flow> {
    let answer = await this.#query(accessToken, week);
    if (answer.errors?.some((e) => e.extensions?.code === 'CONSENT_REQUIRED')) {
      await this.#giveTransferConsent(accessToken);
      answer = await this.#query(accessToken, week);
    }
    const me = answer.data?.me;
    if (!me || answer.errors?.length) throw new Error(`«Моя школа» answered with errors: ${JSON.stringify(answer.errors)}`);
    const membership = me.registry.memberships[0];
    return {
      fullName: me.fullName,
      region: me.registry.region.code,
      school: membership?.school?.name ?? '',
      className: membership?.class?.name ?? '',
      lessons: me.diary.entries.flatMap((entry) => entry.lessons),
      lessonAccess: { allowed: me.lessonAccess.allowed, failed: me.lessonAccess.checks.filter((c) => !c.passed).map((c) => c.code) },
    };
  }

  async #query(accessToken: string, variables: { from: string; to: string }): Promise<GatewayAnswer> {
    const response = await fetch(this.config.gateway, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
      body: JSON.stringify({ query: FLOW_QUERY, variables }),
    });
    return (await response.json()) as GatewayAnswer;
  }

  /** The user consents to their data going to «Моя школа» (as they would on the consent platform's screen). */
  async #giveTransferConsent(accessToken: string): Promise<void> {
    const response = await fetch(`${this.config.consent}/consents`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
      body: JSON.stringify({ purpose: 'EDUSIM_MYSCHOOL_TRANSFER', scopes: ['fullname', 'birthdate'], expiresInMinutes: 60 }),
    });
    if (response.status !== 201) throw new Error(`the consent platform refused: ${await response.text()}`);
  }
}

interface GatewayAnswer {
  data?: {
    me: {
      fullName: string;
      registry: { region: { code: string }; memberships: { school: { name: string } | null; class: { name: string } | null }[] };
      diary: { entries: { lessons: Flow['lessons'][number][] }[] };
      lessonAccess: { allowed: boolean; checks: { code: string; passed: boolean }[] };
    } | null;
  };
  errors?: { message: string; extensions?: { code?: string } }[];
}

/**
 * Step 2 is the user's: in a browser they pick who they are on ESIA's login page, and ESIA sends
 * the browser to `redirectUri`. This does the same with `fetch` (the sandbox's login page lists
 * personas; `redirect: 'manual'` stops at the redirect instead of following it to the app).
 */
export async function loginInBrowser(authorizeUrl: string, persona: string): Promise<string> {
  const page = await (await fetch(authorizeUrl, { headers: { accept: 'text/html' } })).text();
  const form = /<form method="post" action="([^"]+)"[^>]*><input type="hidden" name="request" value="([^"]+)">/.exec(page);
  if (!form?.[1] || !form[2]) throw new Error('no login form on ESIA’s page');
  const response = await fetch(form[1], { method: 'POST', body: new URLSearchParams({ request: form[2], persona }), redirect: 'manual' });
  const location = response.headers.get('location');
  if (response.status !== 302 || !location) throw new Error(`ESIA did not redirect after the login: ${response.status}`);
  return location;
}
