/** What both views are computed from: prepared series, the snapshot's times, and the shared options. */
import type { PreparedSeries, SourceLabel } from './series.js';
import type { Unavailable, UnavailableReason } from './time-range.js';

export interface MarketFlowOptions {
  /** Returns the statistics of a range use at least (time-range.ts): 20, about a month of trading days. */
  minReturns: number;
}

export const defaultMarketFlowOptions: MarketFlowOptions = { minReturns: 20 };

export interface ViewContext {
  series: ReadonlyMap<string, PreparedSeries>;
  /** When the snapshot was made (ISO), carried into every view. */
  timestamp: string;
  /** Epoch day the views describe: every range ends here. */
  asOf: number;
  options: MarketFlowOptions;
}

/** Something left out of a view, and why: a node, an edge (`stocks-bonds`), a region's field. */
export interface UnavailableItem {
  id: string;
  field?: string;
  reason: UnavailableReason;
  message: string;
}

export const leftOut = (id: string, why: Unavailable, field?: string): UnavailableItem => ({
  id,
  ...(field === undefined ? {} : { field }),
  reason: why.reason,
  message: why.message,
});

/** Synthetic when any part is: a mix is never passed off as real. */
export function combinedSource(parts: readonly SourceLabel[]): SourceLabel {
  const names = [...new Set(parts.map((p) => p.name))];
  return { kind: parts.some((p) => p.kind === 'synthetic') ? 'synthetic' : 'real', name: names.join('; ') };
}
