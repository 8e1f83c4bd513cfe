/**
 * The age pyramid of Russian school teachers (docs/world-realism.md «Ages»): few young teachers,
 * more over 60 than under 35, as the OO-1 returns of 2024 show for most regions. The shares per
 * band are estimates shaped on that pattern.
 */
const BANDS: readonly { readonly from: number; readonly to: number; readonly share: number }[] = [
  { from: 21, to: 25, share: 0.04 },
  { from: 25, to: 35, share: 0.14 },
  { from: 35, to: 45, share: 0.22 },
  { from: 45, to: 55, share: 0.25 },
  { from: 55, to: 60, share: 0.14 },
  { from: 60, to: 65, share: 0.11 },
  { from: 65, to: 75, share: 0.1 },
];

/** A teacher's age in years (fractional) on 1 September, from two uniform rolls: the band, then the place in it. */
export function teacherAge(bandRoll: number, placeRoll: number): number {
  let left = bandRoll;
  for (const band of BANDS) {
    if (left < band.share) return band.from + placeRoll * (band.to - band.from);
    left -= band.share;
  }
  const last = BANDS[BANDS.length - 1] as (typeof BANDS)[number];
  return last.from + placeRoll * (last.to - last.from);
}
