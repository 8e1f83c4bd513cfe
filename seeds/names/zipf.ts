/**
 * Zipf–Mandelbrot weights for name lists ranked by frequency: weight of rank r is 1 / (r + 4)^0.9.
 * With 60 names the first takes 6.6 % and the first 20 about 60 %, as in ЗАГС statistics
 * (docs/world-realism.md «Names»).
 */
const cache = new Map<number, Float64Array>();

function cumulative(count: number): Float64Array {
  const cached = cache.get(count);
  if (cached) return cached;
  const weights = Array.from({ length: count }, (_, i) => 1 / (i + 5) ** 0.9);
  const total = weights.reduce((a, b) => a + b, 0);
  let running = 0;
  const table = Float64Array.from(weights, (w) => (running += w / total));
  cache.set(count, table);
  return table;
}

/** The rank picked from a list of `count` for a uniform u in [0, 1). */
export function zipfRank(count: number, u: number): number {
  const table = cumulative(count);
  let lo = 0;
  let hi = table.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (u < (table[mid] ?? 1)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
