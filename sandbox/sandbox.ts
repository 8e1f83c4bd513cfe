/**
 * A sandbox: one isolated copy of the whole platform — its world (shared read-only with other
 * sandboxes of the same seed, scale, region and date), its mutable state, clock, consent
 * platform, ESIA (clients, keys, codes, sessions), regional diaries, ЦОК usage and gateway
 * services. This file is the composition root: it builds each part and hands it only what it
 * needs; nothing reaches through another part's insides.
 */
import {
  ConsentPlatform,
  ConsentRoutes,
  DEMO_CLIENT_ID,
  EsiaSimulator,
  RegionalDiaries,
  SANDBOX_CLAIM,
  type ClientRegistration,
  type DiaryClient,
} from '../mocks/index.ts';
import { createServices, createTokenVerifier, type TokenCheck } from '../gateway/index.ts';
import type { Services } from '../schema/index.ts';
import { randomBytes } from 'node:crypto';
import { worldWithState, WorldState, type StateSnapshot, type World } from '../seeds/index.ts';
import { SandboxClock, type ClockState, type ClockView } from './clock.ts';
import { addDuration, parseDuration } from './duration.ts';
import { applyScenario } from './scenarios.ts';
import { gatewayDiaryExchange } from './calls.ts';
import { FaultPlan } from './faults/plan.ts';
import { legacyDiaryFault, legacyDiaryRule, LEGACY_NOTE, type FaultRule, type LegacyDiaryFault } from './faults/rules.ts';
import { RequestJournal } from './journal/journal.ts';
import { LoginLog } from './logins.ts';
import { callbackUrlFromEsia } from './workbench/callback-path.ts';
import { SNAPSHOT_FORMAT, SNAPSHOT_VERSION, SpecError, type SandboxSpec, type Snapshot } from './spec.ts';

/** What the host gives every sandbox (server-wide settings). */
export interface HostSettings {
  readonly issuer?: string;
  /** Region → a vendor's diary URL, for every sandbox (a sandbox's own `diaries` win). */
  readonly vendorDiaries?: ReadonlyMap<string, string>;
  /** Region → the diary's client credentials, for every sandbox (a sandbox's own `diaryClients` win). */
  readonly diaryClients?: Readonly<Record<string, DiaryClient>>;
  readonly diaryTimeoutMs?: number;
  /** Split mode: edusim's own diaries as an HTTP service at this URL. */
  readonly diaryServiceUrl?: () => string | null;
  /** The machine's clock (tests inject one to move every sandbox's "machine time"). */
  readonly machineClock?: () => number;
}

export interface SandboxInfo {
  readonly id: string;
  readonly world: Snapshot['world'];
  readonly profile: 'lenient' | 'strict';
  readonly clock: ClockView;
  readonly createdAt: string;
  readonly lastUsedAt: string;
  /** When it is deleted if nobody uses it (null: never, the default sandbox). */
  readonly expiresAt: string | null;
  readonly ttl: string | null;
  readonly clients: readonly string[];
  readonly faults: readonly FaultRule[];
  readonly journal: { readonly cap: number; readonly size: number; readonly total: number; readonly dropped: number; readonly masked: boolean };
}

const MAX_TTL_MS = 7 * 86_400_000;

export class Sandbox {
  readonly clock: SandboxClock;
  readonly state: WorldState;
  readonly consents: ConsentPlatform;
  readonly esia: EsiaSimulator;
  /** The consent platform over HTTP: its pages and REST act for the subject of this sandbox's ESIA tokens. */
  readonly consentRoutes: ConsentRoutes;
  readonly diaries: RegionalDiaries;
  /** Fault rules: which calls to which system fail, and how. */
  readonly faults: FaultPlan;
  /** Every call to every system of this sandbox, newest `journal.cap` kept. */
  readonly journal: RequestJournal;
  /** The logins made in this sandbox (the activity indicators lay them over the world's history). */
  readonly logins = new LoginLog();
  readonly services: Services;
  readonly verify: (authorization: string | undefined) => Promise<TokenCheck>;
  readonly createdAt: string;
  readonly ttlMs: number | null;
  /** The world as this sandbox sees it: the shared world plus the accounts created in this sandbox. */
  readonly world: World;
  /** Opens this sandbox's own controls when the server has an admin token (`X-Edusim-Secret`); given once, at creation. */
  secret: string = randomBytes(18).toString('base64url');
  lastUsedAt: number;
  /** How it was at creation (scenarios applied): what `reset` goes back to. */
  readonly #initial: { readonly state: StateSnapshot; readonly clock: ClockState; readonly faults: readonly FaultRule[] };

