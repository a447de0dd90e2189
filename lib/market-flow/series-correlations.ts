/**
 * The correlation matrix of every input series for one range (the history a heat map or a notebook reads):
 * pairwise, each pair at the coarser of its frequencies over the statistics window (pair-returns.ts).
 * A series that cannot serve the range has NaN in its row and column and its reason in `unavailable`.
 */
import { pairCorrelation } from './pair-returns.js';
import type { PreparedSeries } from './series.js';
import { changeWindow, type TimeRange } from './time-range.js';
import { leftOut, type UnavailableItem } from './view-context.js';

export interface SeriesCorrelations {
  ids: string[];
  /** n × n, row-major; NaN where a pair has no correlation. */
  values: Float64Array;
  /** Returns each pair's correlation was computed on, n × n. */
  returns: Int32Array;
  unavailable: UnavailableItem[];
}

export function seriesCorrelations(
  series: readonly PreparedSeries[],
  range: TimeRange,
  asOf: number,
  minReturns: number,
): SeriesCorrelations {
  const n = series.length;
  const values = new Float64Array(n * n).fill(Number.NaN);
  const returns = new Int32Array(n * n);
  const unavailable: UnavailableItem[] = [];
  const serving = series.map((s) => {
    const w = changeWindow(s, range, asOf);
    if (!w.available) unavailable.push(leftOut(s.id, w));
    return w.available;
  });
  for (let i = 0; i < n; i++) {
    if (!serving[i]) continue;
    for (let j = i; j < n; j++) {
      if (!serving[j]) continue;
      const rho = pairCorrelation(series[i]!, series[j]!, range, asOf, minReturns);
      if (!rho.available) {
        if (i !== j) unavailable.push(leftOut(`${series[i]!.id}-${series[j]!.id}`, rho));
        continue;
      }
      values[i * n + j] = values[j * n + i] = rho.correlation;
      returns[i * n + j] = returns[j * n + i] = rho.returns;
    }
  }
  return { ids: series.map((s) => s.id), values, returns, unavailable };
}
