/**
 * Check digits of Russian identifiers (docs/world-realism.md «Identifiers»).
 * Each generator takes the body digits and returns the full number as a string.
 */

function digitsOf(text: string): number[] {
  return [...text].map((c) => c.charCodeAt(0) - 48);
}

function weighted(digits: readonly number[], weights: readonly number[]): number {
  return weights.reduce((sum, w, i) => sum + w * (digits[i] ?? 0), 0);
}

/** СНИЛС control number over a 9-digit body (weights 9..1, mod 101, 100 → 00). */
export function snilsControl(body: string): string {
  const sum = weighted(digitsOf(body), [9, 8, 7, 6, 5, 4, 3, 2, 1]);
  const control = sum < 100 ? sum : sum === 100 || sum === 101 ? 0 : sum % 101 === 100 ? 0 : sum % 101;
  return String(control).padStart(2, '0');
}

/** `XXX-XXX-XXX YY` from a 9-digit body. */
export function formatSnils(body: number): string {
  const b = String(body).padStart(9, '0');
  return `${b.slice(0, 3)}-${b.slice(3, 6)}-${b.slice(6, 9)} ${snilsControl(b)}`;
}

export function isValidSnils(snils: string): boolean {
  const m = /^(\d{3})-(\d{3})-(\d{3}) (\d{2})$/.exec(snils);
  if (!m) return false;
  const body = `${m[1]}${m[2]}${m[3]}`;
  if (Number(body) <= 1_001_998) return false;
  return snilsControl(body) === m[4];
}

const INN10 = [2, 4, 10, 3, 5, 9, 4, 6, 8];
const INN12_1 = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
const INN12_2 = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
const mod11 = (n: number): number => (n % 11) % 10;

/** ИНН of a legal entity from a 9-digit body. */
export function legalInn(body9: string): string {
  return body9 + String(mod11(weighted(digitsOf(body9), INN10)));
}

/** ИНН of a person from a 10-digit body. */
export function personalInn(body10: string): string {
  const c1 = mod11(weighted(digitsOf(body10), INN12_1));
  const c2 = mod11(weighted(digitsOf(body10 + String(c1)), INN12_2));
  return `${body10}${c1}${c2}`;
}

export function isValidInn(inn: string): boolean {
  if (/^\d{10}$/.test(inn)) return legalInn(inn.slice(0, 9)) === inn;
  if (/^\d{12}$/.test(inn)) return personalInn(inn.slice(0, 10)) === inn;
  return false;
}

/** ОГРН from its 12-digit body: check digit = (body mod 11) mod 10. */
export function ogrn(body12: string): string {
  return body12 + String(Number(BigInt(body12) % 11n) % 10);
}

export function isValidOgrn(value: string): boolean {
  return /^[15]\d{12}$/.test(value) && ogrn(value.slice(0, 12)) === value;
}

/** КПП: tax office (4) + reason (01 head office, 43 branch) + serial (3). */
export function isValidKpp(kpp: string): boolean {
  return /^\d{4}(01|43)\d{3}$/.test(kpp);
}
