/**
 * The typed client of a running edusim: its admin API (sandboxes, clocks, scenarios, faults, the
 * request journal, personas, people, state), the headless ESIA login, the consent platform and
 * the «Моя школа» GraphQL gateway — each call one `fetch`, each refusal a typed error.
 */
import type {
  ClockCommand,
  ClockView,
  Consent,
  ConsentGrant,
  CreatedSandbox,
  EdusimRole,
  EsiaTokens,
  FaultList,
  FaultRule,
  FaultRuleInput,
  GraphQLTraceStep,
  IndicatorsQuery,
  IndicatorsReport,
  JournalExpectation,
  JournalFilter,
  JournalPage,
  JournalQuery,
  JournalVerification,
  Person,
  PersonaSummary,
  SandboxSpec,
  SandboxUrls,
  SandboxView,
  ScenarioInfo,
  ScenarioOutcome,
  ScenarioParams,
  SnapshotDocument,
  StateDocument,
  WorldStats,
} from './api-types.ts';
import { GraphQLResponseError, JournalVerificationError, type GraphQLErrorEntry } from './errors.ts';
import { EsiaClientApi } from './esia-clients.ts';
import { problemOf, Transport, type Answer, type Call, type Fetch } from './http.ts';

export interface EdusimOptions {
  /** Where edusim answers: `http://localhost:4000` (a path is kept: `https://qa.example/edusim`). */
  readonly url: string;
  /** The operator's `X-Edusim-Admin-Token`, when the server was started with one. */
  readonly adminToken?: string;
  /** The `fetch` to call edusim with (default: the global one, looked up on every call — msw's interception applies). */
  readonly fetch?: Fetch;
  /** Headers sent with every request. */
  readonly headers?: Readonly<Record<string, string>>;
}

const SANDBOX = 'x-edusim-sandbox';
const SECRET = 'x-edusim-secret';

/** The client of one edusim server. */
export class Edusim {
  readonly url: string;
  readonly #http: Transport;