  constructor(
    readonly id: string,
    readonly spec: SandboxSpec,
    /** The shared, read-only world (what the world cache hands out and takes back). */
    readonly baseWorld: World,
    host: HostSettings,
    /** A sandbox without a TTL never expires (the default one). */
    options: { readonly expires: boolean },
  ) {
    const machine = host.machineClock ?? Date.now;
    this.clock = new SandboxClock(initialClock(spec, machine), machine);
    const now = () => this.clock.now();
    this.state = new WorldState(id);
    const world = worldWithState(baseWorld, this.state);
    this.world = world;
    this.consents = new ConsentPlatform(world, this.state, now);
    this.esia = new EsiaSimulator({
      world,
      consents: this.consents,
      sandbox: id,
      profile: spec.profile,
      clients: spec.clients as readonly ClientRegistration[],
      now,
      onLogin: (oid, at) => this.logins.record(oid, at),
      ownCallback: callbackUrlFromEsia,
      ...(host.issuer ? { issuer: host.issuer } : {}),
    });
    this.consentRoutes = new ConsentRoutes(this.consents, (token) => this.esia.verifyAccess(token), {
      sessionOf: (cookie) => this.esia.sessionOf(cookie),
      loginUrl: (consentBaseUrl, returnTo) => `${consentBaseUrl.replace(/\/consent$/, '')}/esia/sim/session?return=${encodeURIComponent(returnTo)}`,
    });
    const diaryClients = { ...host.diaryClients, ...spec.diaryClients };
    this.diaries = new RegionalDiaries(world, now, undefined, id, diaryClients, () => this.state.timetableEdits);
    this.faults = new FaultPlan(id);
    this.journal = new RequestJournal(spec.journal.cap, spec.journal.mask);
    const vendorDiaries = new Map([...(host.vendorDiaries ?? []), ...Object.entries(spec.diaries)]);
    this.services = createServices({
      sandbox: id,
      world,
      state: this.state,
      consents: this.consents,
      diaries: this.diaries,
      now,
      ...(vendorDiaries.size > 0 ? { vendorDiaries } : {}),
      diaryClients,
      ...(host.diaryTimeoutMs ? { diaryTimeoutMs: host.diaryTimeoutMs } : {}),
      ...(host.diaryServiceUrl ? { diaryServiceUrl: host.diaryServiceUrl } : {}),
      wrapExchange: (region, exchange) => gatewayDiaryExchange(this, region, exchange),
    });
    this.verify = createTokenVerifier({
      sandbox: id,
      sandboxClaim: SANDBOX_CLAIM,
      jwks: () => this.esia.jwks(),
      issuer: this.esia.issuer,
      clients: () => this.esia.clients().map((c) => c.clientId),
      now,
    });
    this.ttlMs = options.expires ? ttlMsOf(spec.ttl) : null;
    this.createdAt = new Date(machine()).toISOString();
    this.lastUsedAt = machine();
    for (const rule of spec.faults) this.faults.add(rule);
    for (const scenario of spec.scenarios) applyScenario(this, scenario.name, scenario.params);
    this.#initial = { state: this.state.snapshot(), clock: this.clock.state(), faults: this.faults.list() };
  }

  touch(machineNow: number): void {
    this.lastUsedAt = machineNow;
  }

  expired(machineNow: number): boolean {
    return this.ttlMs !== null && machineNow - this.lastUsedAt > this.ttlMs;
  }

