/**
 * A sandbox's fault rules and the choice, call by call, of the one that fires. Probabilities and
 * jitter are drawn from a generator seeded by the sandbox id, so a run of a test suite against a
 * fresh (or reset) sandbox fires the same faults on the same calls every time.
 */
import { MAX_RULES, type FaultAction, type FaultRule, type FaultRuleSpec, type FaultSystem } from './rules.ts';
import { SpecError } from '../spec.ts';
import { globRegExp } from '../glob.ts';

/** What a fault is matched against: one call to one system. */
export interface FaultCall {
  readonly system: FaultSystem;
  readonly region?: string;
  readonly operation: string;
  readonly method: string;
  /** The path below the system's mount (below the region for a diary). */
  readonly path: string;
}

/** A fault that fired on a call: what to do and how the journal and the trace name it. */
export interface FiredFault {
  /** The rule's id, or `header` for a one-shot override. */
  readonly source: string;
  readonly action: FaultAction;
  /** Filled in once the action is applied (latency drawn with its jitter). */
  description: string;
}

export class FaultPlan {
  #rules: FaultRule[] = [];
  #next = 1;
  #random: () => number;
  /** Goes up on every change to the rules (the registry persists on change). */
  changes = 0;

  constructor(readonly seed: string) {
    this.#random = seededRandom(seed);
  }

  list(): FaultRule[] {
    return this.#rules.map((r) => ({ ...r }));
  }

  add(rule: FaultRuleSpec): FaultRule {
    if (this.#rules.length >= MAX_RULES) throw new SpecError(`a sandbox holds at most ${MAX_RULES} fault rules; delete some first`);
    const stored: FaultRule = { id: `f${this.#next++}`, rule, fired: 0, remaining: rule.times ?? null };
    this.#rules.push(stored);
    this.changes++;
    return { ...stored };
  }

  replace(rules: readonly FaultRuleSpec[]): FaultRule[] {
    this.#rules = [];
    for (const rule of rules) this.add(rule);
    this.changes++;
    return this.list();
  }

  remove(id: string): boolean {
    const before = this.#rules.length;
    this.#rules = this.#rules.filter((r) => r.id !== id);
    if (this.#rules.length === before) return false;
    this.changes++;
    return true;
  }

  removeWhere(test: (rule: FaultRule) => boolean): void {
    const before = this.#rules.length;
    this.#rules = this.#rules.filter((r) => !test(r));
    if (this.#rules.length !== before) this.changes++;
  }

  /** Back to no rules and a fresh generator (a reset sandbox fires as a new one). */
  clear(): void {
    this.#rules = [];
    this.#next = 1;
    this.#random = seededRandom(this.seed);
    this.changes++;
  }

  /** Takes over rules from a snapshot (already checked against their schema). */
  restore(rules: readonly FaultRule[]): void {
    this.clear();
    this.#rules = rules.map((r) => ({ ...r }));
    this.#next = Math.max(0, ...rules.map((r) => Number(r.id.slice(1)))) + 1;
  }

  /** The fault for this call, if any: the first matching rule that still fires and wins its draw. */
  pick(call: FaultCall): FiredFault | null {
    for (const stored of this.#rules) {
      if (stored.remaining === 0 || !matches(stored.rule, call)) continue;
      const probability = stored.rule.probability ?? 1;
      if (probability < 1 && this.#random() >= probability) continue;
      stored.fired++;
      if (stored.remaining !== null) stored.remaining--;
      this.changes++;
      return { source: stored.id, action: stored.rule.action, description: '' };
    }
    return null;
  }

  /** A number in [0, 1) from the sandbox's generator (for jitter). */
  draw(): number {
    return this.#random();
  }
}

export function matches(rule: FaultRuleSpec, call: FaultCall): boolean {
  if (rule.system !== call.system) return false;
  if (rule.region !== undefined && rule.region !== call.region) return false;
  if (rule.operation !== undefined && rule.operation !== call.operation) return false;
  if (rule.path !== undefined && !globRegExp(rule.path).test(call.path)) return false;
  return true;
}

/** mulberry32 seeded from a string's FNV-1a hash: small, fast and the same on every platform. */
function seededRandom(seed: string): () => number {
  let state = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) state = Math.imul(state ^ seed.charCodeAt(i), 0x01000193);
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
