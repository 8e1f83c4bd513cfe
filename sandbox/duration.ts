/**
 * ISO-8601 durations for moving a sandbox's clock (`PT2H`, `P1D`, `P1M`, `-PT30M`), parsed by
 * tinyduration. Years and months are calendar steps (31 January + P1M = 28 February), the rest
 * fixed lengths, as in Temporal's `Instant.add` on a calendar date.
 */
import { parse, type Duration } from 'tinyduration';

export class DurationError extends Error {
  override readonly name = 'DurationError';
}

export function parseDuration(text: string): Duration {
  if (typeof text !== 'string' || text.length > 64)
    throw new DurationError(`duration ${JSON.stringify(text)} is not valid: expected ISO-8601, e.g. PT2H, P1D, P1M, -PT30M`);
  try {
    const duration = parse(text.trim());
    if (!Number.isInteger(duration.years ?? 0) || !Number.isInteger(duration.months ?? 0))
      throw new DurationError(`duration ${JSON.stringify(text)} is not valid: years and months must be whole (calendar steps), e.g. P1M`);
    return duration;
  } catch (error) {
    if (error instanceof DurationError) throw error;
    throw new DurationError(`duration ${JSON.stringify(text)} is not valid: expected ISO-8601, e.g. PT2H, P1D, P1M, -PT30M`);
  }
}

/** `instant` moved by the duration. */
export function addDuration(instant: Date, duration: Duration): Date {
  const sign = duration.negative ? -1 : 1;
  const moved = new Date(instant.getTime());
  const months = (duration.years ?? 0) * 12 + (duration.months ?? 0);
  if (months !== 0) {
    const day = moved.getUTCDate();
    moved.setUTCDate(1);
    moved.setUTCMonth(moved.getUTCMonth() + sign * Math.trunc(months));
    const lastDay = new Date(Date.UTC(moved.getUTCFullYear(), moved.getUTCMonth() + 1, 0)).getUTCDate();
    moved.setUTCDate(Math.min(day, lastDay));
  }
  const ms =
    ((duration.weeks ?? 0) * 7 * 86_400 +
      (duration.days ?? 0) * 86_400 +
      (duration.hours ?? 0) * 3_600 +
      (duration.minutes ?? 0) * 60 +
      (duration.seconds ?? 0)) *
    1000;
  return new Date(moved.getTime() + sign * Math.round(ms));
}
