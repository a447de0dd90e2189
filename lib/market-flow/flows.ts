/**
 * Money-flow measures from market values (MV, in USD) at the start and end of a range. Without fund-flow
 * data, a "flow" here is the value that moved between holdings beyond proportional growth: the shift of
 * each holding's share of the total, priced at the end. It is driven by relative performance as much as
 * by new money, and it is zero-sum by construction.
 *
 *   flow intensity     g = (MV_end - MV_start) / MV_start            the change in market value, normalised
 *                                                                     by where it started
 *   share              s_j = MV_j / (MV_i + MV_j)                     target j's share of a pair
 *   net flow (pair)    Δs = s_j,end - s_j,start                       i → j when positive; reported in
 *                      amount = Δs · (MV_i,end + MV_j,end)            percentage points (100·Δs) and USD
 *   net flow (member)  f_k = (w_k,end - w_k,start) · Σ MV_end         w_k = MV_k / Σ MV; Σ f_k = 0
 *   flow score         z = (ln(MV_j,e / MV_j,s) - ln(MV_i,e / MV_i,s)) / (σ_rel · sqrt(τ))
 *                      the relative move in standard deviations: σ_rel is the annualised volatility of the
 *                      difference of the two log returns (σ_i² + σ_j² - 2ρσ_iσ_j, so correlation weighs
 *                      in) and τ the range's length in years. A flow between two calm holdings scores
 *                      higher than the same flow between two volatile ones.
 */

export function flowIntensity(start: number, end: number): number {
  return (end - start) / start;
}

export interface PairFlow {
  /** s_target,end - s_target,start: positive when value moved from source to target. */
  shareShift: number;
  /** shareShift × the pair's combined value at the end, in USD. */
  amount: number;
}

export function pairNetFlow(
  sourceStart: number,
  sourceEnd: number,
  targetStart: number,
  targetEnd: number,
): PairFlow {
  const shareShift = targetEnd / (sourceEnd + targetEnd) - targetStart / (sourceStart + targetStart);
  return { shareShift, amount: shareShift * (sourceEnd + targetEnd) };
}

/** z-score of the relative log return; 0 when the two never move apart (σ_rel = 0). */
export function flowScore(relativeLogReturn: number, relativeVolatility: number, years: number): number {
  const scale = relativeVolatility * Math.sqrt(years);
  return scale > 0 ? relativeLogReturn / scale : 0;
}

/** Each member's net flow in USD: the change of its share of the total, priced at the end. Sums to 0. */
export function shareShiftFlows(start: Float64Array, end: Float64Array): Float64Array {
  let totalStart = 0;
  let totalEnd = 0;
  for (let k = 0; k < start.length; k++) {
    totalStart += start[k]!;
    totalEnd += end[k]!;
  }
  return Float64Array.from(start, (s, k) => (end[k]! / totalEnd - s / totalStart) * totalEnd);
}

export interface DirectedFlow {
  source: string;
  target: string;
  /** USD, never negative: the pair is oriented from the side that lost share to the side that gained it. */
  amount: number;
  /** Percentage points of the pair's combined value that moved, never negative. */
  netFlowPercent: number;
}

/** Net flows between every pair of members (i < j in the given order unless the flow runs j → i). */
export function netFlowsBetween(
  ids: readonly string[],
  start: Float64Array,
  end: Float64Array,
): DirectedFlow[] {
  const out: DirectedFlow[] = [];
  for (let i = 0; i < ids.length; i++) {
    for (let j = i + 1; j < ids.length; j++) {
      const flow = pairNetFlow(start[i]!, end[i]!, start[j]!, end[j]!);
      const forward = flow.shareShift >= 0;
      out.push({
        source: forward ? ids[i]! : ids[j]!,
        target: forward ? ids[j]! : ids[i]!,
        amount: Math.abs(flow.amount),
        netFlowPercent: 100 * Math.abs(flow.shareShift),
      });
    }
  }
  return out;
}
