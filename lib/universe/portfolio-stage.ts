/**
 * The portfolio stage: each month, the symbols of the chosen cluster, max-Sharpe weights on their returns
 * over the last `lookbackMonths` months (daily where the data is daily), held through the next month.
 * Months are independent, so this stage can be split by month as well.
 */
import { backtestHoldings, type BacktestResult, type Holding, type ReturnPanel } from './backtest.js';
import type { MonthClusters } from './cross-section.js';
import { maxSharpeWeights, type PortfolioSolution } from './max-sharpe.js';
import { addMonths } from './monthly.js';
import type { UniverseOptions } from './options.js';
import { annualisedCovariance, annualisedMeanReturns } from './return-stats.js';
import type { SymbolAnalysis } from './symbol-stage.js';

const sameDates = (a: readonly string[], b: readonly string[]) =>
  a === b || (a.length === b.length && a.every((d, i) => d === b[i]));

/**
 * Every symbol's daily returns on the union of their dates (NaN where a symbol has no bar). When all
 * symbols share one calendar (the usual case) their return arrays are used as they are, without a copy.
 */
export function buildReturnPanel(analyses: readonly Pick<SymbolAnalysis, 'symbol' | 'daily'>[]): ReturnPanel {
  const reference = analyses[0]?.daily.dates ?? [];
  if (analyses.every((a) => sameDates(a.daily.dates, reference))) {
    return { dates: [...reference], series: new Map(analyses.map((a) => [a.symbol, a.daily.returns])) };
  }
  const dates = [...new Set(analyses.flatMap((a) => a.daily.dates))].sort();
  const at = new Map(dates.map((d, t) => [d, t]));
  const series = new Map<string, Float64Array>();
  for (const { symbol, daily } of analyses) {
    const column = new Float64Array(dates.length).fill(Number.NaN);
    daily.dates.forEach((d, i) => (column[at.get(d)!] = daily.returns[i]!));
    series.set(symbol, column);
  }
  return { dates, series };
}

export interface MonthPortfolio extends Holding, Omit<PortfolioSolution, 'weights'> {
  /** Return periods the weights were estimated on. */
  periods: number;
  /** Cluster members left out for missing returns in the window. */
  dropped: string[];
}

/** First index of `dates` (sorted) not before `value`. */
function lowerBound(dates: readonly string[], value: string): number {
  let [lo, hi] = [0, dates.length];
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (dates[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function portfolioForMonth(
  clusters: MonthClusters,
  panel: ReturnPanel,
  options: UniverseOptions['portfolio'],
): MonthPortfolio {
  const month = clusters.month;
  const candidates = clusters.symbols.filter((_, i) => clusters.labels[i] === options.cluster);
  // The window: the dates of months m - lookback + 1 .. m.
  const from = lowerBound(panel.dates, addMonths(month, 1 - options.lookbackMonths));
  const to = lowerBound(panel.dates, addMonths(month, 1));
  const symbols: string[] = [];
  const dropped: string[] = [];
  for (const symbol of candidates) {
    const column = panel.series.get(symbol)?.subarray(from, to);
    if (column && column.length > 1 && column.every(Number.isFinite)) symbols.push(symbol);
    else dropped.push(symbol);
  }
  const periods = to - from;
  const n = symbols.length;
  const values = new Float64Array(periods * n);
  symbols.forEach((symbol, i) => {
    const column = panel.series.get(symbol)!;
    for (let t = 0; t < periods; t++) values[t * n + i] = column[from + t]!;
  });
  const window = { symbols, periods, values };
  const solution = maxSharpeWeights(
    annualisedMeanReturns(window, options.periodsPerYear),
    annualisedCovariance(window, options.periodsPerYear, options.shrinkage),
    { maxWeight: options.maxWeight, riskFreeRate: options.riskFreeRate },
  );
  return { month, symbols, ...solution, periods, dropped };
}

export function buildPortfolios(
  clusters: readonly MonthClusters[],
  panel: ReturnPanel,
  options: UniverseOptions['portfolio'],
): MonthPortfolio[] {
  return clusters.map((c) => portfolioForMonth(c, panel, options));
}

/** The monthly-rebalanced backtest of the portfolios against a benchmark's returns. */
export function backtestPortfolios(
  portfolios: readonly MonthPortfolio[],
  panel: ReturnPanel,
  benchmark: { dates: string[]; returns: Float64Array },
  options: UniverseOptions['portfolio'],
): BacktestResult {
  return backtestHoldings(portfolios, panel, benchmark, {
    periodsPerYear: options.periodsPerYear,
    riskFreeRate: options.riskFreeRate,
  });
}
