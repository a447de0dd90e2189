/**
 * One symbol's daily bars as columns, the unit of work of the per-symbol stage. Views into a MarketData
 * table (no copy of the numbers), so a chunk of symbols costs no more memory than the table itself.
 */
import { symbolRanges, type MarketData } from '../market-data.js';

export interface SymbolBars {
  symbol: string;
  /** YYYY-MM-DD, ascending. */
  date: string[];
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
}

/** Every symbol of a table sorted by symbol then date (the canonical order of MarketData). */
export function splitBySymbol(data: MarketData): SymbolBars[] {
  return symbolRanges(data).map(({ symbol, start, end }) => ({
    symbol,
    date: data.date.slice(start, end),
    open: data.open.subarray(start, end),
    high: data.high.subarray(start, end),
    low: data.low.subarray(start, end),
    close: data.close.subarray(start, end),
    volume: data.volume.subarray(start, end),
  }));
}

/** Consecutive chunks of at most `size` items: how the per-symbol stage is spread over workers. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 1)
    throw new RangeError(`chunk size must be a positive integer, got ${size}`);
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Pseudo-bars for a series known only by its returns (the packaged portfolios' monthly returns): close is
 * the cumulative index from `start`, open the previous close (so the bar's body is the period's return and
 * Garman-Klass reads it), high and low the body's ends, volume NaN (no dollar volume, so no liquidity
 * ranking: use liquidity.topN null). A NaN return ends the usable history there.
 */
export function barsFromReturns(
  symbol: string,
  dates: string[],
  periodReturns: Float64Array,
  start = 100,
): SymbolBars {
  const n = dates.length;
  const close = new Float64Array(n);
  const open = new Float64Array(n);
  let level = start;
  for (let t = 0; t < n; t++) {
    open[t] = level;
    level *= 1 + periodReturns[t]!;
    close[t] = level;
  }
  const high = close.map((c, t) => Math.max(c, open[t]!));
  const low = close.map((c, t) => Math.min(c, open[t]!));
  return { symbol, date: dates, open, high, low, close, volume: new Float64Array(n).fill(Number.NaN) };
}
