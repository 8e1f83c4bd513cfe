import { describe, expect, it } from 'vitest';
import { ClockError, SandboxClock, type ClockState } from './clock.ts';

/** A machine clock the test moves by hand, so that every reading is exact. */
function machineAt(iso: string) {
  let ms = Date.parse(iso);
  return {
    read: () => ms,
    tick: (by: number) => {
      ms += by;
    },
  };
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe('SandboxClock', () => {
  it('runs with the machine: a new clock reads the machine, and moves as the machine moves', () => {
    const machine = machineAt('2026-11-23T09:00:00Z');
    const clock = new SandboxClock(null, machine.read);
    expect(clock.state()).toEqual({ mode: 'running', now: '2026-11-23T09:00:00.000Z', offsetMs: 0 });
    machine.tick(90_000);
    expect(clock.state()).toEqual({ mode: 'running', now: '2026-11-23T09:01:30.000Z', offsetMs: 0 });
    expect(clock.now()).toEqual(new Date('2026-11-23T09:01:30.000Z'));
  });

  it('runs from a given instant at a fixed distance ahead of the machine', () => {
    const machine = machineAt('2026-11-23T09:00:00Z');
    const clock = new SandboxClock({ mode: 'running', now: '2026-11-25T12:00:00+03:00' }, machine.read);
    expect(clock.state()).toEqual({ mode: 'running', now: '2026-11-25T09:00:00.000Z', offsetMs: 2 * DAY });
    machine.tick(HOUR);
    expect(clock.state()).toEqual({ mode: 'running', now: '2026-11-25T10:00:00.000Z', offsetMs: 2 * DAY });
  });

  it('starts frozen at a given instant and stays there while the machine moves', () => {
    const machine = machineAt('2026-11-23T09:00:00Z');
    const clock = new SandboxClock({ mode: 'frozen', now: '2026-09-01T08:00:00Z' }, machine.read);
    machine.tick(5 * HOUR);
    expect(clock.state()).toEqual({ mode: 'frozen', now: '2026-09-01T08:00:00.000Z', offsetMs: Date.parse('2026-09-01T08:00:00Z') - machine.read() });
  });

  it('freezes where it stands: the machine moves on, the clock does not', () => {
    const machine = machineAt('2026-11-23T09:00:00Z');
    const clock = new SandboxClock(null, machine.read);
    machine.tick(10 * MINUTE);
    clock.freeze();
    machine.tick(HOUR);
    expect(clock.state()).toEqual({ mode: 'frozen', now: '2026-11-23T09:10:00.000Z', offsetMs: -HOUR });
    machine.tick(DAY);
    expect(clock.now()).toEqual(new Date('2026-11-23T09:10:00.000Z'));
  });

  it('freezes at a given instant', () => {
    const machine = machineAt('2026-11-23T09:00:00Z');
    const clock = new SandboxClock(null, machine.read);
    clock.freeze('2026-12-31T23:59:00+03:00');
    machine.tick(HOUR);
    expect(clock.state()).toEqual({ mode: 'frozen', now: '2026-12-31T20:59:00.000Z', offsetMs: Date.parse('2026-12-31T20:59:00Z') - machine.read() });
  });

  it('resumes from where it stood, without jumping back to the machine time', () => {
    const machine = machineAt('2026-11-23T09:00:00Z');
    const clock = new SandboxClock(null, machine.read);
    clock.freeze();
    machine.tick(HOUR);
    clock.resume();
    expect(clock.state()).toEqual({ mode: 'running', now: '2026-11-23T09:00:00.000Z', offsetMs: -HOUR });
    machine.tick(10 * MINUTE);
    expect(clock.state()).toEqual({ mode: 'running', now: '2026-11-23T09:10:00.000Z', offsetMs: -HOUR });
  });

  it('resuming a running clock changes nothing', () => {
    const machine = machineAt('2026-11-23T09:00:00Z');
    const clock = new SandboxClock({ mode: 'running', now: '2026-11-23T10:00:00Z' }, machine.read);
    clock.resume();
    machine.tick(MINUTE);
    expect(clock.state()).toEqual({ mode: 'running', now: '2026-11-23T10:01:00.000Z', offsetMs: HOUR });
  });

  it('sets a frozen clock: it stays frozen at the new instant', () => {
    const machine = machineAt('2026-11-23T09:00:00Z');
    const clock = new SandboxClock({ mode: 'frozen', now: '2026-11-23T09:00:00Z' }, machine.read);
    clock.set('2027-05-25T08:30:00+03:00');
    machine.tick(HOUR);
    expect(clock.state()).toEqual({ mode: 'frozen', now: '2027-05-25T05:30:00.000Z', offsetMs: Date.parse('2027-05-25T05:30:00Z') - machine.read() });
  });

  it('sets a running clock: it runs on from the new instant', () => {
    const machine = machineAt('2026-11-23T09:00:00Z');
    const clock = new SandboxClock(null, machine.read);
    clock.set('2026-11-20T09:00:00Z');
    expect(clock.state()).toEqual({ mode: 'running', now: '2026-11-20T09:00:00.000Z', offsetMs: -3 * DAY });
    machine.tick(30 * MINUTE);
    expect(clock.state()).toEqual({ mode: 'running', now: '2026-11-20T09:30:00.000Z', offsetMs: -3 * DAY });
  });

  it.each([
    { from: '2026-11-23T09:00:00Z', by: 'PT2H', to: '2026-11-23T11:00:00.000Z' },
    { from: '2026-11-23T09:00:00Z', by: 'P1D', to: '2026-11-24T09:00:00.000Z' },
    { from: '2026-11-23T09:00:00Z', by: '-PT30M', to: '2026-11-23T08:30:00.000Z' },
    { from: '2027-01-31T10:00:00Z', by: 'P1M', to: '2027-02-28T10:00:00.000Z' },
    { from: '2026-11-23T09:00:00Z', by: 'PT0.5S', to: '2026-11-23T09:00:00.500Z' },
  ])('advances a frozen clock from $from by $by to $to', ({ from, by, to }) => {
    const machine = machineAt('2026-11-23T09:00:00Z');
    const clock = new SandboxClock({ mode: 'frozen', now: from }, machine.read);
    clock.advance(by);
    expect(clock.state()).toEqual({ mode: 'frozen', now: to, offsetMs: Date.parse(to) - machine.read() });
  });

  it('advances a running clock, which keeps running from there', () => {
    const machine = machineAt('2026-11-23T09:00:00Z');
    const clock = new SandboxClock(null, machine.read);
    clock.advance('PT2H');
    expect(clock.state()).toEqual({ mode: 'running', now: '2026-11-23T11:00:00.000Z', offsetMs: 2 * HOUR });
    machine.tick(MINUTE);
    clock.advance('-PT30M');
    expect(clock.state()).toEqual({ mode: 'running', now: '2026-11-23T10:31:00.000Z', offsetMs: 90 * MINUTE });
  });

  it.each(['2 hours', 'P', ''])('refuses to advance by %j, naming the value and the accepted form, and stays put', (by) => {
    const machine = machineAt('2026-11-23T09:00:00Z');
    const clock = new SandboxClock({ mode: 'frozen', now: '2026-11-23T09:00:00Z' }, machine.read);
    const attempt = () => clock.advance(by);
    expect(attempt).toThrow(ClockError);
    expect(attempt).toThrow(`duration ${JSON.stringify(by)} is not valid: expected ISO-8601, e.g. PT2H, P1D, P1M, -PT30M`);
    expect(clock.state()).toEqual({ mode: 'frozen', now: '2026-11-23T09:00:00.000Z', offsetMs: 0 });
  });

  it('refuses to advance past the year 2199', () => {
    const clock = new SandboxClock({ mode: 'frozen', now: '2026-11-23T09:00:00Z' }, machineAt('2026-11-23T09:00:00Z').read);
    expect(() => clock.advance('P200Y')).toThrow(new ClockError('advancing by P200Y leaves the years 1970–2199'));
    expect(clock.state().now).toBe('2026-11-23T09:00:00.000Z');
  });

  it.each(['yesterday', '2026-11-23', '2026-13-01T00:00:00Z'])('refuses to set the clock to %j, naming the field', (at) => {
    const clock = new SandboxClock({ mode: 'frozen', now: '2026-11-23T09:00:00Z' }, machineAt('2026-11-23T09:00:00Z').read);
    const message = `at ${JSON.stringify(at)} is not valid: expected an ISO-8601 instant with a zone between 1970 and 2199, e.g. 2026-11-23T09:00:00+03:00`;
    expect(() => clock.set(at)).toThrow(ClockError);
    expect(() => clock.set(at)).toThrow(message);
    expect(() => clock.freeze(at)).toThrow(message);
    expect(clock.state()).toEqual({ mode: 'frozen', now: '2026-11-23T09:00:00.000Z', offsetMs: 0 });
  });

  it('refuses a bad starting instant, naming the field `now`', () => {
    expect(() => new SandboxClock({ mode: 'running', now: 'yesterday' }, () => 0)).toThrow(
      new ClockError('now "yesterday" is not valid: expected an ISO-8601 instant with a zone between 1970 and 2199, e.g. 2026-11-23T09:00:00+03:00'),
    );
  });

  it.each([
    { now: '2026-11-23T22:30:00Z', today: '2026-11-24' },
    { now: '2026-11-23T20:59:59Z', today: '2026-11-23' },
    { now: '2026-11-23T21:00:00Z', today: '2026-11-24' },
    { now: '2026-12-31T21:00:00Z', today: '2027-01-01' },
  ])('shows $now as today $today in Moscow (UTC+3)', ({ now, today }) => {
    const machine = machineAt(now);
    const clock = new SandboxClock({ mode: 'frozen', now }, machine.read);
    expect(clock.view()).toEqual({ mode: 'frozen', now: new Date(now).toISOString(), offsetMs: 0, today });
  });

  it('restores a frozen state at its instant, whatever the machine time', () => {
    const machine = machineAt('2026-11-23T09:00:00Z');
    const saved: ClockState = new SandboxClock({ mode: 'frozen', now: '2026-09-01T08:00:00Z' }, machine.read).state();
    expect(saved).toEqual({
      mode: 'frozen',
      now: '2026-09-01T08:00:00.000Z',
      offsetMs: Date.parse('2026-09-01T08:00:00Z') - Date.parse('2026-11-23T09:00:00Z'),
    });

    const later = machineAt('2026-11-30T12:00:00Z');
    const restored = new SandboxClock(null, later.read);
    restored.restore(saved);
    later.tick(HOUR);
    expect(restored.state()).toEqual({ mode: 'frozen', now: '2026-09-01T08:00:00.000Z', offsetMs: Date.parse('2026-09-01T08:00:00Z') - later.read() });
  });

  it('restores a running state by its offset, not its instant', () => {
    const machine = machineAt('2026-11-23T09:00:00Z');
    const saved = new SandboxClock({ mode: 'running', now: '2026-11-25T09:00:00Z' }, machine.read).state();
    expect(saved).toEqual({ mode: 'running', now: '2026-11-25T09:00:00.000Z', offsetMs: 2 * DAY });

    const later = machineAt('2026-11-23T14:00:00Z');
    const restored = new SandboxClock({ mode: 'frozen', now: '2026-01-01T00:00:00Z' }, later.read);
    restored.restore(saved);
    expect(restored.state()).toEqual({ mode: 'running', now: '2026-11-25T14:00:00.000Z', offsetMs: 2 * DAY });
    later.tick(MINUTE);
    expect(restored.state()).toEqual({ mode: 'running', now: '2026-11-25T14:01:00.000Z', offsetMs: 2 * DAY });
  });

  it('round-trips state() through restore() on the same machine', () => {
    const machine = machineAt('2026-11-23T09:00:00Z');
    const clock = new SandboxClock(null, machine.read);
    clock.advance('P3D');
    const running = clock.state();
    clock.freeze('2026-01-01T00:00:00Z');
    clock.restore(running);
    expect(clock.state()).toEqual(running);
    clock.freeze();
    const frozen = clock.state();
    clock.resume();
    clock.advance('PT1H');
    clock.restore(frozen);
    expect(clock.state()).toEqual(frozen);
  });

  it('refuses to restore a state with a bad instant, naming the field `now`', () => {
    const clock = new SandboxClock(null, machineAt('2026-11-23T09:00:00Z').read);
    expect(() => clock.restore({ mode: 'frozen', now: '2026-11-23', offsetMs: 0 })).toThrow(
      new ClockError('now "2026-11-23" is not valid: expected an ISO-8601 instant with a zone between 1970 and 2199, e.g. 2026-11-23T09:00:00+03:00'),
    );
    expect(clock.state()).toEqual({ mode: 'running', now: '2026-11-23T09:00:00.000Z', offsetMs: 0 });
  });
});
