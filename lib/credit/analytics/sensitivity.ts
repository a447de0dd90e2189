/**
 * Sensitivity to rate and spread shocks by full revaluation: the caller's valuer re-projects (so
 * prepayments can respond to rates) and re-prices for each shock, and these functions only arrange the
 * shocks and read the results. Effective duration and convexity follow the usual central differences
 * (Fabozzi, "Bond Markets, Analysis, and Strategies", effective duration and convexity).
 */

/** Value under a rate shock and a spread shock, both in decimal (0.01 = 100 bp). */
export type ShockValuer = (rateShock: number, spreadShock: number) => number;

export interface ShockPoint {
  rateShockBp: number;
  spreadShockBp: number;
  value: number;
  /** value − base value. */
  change: number;
  /** change / base value. */
  changeRatio: number;
}

export function shockGrid(
  valuer: ShockValuer,
  rateShocksBp: readonly number[],
  spreadShocksBp: readonly number[] = [0],
): ShockPoint[] {
  const base = valuer(0, 0);
  const points: ShockPoint[] = [];
  for (const rateShockBp of rateShocksBp) {
    for (const spreadShockBp of spreadShocksBp) {
      const value = valuer(rateShockBp / 10_000, spreadShockBp / 10_000);
      points.push({
        rateShockBp,
        spreadShockBp,
        value,
        change: value - base,
        changeRatio: (value - base) / base,
      });
    }
  }
  return points;
}

export interface EffectiveMeasures {
  base: number;
  /** −(P₊ − P₋) / (2 · P₀ · Δy), in years. */
  duration: number;
  /** (P₊ + P₋ − 2 · P₀) / (P₀ · Δy²), in years². */
  convexity: number;
}

/** Effective duration and convexity to rates (`on: 'rate'`) or to the spread, from ±shockBp revaluations. */
export function effectiveMeasures(
  valuer: ShockValuer,
  shockBp = 25,
  on: 'rate' | 'spread' = 'rate',
): EffectiveMeasures {
  const dy = shockBp / 10_000;
  const at = (shock: number) => (on === 'rate' ? valuer(shock, 0) : valuer(0, shock));
  const base = at(0);
  const up = at(dy);
  const down = at(-dy);
  return {
    base,
    duration: (down - up) / (2 * base * dy),
    convexity: (up + down - 2 * base) / (base * dy * dy),
  };
}
