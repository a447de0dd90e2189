/**
 * The FRED series the market-flow views use, with what each measures, so a fetched series becomes a
 * `MarketSeries` of the right kind: Treasury yields are rates in percent (they move by differences), the
 * dollar index is a level (it moves by log returns). Units as FRED publishes them on each series' page
 * (https://fred.stlouisfed.org/series/DGS10 etc.).
 */
import type { MarketSeries, SeriesKind } from '../market-flow/series.js';
import type { FredObservation } from './fred.js';

export const fredMarketSeries = {
  DGS3MO: { kind: 'rate', what: '3-month Treasury constant-maturity yield, percent, daily' },
  DGS2: { kind: 'rate', what: '2-year Treasury constant-maturity yield, percent, daily' },
  DGS10: { kind: 'rate', what: '10-year Treasury constant-maturity yield, percent, daily' },
  DGS30: { kind: 'rate', what: '30-year Treasury constant-maturity yield, percent, daily' },
  DTWEXBGS: { kind: 'price', what: 'nominal broad U.S. dollar index (Jan 2006 = 100), daily' },
} as const satisfies Record<string, { kind: SeriesKind; what: string }>;
export type FredMarketSeriesId = keyof typeof fredMarketSeries;

/** A fetched FRED series as a market-flow series, labelled `FRED DGS10: ... (first..last)`. */
export function fredToMarketSeries(
  id: string,
  seriesId: FredMarketSeriesId,
  observations: readonly FredObservation[],
): MarketSeries {
  const spec = fredMarketSeries[seriesId];
  const range =
    observations.length > 0 ? `${observations[0]!.date}..${observations.at(-1)!.date}` : 'no data';
  return {
    id,
    dates: observations.map((o) => o.date),
    values: Float64Array.from(observations, (o) => o.value),
    source: { kind: 'real', name: `FRED ${seriesId}: ${spec.what} (${range})` },
    kind: spec.kind,
  };
}