  constructor(options: EdusimOptions) {
    const parsed = URL.parse(options.url);
    if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:'))
      throw new TypeError(`edusim/client: url ${JSON.stringify(options.url)} is not valid: expected an absolute http(s) URL like http://localhost:4000`);
    this.url = options.url.replace(/\/+$/, '');
    this.#http = new Transport(this.url, options.fetch, {
      ...options.headers,
      ...(options.adminToken !== undefined ? { 'x-edusim-admin-token': options.adminToken } : {}),
    });
  }

  /** `GET /health`: status, the default world, what is served. */
  async health(): Promise<{ status: string; [field: string]: unknown }> {
    return (await this.#http.send({ method: 'GET', path: '/health' })).json as { status: string };
  }

  /** Creates a sandbox (`POST /_edusim/sandboxes`, every field optional); the handle keeps its secret. */
  async createSandbox(spec: SandboxSpec = {}): Promise<SandboxHandle> {
    const created = (await this.#http.send({ method: 'POST', path: '/_edusim/sandboxes', body: spec })).json as CreatedSandbox;
    return new SandboxHandle(this.#http, created.id, created.secret, created);
  }

  /** Every live sandbox. */
  async listSandboxes(): Promise<SandboxView[]> {
    return ((await this.#http.send({ method: 'GET', path: '/_edusim/sandboxes' })).json as { sandboxes: SandboxView[] }).sandboxes;
  }

  /** A handle on an existing sandbox (`default` is the one every request without a sandbox reaches); nothing is sent. */
  sandbox(id: string, options: { readonly secret?: string } = {}): SandboxHandle {
    return new SandboxHandle(this.#http, id, options.secret, undefined);
  }

  /** The scenarios (`consent-granted`, `diary-down`, …) and what each takes. */
  async scenarios(): Promise<ScenarioInfo[]> {
    return ((await this.#http.send({ method: 'GET', path: '/_edusim/scenarios' })).json as { scenarios: ScenarioInfo[] }).scenarios;
  }
}

export interface LoginOptions {
  /** Also record the data-transfer consent to «Моя школа» (by the person, or a parent for a child under 14). */
  readonly consent?: boolean;
  /** The role the session's GraphQL requests act in (`X-Edusim-Role`), for a person with several. */
  readonly role?: EdusimRole;
  /** Default `openid fullname birthdate gender snils`. */
  readonly scopes?: readonly string[] | string;
  /** The ESIA client system (default the demo client `EDUSIM`). */
  readonly clientId?: string;
  /** Also issue a refresh token. */
  readonly offline?: boolean;
}

/** One sandbox: its controls, and logins into it. */
export class SandboxHandle {
  readonly id: string;
  /** `X-Edusim-Secret`: opens this sandbox's own controls on a server with an admin token (known only to whoever created it). */
  readonly secret: string | undefined;
  /** Where the sandbox is reached: the path prefix form, or any path with the header. */
  readonly urls: SandboxUrls;
  /** The sandbox as it was created (for a handle from `createSandbox`). */
  readonly created: CreatedSandbox | undefined;
  readonly clock: ClockApi;
  readonly scenarios: ScenarioApi;
  readonly faults: FaultApi;
  readonly journal: JournalApi;
  readonly state: StateApi;
  /** The client systems its ESIA knows (`/esia/sim/clients`). */
  readonly esiaClients: EsiaClientApi;
  readonly #http: Transport;
  readonly #base: string;

  constructor(http: Transport, id: string, secret: string | undefined, created: CreatedSandbox | undefined) {
    this.#http = http;
    this.id = id;
    this.secret = secret;
    this.created = created;
    this.urls = created?.urls ?? {
      base: `${http.baseUrl}/sandboxes/${id}`,
      graphql: `${http.baseUrl}/sandboxes/${id}/graphql`,
      esia: `${http.baseUrl}/sandboxes/${id}/esia`,
      header: { 'X-Edusim-Sandbox': id },
    };
    this.#base = `/_edusim/sandboxes/${encodeURIComponent(id)}`;
    const admin: Admin = (method, path, rest) => this.#admin(method, path, rest);
    this.clock = new ClockApi(admin);
    this.scenarios = new ScenarioApi(admin, () => this.#send({ method: 'GET', path: '/_edusim/scenarios' }));
    this.faults = new FaultApi(admin);
    this.journal = new JournalApi(admin, (call) => this.#send(call));
    this.state = new StateApi((call) => this.#send(call));
    this.esiaClients = new EsiaClientApi((call) => this.#send(call));
  }

  /** The sandbox now: world, clock, TTL, clients, fault rules, journal counters, URLs. */
  get(): Promise<SandboxView> {
    return this.#admin('GET', '');
  }

  /** Back to how it was created: state with its creation scenarios, clock, clients, first key; codes, sessions, faults, journal gone. */
  reset(): Promise<SandboxView> {
    return this.#admin('POST', '/reset');
  }

  /** One versioned document: state, clients, clock and fault rules. */
  snapshot(): Promise<SnapshotDocument> {
    return this.#admin('GET', '/snapshot');
  }

  /** Puts a snapshot back: the whole document is checked first (format version, every field, the same world), then put in at once. */
  restore(snapshot: SnapshotDocument): Promise<SandboxView> {
    return this.#admin('PUT', '/snapshot', { body: snapshot });
  }

  /** Deletes the sandbox. */
  async delete(): Promise<void> {
    await this.#admin('DELETE', '');
  }

  /** The persona catalogue: whom each persona is in this sandbox's world (oid, SNILS) and the outcome it is built for. */
  async personas(): Promise<PersonaSummary[]> {
    return (await this.#send({ method: 'GET', path: '/_edusim/personas' })).json as PersonaSummary[];
  }

  /** One ESIA account holder with registry memberships. */
  async person(oid: number | string): Promise<Person> {
    return (await this.#send({ method: 'GET', path: `/_edusim/people/${encodeURIComponent(String(oid))}` })).json as Person;
  }

  /**
   * The region's indicators as of the sandbox clock (child-account share, ЦОК usage, content
   * demand), for the region, per municipality or per school (`level`, default region).
   */
  indicators(query: IndicatorsQuery = {}): Promise<IndicatorsReport> {
    return this.#admin('GET', '/indicators', { query });
  }

  /** Counts of the sandbox's world (accounts sampled). */
  async world(): Promise<WorldStats> {
    return (await this.#send({ method: 'GET', path: '/_edusim/world' })).json as WorldStats;
  }

  /**
   * Logs a persona (a handle, or `{ oid }`) in through the sandbox's ESIA in one call (the
   * headless `POST /esia/sim/login`) and hands back a session with its tokens.
   */
  async login(who: string | { readonly oid: number }, options: LoginOptions = {}): Promise<EdusimSession> {
    const scopes = options.scopes === undefined ? undefined : typeof options.scopes === 'string' ? options.scopes : options.scopes.join(' ');
    const answer = await this.#send({
      method: 'POST',
      path: '/esia/sim/login',
      body: {
        ...(typeof who === 'string' ? { persona: who } : { oid: who.oid }),
        ...(options.clientId !== undefined ? { client_id: options.clientId } : {}),
        ...(scopes !== undefined ? { scope: scopes } : {}),
        access_type: options.offline ? 'offline' : 'online',
        consent: options.consent === true,
      },
    });
    return new EdusimSession((call) => this.#send(call), answer.json as EsiaTokens, options.role);
  }

  /** A session for tokens got elsewhere (an authorization code flow, a refresh). */
  session(tokens: EsiaTokens | string, options: { readonly role?: EdusimRole } = {}): EdusimSession {
    const full: EsiaTokens = typeof tokens === 'string' ? { access_token: tokens, token_type: 'Bearer', expires_in: 0, state: null } : tokens;
    return new EdusimSession((call) => this.#send(call), full, options.role);
  }

  /** An anonymous GraphQL request (no token): what an app sees before login. */
  graphql<TData = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, options: GraphQLOptions = {}): Promise<GraphQLResult<TData>> {
    return runGraphQL<TData>((call) => this.#send(call), undefined, query, variables, options);
  }

  /** A request in this sandbox: the sandbox header, and its secret when known. */
  #send(call: Call) {
    return this.#http.send({ ...call, headers: { [SANDBOX]: this.id, ...(this.secret !== undefined ? { [SECRET]: this.secret } : {}), ...call.headers } });
  }

  /** A request to the sandbox's admin API (`/_edusim/sandboxes/<id>…`): its JSON, or its text with `text: true`. */
  async #admin<T>(method: Call['method'], path: string, rest: AdminCall = {}): Promise<T> {
    const { text, ...call } = rest;
    const answer = await this.#http.send({
      method,
      path: `${this.#base}${path}`,
      ...call,
      headers: { ...(this.secret !== undefined ? { [SECRET]: this.secret } : {}), ...call.headers },
    });
    return (text ? answer.text : answer.json) as T;
  }
}

type AdminCall = Omit<Call, 'method' | 'path'> & { readonly text?: boolean };
type Admin = <T>(method: Call['method'], path: string, rest?: AdminCall) => Promise<T>;
type Send = (call: Call) => Promise<Answer>;

/** The sandbox's clock: tokens, codes, consents, ages and the school week follow it. */
export class ClockApi {
  constructor(readonly admin: Admin) {}
  get(): Promise<ClockView> {
    return this.admin('GET', '/clock');
  }
  /** Any clock command, as the admin API takes it. */
  command(command: ClockCommand): Promise<ClockView> {
    return this.admin('PUT', '/clock', { body: command });
  }
  /** Puts the clock at an instant with a zone: `2027-05-25T09:00:00+03:00`. */
  set(at: string): Promise<ClockView> {
    return this.command({ action: 'set', at });
  }
  /** Moves the clock by an ISO-8601 duration: `PT2H`, `P1D`, `-PT30M`. */
  advance(by: string): Promise<ClockView> {
    return this.command({ action: 'advance', by });
  }
  /** Stops the clock (where it is, or at `at`). */
  freeze(at?: string): Promise<ClockView> {
    return this.command(at === undefined ? { action: 'freeze' } : { action: 'freeze', at });
  }
  /** Runs the clock on from where it stands. */
  resume(): Promise<ClockView> {
    return this.command({ action: 'resume' });
  }
}

/** Named jumps of the sandbox's state. */
export class ScenarioApi {
  constructor(
    readonly admin: Admin,
    readonly catalogue: () => Promise<Answer>,
  ) {}
  /** The scenarios and what each takes. */
  async list(): Promise<ScenarioInfo[]> {
    return ((await this.catalogue()).json as { scenarios: ScenarioInfo[] }).scenarios;
  }
  /** Applies one: `apply('consent-granted', { persona: 'teacher-with-rights' })`, `apply('diary-down', { region: '36' })`. */
  apply(name: string, params: ScenarioParams = {}): Promise<ScenarioOutcome> {
    return this.admin('POST', '/scenarios', { body: { name, params } });
  }
}

/** The sandbox's fault rules, tried in order on every call to its systems. */
export class FaultApi {
  constructor(readonly admin: Admin) {}
  /** The rules with how often each fired and how many times it still will. */
  async list(): Promise<FaultRule[]> {
    return (await this.admin<{ rules: FaultRule[] }>('GET', '/faults')).rules;
  }
  /** Replaces every rule (all or nothing). */
  async replace(rules: FaultList['rules']): Promise<FaultRule[]> {
    return (await this.admin<{ rules: FaultRule[] }>('PUT', '/faults', { body: { rules } })).rules;
  }
  /** Adds one rule after the others; it comes back with its id (`f1`, …). */
  add(rule: FaultRuleInput): Promise<FaultRule> {
    return this.admin('POST', '/faults', { body: rule });
  }
  /** Removes one rule by id (404 for an unknown id). */
  async remove(id: string): Promise<void> {
    await this.admin('DELETE', `/faults/${encodeURIComponent(id)}`);
  }
  /** Removes every rule. */
  async clear(): Promise<void> {
    await this.admin('DELETE', '/faults');
  }
}

/** The sandbox's request journal: every call to every system in it, and the gateway's calls to the diaries. */
export class JournalApi {
  constructor(
    readonly admin: Admin,
    readonly send: Send,
  ) {}
  /** The matching entries, oldest first (the newest `limit`, default 1000), with the journal's counters. */
  page(query: JournalQuery = {}): Promise<JournalPage> {
    return this.admin('GET', '/journal', { query: { ...query, format: 'json' } });
  }
  /** The matching entries, oldest first. */
  async list(query: JournalQuery = {}): Promise<JournalPage['entries']> {
    return (await this.page(query)).entries;
  }
  /** The matching entries as JSON lines (one entry per line, each line ending in `\n`). */
  async export(query: JournalQuery = {}): Promise<string> {
    return this.admin<string>('GET', '/journal', { query: { ...query, format: 'jsonl' }, headers: { accept: 'application/x-ndjson' }, text: true });
  }
  /** How many entries match. */
  async count(filter: JournalFilter = {}): Promise<number> {
    return (await this.admin<{ count: number }>('GET', '/journal/count', { query: filter })).count;
  }
  /**
   * Checks how many entries match: `verify({ system: 'diary', region: '36' }, { count: 1 })`.
   * Throws `JournalVerificationError` (count, expectation, the matching entries) when it is not so.
   */
  async verify(filter: JournalFilter, expectation: JournalExpectation): Promise<JournalVerification> {
    const verdict = await this.admin<JournalVerification>('GET', '/journal/verify', { query: { ...filter, ...expectation } });
    if (!verdict.ok)
      throw new JournalVerificationError({
        request: `GET /_edusim/sandboxes/…/journal/verify`,
        count: verdict.count,
        expected: verdict.expected,
        expectation,
        filter,
        entries: verdict.entries,
      });
    return verdict;
  }
  /** Empties the journal; answers how many entries it removed. */
  async clear(): Promise<number> {
    return (await this.admin<{ cleared: number }>('DELETE', '/journal')).cleared;
  }
}

/** The sandbox's mutable state (consents, links, permissions, rights, timetable edits) as one versioned document. */
export class StateApi {
  constructor(readonly send: Send) {}
  async get(): Promise<StateDocument> {
    return (await this.send({ method: 'GET', path: '/_edusim/state' })).json as StateDocument;
  }
  /** Replaces the state whole, or not at all (a document of another world is refused). */
  async replace(document: StateDocument): Promise<StateDocument> {
    return (await this.send({ method: 'PUT', path: '/_edusim/state', body: document })).json as StateDocument;
  }
}

export interface GraphQLOptions {
  /** `X-Edusim-Role` for this request (overrides the session's; `null`: none). */
  readonly role?: EdusimRole | null;
  /** `X-Edusim-Trace: 1`: the answer's `extensions.trace` lists the flow's steps. */
  readonly trace?: boolean;
  /** One-shot faults for this request only (`X-Edusim-Fault`): `diary/36/schedule:status=503`. */
  readonly fault?: string;
  readonly operationName?: string;
  /** The engine: `default` (`/graphql`) or `reference` (`@apollo/gateway`, `/graphql/reference`). */
  readonly engine?: 'default' | 'reference';
  readonly headers?: Readonly<Record<string, string>>;
}

export interface GraphQLResult<TData> {
  readonly data: TData;
  readonly extensions?: { readonly trace?: readonly GraphQLTraceStep[]; readonly [key: string]: unknown };
  /** `X-Edusim-Trace-Id`: the journal files this request, and the calls it made, under it. */
  readonly traceId: string | null;
}

/** A person logged in: their tokens, GraphQL as them, their consents. */
export class EdusimSession {
  readonly tokens: EsiaTokens;
  /** The role GraphQL requests act in, when one was chosen. */
  readonly role: EdusimRole | undefined;
  readonly consents: ConsentApi;
  readonly #send: Send;

  constructor(send: Send, tokens: EsiaTokens, role: EdusimRole | undefined) {
    this.#send = send;
    this.tokens = tokens;
    this.role = role;
    this.consents = new ConsentApi((call) => send({ ...call, headers: { authorization: `Bearer ${tokens.access_token}`, ...call.headers } }));
  }

  get accessToken(): string {
    return this.tokens.access_token;
  }

  /** The same person acting in another role (`X-Edusim-Role`). */
  withRole(role: EdusimRole | undefined): EdusimSession {
    return new EdusimSession(this.#send, this.tokens, role);
  }

  /**
   * A GraphQL request as this person. Answers `{ data, extensions, traceId }`; an answer with
   * `errors` throws `GraphQLResponseError` (its `code`, `codes`, `errors`, the partial `data`, `extensions`).
   */
  graphql<TData = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, options: GraphQLOptions = {}): Promise<GraphQLResult<TData>> {
    const role = options.role === undefined ? this.role : (options.role ?? undefined);
    return runGraphQL<TData>(this.#send, this.tokens.access_token, query, variables, { ...options, role: role ?? null });
  }
}

async function runGraphQL<TData>(
  send: Send,
  token: string | undefined,
  query: string,
  variables: Record<string, unknown> | undefined,
  options: GraphQLOptions,
): Promise<GraphQLResult<TData>> {
  const answer = await send({
    method: 'POST',
    path: options.engine === 'reference' ? '/graphql/reference' : '/graphql',
    body: {
      query,
      ...(variables !== undefined ? { variables } : {}),
      ...(options.operationName !== undefined ? { operationName: options.operationName } : {}),
    },
    headers: {
      ...options.headers,
      authorization: token === undefined ? undefined : `Bearer ${token}`,
      'x-edusim-role': options.role ?? undefined,
      'x-edusim-trace': options.trace ? '1' : undefined,
      'x-edusim-fault': options.fault,
    },
    acceptErrors: true,
  });
  const body = (answer.json ?? {}) as { data?: Record<string, unknown> | null; errors?: GraphQLErrorEntry[]; extensions?: GraphQLResult<TData>['extensions'] };
  const traceId = answer.headers.get('x-edusim-trace-id');
  if ((body.errors && body.errors.length > 0) || answer.status < 200 || answer.status > 299 || body.data === undefined) {
    const errors = body.errors ?? [];
    const { code, message } = problemOf(answer.status, answer.json, answer.text);
    return Promise.reject(
      new GraphQLResponseError({
        status: answer.status,
        code,
        message:
          errors.length > 1
            ? `${message} (and ${errors.length - 1} more: ${errors
                .slice(1)
                .map((e) => e.extensions?.code ?? e.message)
                .join(', ')})`
            : message,
        request: answer.request,
        body: answer.json ?? answer.text,
        errors,
        data: body.data ?? null,
        extensions: body.extensions,
        traceId,
      }),
    );
  }
  return { data: body.data as TData, ...(body.extensions !== undefined ? { extensions: body.extensions } : {}), traceId };
}

/** The consent platform, acting for the session's person. */
export class ConsentApi {
  constructor(readonly send: Send) {}
  /** The person's consents and their children's. */
  async list(): Promise<Consent[]> {
    return ((await this.send({ method: 'GET', path: '/consent/consents' })).json as { consents: Consent[] }).consents;
  }
  /**
   * Grants a consent: `grant({ purpose: 'EDUSIM_MYSCHOOL_TRANSFER', scopes: ['fullname'] })` for the
   * person themself; a parent grants for a child with `subjectOid`. The law decides who may.
   */
  async grant(input: ConsentGrant): Promise<Consent> {
    return (await this.send({ method: 'POST', path: '/consent/consents', body: input })).json as Consent;
  }
  /** Revokes a consent (the subject, the grantor or a parent). */
  async revoke(id: string): Promise<Consent> {
    return (await this.send({ method: 'POST', path: `/consent/consents/${encodeURIComponent(id)}/revoke` })).json as Consent;
  }
}
