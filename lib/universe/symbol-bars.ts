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
