/**
 * A monthly-rebalanced backtest: the weights chosen at the end of month m are held through month m + 1,
 * at fixed weights each day (as the seed computes it), and compared day by day with a benchmark. A month
 * without a portfolio is held in cash (return 0). Metrics are annualised with `periodsPerYear`.
 */
import { addMonths } from './monthly.js';

/** Daily (or monthly) returns of several symbols on one calendar; NaN where a symbol has no data. */
export interface ReturnPanel {
  /** YYYY-MM-DD (or YYYY-MM for monthly data), ascending. */
  dates: string[];
  series: Map<string, Float64Array>;
}

export interface Holding {
  /** The month whose data chose the weights; they are held in the month after. */
  month: string;
  symbols: string[];
  weights: Float64Array;
}

export interface PerformanceMetrics {
  totalReturn: number;
  annualisedReturn: number;
  annualisedVolatility: number;
  /** Annualised: (mean - rf per period) / std · sqrt(periodsPerYear). */
  sharpe: number;
  /** Largest fall from a running peak of cumulative wealth, as a positive fraction. */
  maxDrawdown: number;
  periods: number;
}

export interface BacktestResult {
  dates: string[];
  portfolio: Float64Array;
  benchmark: Float64Array;
  portfolioMetrics: PerformanceMetrics;
  benchmarkMetrics: PerformanceMetrics;
}

export function performanceMetrics(
  returns: Float64Array,
  periodsPerYear: number,
  riskFreeRate = 0,
): PerformanceMetrics {
  const n = returns.length;
  let wealth = 1;
  let peak = 1;
  let maxDrawdown = 0;
  let sum = 0;
  for (const r of returns) {
    wealth *= 1 + r;
    peak = Math.max(peak, wealth);
    maxDrawdown = Math.max(maxDrawdown, 1 - wealth / peak);
    sum += r;
  }
  const mean = n > 0 ? sum / n : Number.NaN;
  let ss = 0;
  for (const r of returns) ss += (r - mean) ** 2;
  const std = n > 1 ? Math.sqrt(ss / (n - 1)) : Number.NaN;
  const excess = mean - riskFreeRate / periodsPerYear;
  return {
    totalReturn: wealth - 1,
    annualisedReturn: n > 0 ? wealth ** (periodsPerYear / n) - 1 : Number.NaN,
    annualisedVolatility: std * Math.sqrt(periodsPerYear),
    sharpe: std > 0 ? (excess / std) * Math.sqrt(periodsPerYear) : Number.NaN,
    maxDrawdown,
    periods: n,
  };
}

/**
 * Runs the holdings over the panel's dates of each following month. The benchmark is a return series on
 * (a superset of) the panel's dates; dates it lacks are left out of both series so they stay comparable.
 */
export function backtestHoldings(
  holdings: readonly Holding[],
  panel: ReturnPanel,
  benchmark: { dates: string[]; returns: Float64Array },
  options: { periodsPerYear: number; riskFreeRate?: number },
): BacktestResult {
  const benchmarkAt = new Map(benchmark.dates.map((d, i) => [d, benchmark.returns[i]!]));
  const byHoldMonth = new Map(holdings.map((h) => [addMonths(h.month, 1), h]));
  // The backtest spans the first to the last month held, cash months in between included.
  const held = [...byHoldMonth.keys()].sort();
  const [first, last] = [held[0] ?? '9999-99', held[held.length - 1] ?? ''];
  const dates: string[] = [];
  const portfolio: number[] = [];
  const bench: number[] = [];
  panel.dates.forEach((date, t) => {
    const month = date.slice(0, 7);
    if (month < first || month > last) return;
    const b = benchmarkAt.get(date);
    if (b === undefined || !Number.isFinite(b)) return;
    const holding = byHoldMonth.get(month);
    let r = 0;
    if (holding) {
      holding.symbols.forEach((symbol, i) => {
        const ri = panel.series.get(symbol)?.[t];
        // A symbol without a quote that day contributes nothing (its position is unchanged).
        if (ri !== undefined && Number.isFinite(ri)) r += holding.weights[i]! * ri;
      });
    }
    dates.push(date);
    portfolio.push(r);
    bench.push(b);
  });
  const p = Float64Array.from(portfolio);
  const q = Float64Array.from(bench);
  const rf = options.riskFreeRate ?? 0;
  return {
    dates,
    portfolio: p,
    benchmark: q,
    portfolioMetrics: performanceMetrics(p, options.periodsPerYear, rf),
    benchmarkMetrics: performanceMetrics(q, options.periodsPerYear, rf),
  };
}

/** Cumulative return path, prod(1 + r) - 1, for charts. */
export function cumulativeReturns(returns: Float64Array): Float64Array {
  let wealth = 1;
  return returns.map((r) => (wealth *= 1 + r) - 1);
}
