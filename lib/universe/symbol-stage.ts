/**
 * The per-symbol stage: everything that needs one symbol's bars and nothing of the other symbols, so it
 * can run on any worker for any chunk of symbols and the results can simply be concatenated.
 *   daily bars → indicators → monthly columns (month-end indicators, mean and rolling dollar volume,
 *   returns over 1..12 months) → rolling factor betas of the monthly excess return.
 * Betas are shifted by one month as in the seed: the row of month m carries the betas estimated through
 * month m - 1, so a month's features never use that month's factor returns.
 */
import { returns } from '../indicators.js';
import { alignFactors, type FactorSet } from './factors.js';
import {
  monthEndValues,
  monthlyMeans,
  monthlyReturns,
  monthRanges,
  returnLags,
  rollingMean,
} from './monthly.js';
import type { UniverseOptions } from './options.js';
import { rollingBetas } from './rolling-betas.js';
import type { SymbolBars } from './symbol-bars.js';
import { computeSymbolIndicators, indicatorNames, type IndicatorColumns } from './symbol-indicators.js';

export interface SymbolAnalysis {
  symbol: string;
  /** 'YYYY-MM', ascending. */
  months: string[];
  /**
   * Monthly columns: the indicators at month end (dollar_volume as the month's mean), dollar_volume_rolling,
   * close, return_1m..return_12m, and one column per factor of the factor set (its beta) when factors were given.
   */
  monthly: Record<string, Float64Array>;
  /** Simple daily returns on the symbol's dates (the first is NaN): the portfolio stage's input. */
  daily: { dates: string[]; returns: Float64Array };
  /** The daily indicators, when asked for (the API serves them per symbol). */
  indicators?: IndicatorColumns;
}

export function analyseSymbol(
  bars: SymbolBars,
  factors: FactorSet | undefined,
  options: UniverseOptions,
  keepDailyIndicators = false,
): SymbolAnalysis {
  const indicators = computeSymbolIndicators(bars, options.indicators);
  const ranges = monthRanges(bars.date);
  const monthly: Record<string, Float64Array> = {};
  for (const name of indicatorNames) {
    monthly[name] =
      name === 'dollar_volume'
        ? monthlyMeans(indicators[name], ranges)
        : monthEndValues(indicators[name], ranges);
  }
  const { windowMonths, minMonths } = options.liquidity;
  monthly.dollar_volume_rolling = rollingMean(monthly.dollar_volume!, windowMonths, minMonths);
  const close = monthEndValues(bars.close, ranges);
  monthly.close = close;
  for (const lag of returnLags) monthly[`return_${lag}m`] = monthlyReturns(ranges.months, close, lag);

  if (factors) {
    const aligned = alignFactors(factors.table, ranges.months, factors.factors);
    const rf =
      'RF' in factors.table.columns ? alignFactors(factors.table, ranges.months, ['RF'])[0]! : undefined;
    const oneMonth = monthly.return_1m!;
    const excess = rf ? oneMonth.map((r, m) => r - rf[m]!) : oneMonth;
    const fit = rollingBetas(excess, aligned, options.betas);
    factors.factors.forEach((name, k) => {
      const shifted = new Float64Array(close.length).fill(Number.NaN);
      shifted.set(fit.betas[k]!.subarray(0, close.length - 1), 1);
      monthly[name] = shifted;
    });
  }

  const analysis: SymbolAnalysis = {
    symbol: bars.symbol,
    months: ranges.months,
    monthly,
    daily: { dates: bars.date, returns: returns(bars.close, 1) },
  };
  if (keepDailyIndicators) analysis.indicators = indicators;
  return analysis;
}

/** One chunk of the per-symbol stage. */
export function analyseSymbols(
  chunk: readonly SymbolBars[],
  factors: FactorSet | undefined,
  options: UniverseOptions,
  keepDailyIndicators = false,
): SymbolAnalysis[] {
  return chunk.map((bars) => analyseSymbol(bars, factors, options, keepDailyIndicators));
}
