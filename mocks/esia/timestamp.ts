/** ESIA's `timestamp` parameter: `yyyy.MM.dd HH:mm:ss +ZZZZ` (docs/esia.md), checked for skew. */
import { EsiaError } from './errors.ts';

const PATTERN = /^(\d{4})\.(\d{2})\.(\d{2}) (\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2})$/;
export const MAX_SKEW_MS = 5 * 60_000;

export function parseEsiaTimestamp(text: string): Date {
  const m = PATTERN.exec(text);
  if (!m) throw new EsiaError('007015', `timestamp ${JSON.stringify(text)}: expected yyyy.MM.dd HH:mm:ss +ZZZZ`);
  const [, y, mo, d, h, mi, s, sign, oh, om] = m;
  const local = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)));
  if (local.getUTCMonth() !== Number(mo) - 1 || local.getUTCDate() !== Number(d) || local.getUTCHours() !== Number(h) || local.getUTCMinutes() !== Number(mi)) {
    throw new EsiaError('007015', `timestamp ${JSON.stringify(text)} is not a real date and time`);
  }
  const offset = (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om));
  return new Date(local.getTime() - offset * 60_000);
}

export function checkTimestamp(text: string, now: Date): void {
  const at = parseEsiaTimestamp(text);
  if (Math.abs(at.getTime() - now.getTime()) > MAX_SKEW_MS) {
    throw new EsiaError('007015', `timestamp ${text} differs from the server time by more than ${MAX_SKEW_MS / 60_000} minutes`);
  }
}

/** Formats a date the way ESIA clients do, in Moscow time. */
export function formatEsiaTimestamp(date: Date): string {
  const msk = new Date(date.getTime() + 3 * 3_600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${msk.getUTCFullYear()}.${p(msk.getUTCMonth() + 1)}.${p(msk.getUTCDate())} ${p(msk.getUTCHours())}:${p(msk.getUTCMinutes())}:${p(msk.getUTCSeconds())} +0300`;
}
