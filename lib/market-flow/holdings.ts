/**
 * A holding's market value in USD over a range: a price series scaled so that it is worth `marketValue`
 * at the snapshot's `anchor` date (MV_t = marketValue · P_t / P_anchor, times FX_t / FX_anchor when the
 * price is in another currency), or the series itself when it already is a market value in USD. Scaling
 * one number by the price keeps the history honest: the changes are the series' own.
 */
import { lastIndexAtOrBefore } from './calendar.js';
import type { PreparedSeries } from './series.js';
import { changeWindow, type TimeRange, type Unavailable } from './time-range.js';

export interface Holding {
  series: PreparedSeries;
  /** USD at the anchor date; omitted when the series is a USD market value. */
  marketValue?: number;
  /** Value of one unit of the series' currency in USD, when it is not USD. */
  fx?: PreparedSeries;
}

export interface HoldingWindow {
  available: true;
  /** USD at the baseline and at the end of the range. */
  start: number;
  end: number;
  /** Price change over the range in the series' own currency, a fraction. */
  priceChange: number;
  /** ln(end / start) in USD. */
  logReturn: number;
}

function scaleAt(series: PreparedSeries, index: number, anchor: number): number {
  const ref = lastIndexAtOrBefore(series.times, anchor);
  return series.values[index]! / series.values[Math.max(ref, 0)]!;
}

/** The holding's USD value at the start and end of `range` ending at `windowEnd`, valued against `anchor`. */
export function holdingWindow(
  holding: Holding,
  range: TimeRange,
  windowEnd: number,
  anchor: number,
): HoldingWindow | Unavailable {
  const price = changeWindow(holding.series, range, windowEnd);
  if (!price.available) return price;
  const { marketValue } = holding;
  const valueAt = (index: number) =>
    marketValue === undefined
      ? holding.series.values[index]!
      : marketValue * scaleAt(holding.series, index, anchor);
  let start = valueAt(price.baseIndex);
  let end = valueAt(price.endIndex);
  if (holding.fx) {
    const fx = changeWindow(holding.fx, range, windowEnd);
    if (!fx.available) return fx;
    start *= scaleAt(holding.fx, fx.baseIndex, anchor);
    end *= scaleAt(holding.fx, fx.endIndex, anchor);
  }
  return { available: true, start, end, priceChange: price.change, logReturn: Math.log(end / start) };
}
