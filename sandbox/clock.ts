/**
 * A sandbox's clock. Everything in a sandbox reads the time from it: token and code lifetimes,
 * consent expiry, ages (the 14 and 18 rules), the current school week and period, the
 * timestamps ESIA checks in the strict profile.
 *
 * It runs (the machine's time plus an offset) or stands still (frozen at an instant). Setting it,
 * moving it by a duration, freezing and resuming never jump back to the machine's time: a
 * resumed clock runs on from where it stood.
 */
import { moscowDateOf } from '../seeds/index.ts';
import { addDuration, parseDuration } from './duration.ts';

export type ClockMode = 'running' | 'frozen';

/**
 * What a clock is, as stored in snapshots: a frozen clock by its instant, a running one by how far
 * it is ahead of the machine's clock (so a restored running clock keeps its distance, not an instant).
 */
export interface ClockState {
  readonly mode: ClockMode;
  /** ISO-8601 instant: the sandbox's time (for a running clock, when this was read). */
  readonly now: string;
  /** Milliseconds ahead of the machine's clock (negative: behind). */
  readonly offsetMs: number;
}

/** What `GET …/clock` shows. */
export interface ClockView extends ClockState {
  /** The sandbox's date in Moscow: what ages and the school week count by. */
  readonly today: string;
}

export class ClockError extends Error {
  override readonly name = 'ClockError';
}

export class SandboxClock {
  #mode: ClockMode;
  /** running: sandbox time = machine time + offset; frozen: sandbox time = this instant. */
  #offsetMs: number;
  #frozenAt: number;

  /** @param machine the machine's clock (injectable so that tests of the clock itself are exact). */
  constructor(
    initial: { readonly mode: ClockMode; readonly now: string } | null = null,
    readonly machine: () => number = Date.now,
  ) {
    const machineNow = machine();
    const at = initial ? instantOf(initial.now, 'now') : machineNow;
    this.#mode = initial?.mode ?? 'running';
    this.#offsetMs = at - machineNow;
    this.#frozenAt = at;
  }

  /** The sandbox's time now. Pass it around as `() => clock.now()`. */
  now(): Date {
    return new Date(this.#epoch());
  }

  #epoch(): number {
    return this.#mode === 'frozen' ? this.#frozenAt : this.machine() + this.#offsetMs;
  }

  state(): ClockState {
    const machine = this.machine();
    const now = this.#mode === 'frozen' ? this.#frozenAt : machine + this.#offsetMs;
    return { mode: this.#mode, now: new Date(now).toISOString(), offsetMs: now - machine };
  }

  view(): ClockView {
    const state = this.state();
    return { ...state, today: moscowDateOf(new Date(state.now)) };
  }

  /** Stops the clock where it is (or at `at`). */
  freeze(at?: string): void {
    this.#frozenAt = at === undefined ? this.#epoch() : instantOf(at, 'at');
    this.#mode = 'frozen';
  }

  /** Runs the clock on from where it stands. */
  resume(): void {
    this.#offsetMs = this.#epoch() - this.machine();
    this.#mode = 'running';
  }

  /** Puts the clock at an instant; a frozen clock stays frozen there, a running one runs on from it. */
  set(at: string): void {
    const instant = instantOf(at, 'at');
    if (this.#mode === 'frozen') this.#frozenAt = instant;
    else this.#offsetMs = instant - this.machine();
  }

  /** Moves the clock by an ISO-8601 duration (`PT2H`, `P1D`, `-PT30M`). */
  advance(duration: string): void {
    let parsed;
    try {
      parsed = parseDuration(duration);
    } catch (error) {
      throw new ClockError((error as Error).message);
    }
    const moved = addDuration(new Date(this.#epoch()), parsed).getTime();
    if (!Number.isFinite(moved) || moved < 0 || moved > MAX_EPOCH_MS) throw new ClockError(`advancing by ${duration} leaves the years 1970–2199`);
    if (this.#mode === 'frozen') this.#frozenAt = moved;
    else this.#offsetMs = moved - this.machine();
  }

  /** Takes over a saved state (a snapshot restored, a reset): frozen at its instant, or running at its offset. */
  restore(state: ClockState): void {
    const at = instantOf(state.now, 'now');
    this.#mode = state.mode;
    this.#frozenAt = at;
    this.#offsetMs = state.mode === 'running' ? state.offsetMs : at - this.machine();
  }
}

const MAX_EPOCH_MS = Date.UTC(2199, 11, 31);
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** An ISO-8601 instant with a zone (`2026-11-23T09:00:00+03:00`), as epoch ms; throws naming the field. */
export function instantOf(text: string, field: string): number {
  const ms = typeof text === 'string' && INSTANT.test(text) && realDate(text) ? Date.parse(text) : Number.NaN;
  if (!Number.isFinite(ms) || ms < 0 || ms > MAX_EPOCH_MS)
    throw new ClockError(
      `${field} ${JSON.stringify(text)} is not valid: expected an ISO-8601 instant with a zone between 1970 and 2199, e.g. 2026-11-23T09:00:00+03:00`,
    );
  return ms;
}

/** Whether the date part names a real calendar day (Date.parse rolls 30 February over to March). */
function realDate(text: string): boolean {
  const [y, m, d] = text.slice(0, 10).split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}