  /**
   * Back to its creation state: state (with the creation scenarios), clock, clients, first key,
   * the fault rules it was made with (counters at zero); no codes, tokens of its diaries, usage,
   * logins or journal entries.
   */
  reset(): void {
    this.state.restore(this.#initial.state);
    this.clock.restore(this.#initial.clock);
    this.esia.reset();
    this.diaries.reset();
    this.faults.restore(this.#initial.faults);
    this.journal.clear();
    this.logins.clear();
    this.services.libraryUsage.length = 0;
  }

  /** The first release's diary fault for a region (`PUT /diary/{region}/sim/fault`, the diary-down scenario), as a rule. */
  setLegacyDiaryFault(region: string, fault: LegacyDiaryFault): LegacyDiaryFault {
    this.faults.removeWhere((r) => r.rule.note === LEGACY_NOTE && r.rule.region === region);
    const rule = legacyDiaryRule(region, fault);
    if (rule) this.faults.add(rule);
    return this.legacyDiaryFault(region);
  }

  legacyDiaryFault(region: string): LegacyDiaryFault {
    return legacyDiaryFault(this.faults.list(), region);
  }

  worldFacts(): Snapshot['world'] {
    const o = this.world.options;
    return { seed: o.seed, scale: o.scale, region: o.region, date: o.asOf };
  }

  /** Clients registered besides the demo client, as registrations. */
  #clientRegistrations(): ClientRegistration[] {
    return this.esia
      .clients()
      .filter((c) => c.clientId !== DEMO_CLIENT_ID)
      .map((c) => c.registration);
  }

  snapshot(): Snapshot {
    return {
      format: SNAPSHOT_FORMAT,
      version: SNAPSHOT_VERSION,
      id: this.id,
      takenAt: new Date(this.clock.machine()).toISOString(),
      world: this.worldFacts(),
      spec: this.spec,
      clients: this.#clientRegistrations() as Snapshot['clients'],
      state: this.state.snapshot() as Snapshot['state'],
      clock: this.clock.state(),
      faults: this.faults.list(),
      logins: this.logins.records(),
    };
  }

  /**
   * Takes over a snapshot (already checked against its schema): of this sandbox's world only.
   * Everything that can refuse is checked before anything changes.
   */
  restore(snapshot: Snapshot): void {
    const mine = this.worldFacts();
    const theirs = snapshot.world;
    if (mine.seed !== theirs.seed || mine.scale !== theirs.scale || mine.region !== theirs.region || mine.date !== theirs.date)
      throw new SpecError(
        `the snapshot is of another world (seed ${theirs.seed}, ${theirs.scale}, region ${theirs.region ?? 'all'}, ${theirs.date}); this sandbox's world is seed ${mine.seed}, ${mine.scale}, region ${mine.region ?? 'all'}, ${mine.date}`,
      );
    snapshot.faults.forEach(({ rule }, i) => {
      if (rule.region !== undefined && !this.world.hasRegion(rule.region))
        throw new SpecError(`faults[${i}].rule.region: region ${rule.region} is not in this sandbox's world`);
    });
    this.esia.replaceClients(snapshot.clients as ClientRegistration[]);
    this.state.restore(snapshot.state);
    this.clock.restore(snapshot.clock);
    this.diaries.reset();
    this.faults.restore(snapshot.faults);
    this.logins.restore(snapshot.logins);
  }

  info(): SandboxInfo {
    return {
      id: this.id,
      world: this.worldFacts(),
      profile: this.esia.profile,
      clock: this.clock.view(),
      createdAt: this.createdAt,
      lastUsedAt: new Date(this.lastUsedAt).toISOString(),
      expiresAt: this.ttlMs === null ? null : new Date(this.lastUsedAt + this.ttlMs).toISOString(),
      ttl: this.ttlMs === null ? null : this.spec.ttl,
      clients: this.esia.clients().map((c) => c.clientId),
      faults: this.faults.list(),
      journal: { cap: this.journal.cap, size: this.journal.size, total: this.journal.total, dropped: this.journal.dropped, masked: this.journal.mask },
    };
  }
}

/**
 * Where a new sandbox's clock starts: `clock.at` if given; else on the sandbox's `date` at the
 * machine's time of day (Moscow) when a date was given and is not today; else the machine's time.
 */
function initialClock(spec: SandboxSpec, machine: () => number): { mode: 'running' | 'frozen'; now: string } | null {
  const frozen = spec.clock?.frozen === true;
  if (spec.clock?.at) return { mode: frozen ? 'frozen' : 'running', now: spec.clock.at };
  const machineNow = new Date(machine());
  const moscow = new Date(machineNow.getTime() + 3 * 3_600_000).toISOString();
  const date = spec.date ?? null;
  if (date !== null && date !== moscow.slice(0, 10)) return { mode: frozen ? 'frozen' : 'running', now: `${date}T${moscow.slice(11, 23)}+03:00` };
  return frozen ? { mode: 'frozen', now: machineNow.toISOString() } : null;
}

function ttlMsOf(ttl: string): number {
  const start = new Date(0);
  const ms = addDuration(start, parseDuration(ttl)).getTime();
  if (!(ms > 0) || ms > MAX_TTL_MS)
    throw new SpecError(`ttl ${JSON.stringify(ttl)} is not valid: expected a positive ISO-8601 duration of at most P7D, e.g. PT1H`);
  return ms;
}
