/**
 * The seed's per-symbol indicators, daily, from the shared causal indicator functions:
 *   garman_klass_vol  Garman-Klass volatility (20-day, daily units)
 *   rsi               Wilder's RSI over 20 days
 *   bb_low/mid/high   Bollinger bands (20 days, 2 std) of log(1 + close), as the seed computes them
 *   atr               ATR(14), normalised
 *   macd              MACD(12, 26) line, normalised
 *   dollar_volume     close × volume in millions
 * The seed normalises ATR and MACD with the mean and standard deviation of the symbol's whole history,
 * which reads the future; here the z-score uses the history up to each day (expanding), same meaning,
 * no look-ahead.
 */
import { atr, bollinger, garmanKlass, macd, rsi, sma } from '../indicators.js';
import type { SymbolBars } from './symbol-bars.js';

export const indicatorNames = [
  'garman_klass_vol',
  'rsi',
  'bb_low',
  'bb_mid',
  'bb_high',
  'atr',
  'macd',
  'dollar_volume',
] as const;
export type IndicatorName = (typeof indicatorNames)[number];
export type IndicatorColumns = Record<IndicatorName, Float64Array>;

export interface IndicatorOptions {
  rsiWindow: number;
  bollingerWindow: number;
  atrWindow: number;
  garmanKlassWindow: number;
  /** Observations an expanding z-score needs before it is defined. */
  normaliseMinPeriods: number;
}

export const defaultIndicatorOptions: IndicatorOptions = {
  rsiWindow: 20,
  bollingerWindow: 20,
  atrWindow: 14,
  garmanKlassWindow: 20,
  normaliseMinPeriods: 20,
};

/**
 * Expanding z-score: (x[t] - mean(x[0..t])) / std(x[0..t]) (sample std), NaN until `minPeriods` finite
 * values have been seen. NaN inputs (warm-up) are skipped. Welford's update keeps it one pass and stable.
 */
export function expandingZScore(x: Float64Array, minPeriods: number): Float64Array {
  const out = new Float64Array(x.length).fill(Number.NaN);
  let n = 0;
  let mean = 0;
  let m2 = 0;
  for (let t = 0; t < x.length; t++) {
    const v = x[t]!;
    if (!Number.isFinite(v)) continue;
    n++;
    const delta = v - mean;
    mean += delta / n;
    m2 += delta * (v - mean);
    if (n >= Math.max(minPeriods, 2)) {
      const std = Math.sqrt(m2 / (n - 1));
      out[t] = std > 0 ? (v - mean) / std : 0;
    }
  }
  return out;
}

export function computeSymbolIndicators(
  bars: SymbolBars,
  options: IndicatorOptions = defaultIndicatorOptions,
): IndicatorColumns {
  const { open, high, low, close, volume } = bars;
  const logClose = close.map((c) => Math.log1p(c));
  const bands = bollinger(logClose, options.bollingerWindow, 2);
  const dollarVolume = new Float64Array(close.length);
  for (let t = 0; t < close.length; t++) dollarVolume[t] = (close[t]! * volume[t]!) / 1e6;
  return {
    garman_klass_vol: garmanKlass(open, high, low, close, options.garmanKlassWindow),
    rsi: rsi(close, options.rsiWindow),
    bb_low: bands.lower,
    bb_mid: sma(logClose, options.bollingerWindow),
    bb_high: bands.upper,
    atr: expandingZScore(atr(high, low, close, options.atrWindow), options.normaliseMinPeriods),
    macd: expandingZScore(macd(close), options.normaliseMinPeriods),
    dollar_volume: dollarVolume,
  };
}
