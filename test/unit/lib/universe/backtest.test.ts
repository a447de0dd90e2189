/** Backtest arithmetic on hand-checked numbers. */
import { describe, expect, it } from 'vitest';
import {
  backtestHoldings,
  cumulativeReturns,
  performanceMetrics,
} from '../../../../lib/universe/backtest.js';

const f = (...v: number[]) => Float64Array.from(v);

describe('backtest', () => {
  it('performance metrics', () => {
    // Returns +10 %, -20 %, +25 %: wealth 1.1, 0.88, 1.1 -> total +10 %; the peak 1.1 falls to 0.88: 20 %.
    // Mean 0.05, deviations 0.05, -0.25, 0.2: ss = 0.0025 + 0.0625 + 0.04 = 0.105, std sqrt(0.0525).
    const m = performanceMetrics(f(0.1, -0.2, 0.25), 12);
    expect(m.totalReturn).toBeCloseTo(0.1, 12);
    expect(m.maxDrawdown).toBeCloseTo(0.2, 12);
    expect(m.annualisedReturn).toBeCloseTo(1.1 ** 4 - 1, 12);
    expect(m.annualisedVolatility).toBeCloseTo(Math.sqrt(0.0525) * Math.sqrt(12), 12);
    expect(m.sharpe).toBeCloseTo((0.05 / Math.sqrt(0.0525)) * Math.sqrt(12), 12);
    // With a 12 % risk-free rate, 1 % a period comes off the mean.
    expect(performanceMetrics(f(0.1, -0.2, 0.25), 12, 0.12).sharpe).toBeCloseTo(
      (0.04 / Math.sqrt(0.0525)) * Math.sqrt(12),
      12,
    );
    expect(Array.from(cumulativeReturns(f(0.1, -0.2, 0.25))).map((v) => +v.toFixed(12))).toEqual([
      0.1, -0.12, 0.1,
    ]);
  });

  it('holds the weights chosen at the end of a month through the next, cash where none', () => {
    const dates = ['2024-01-30', '2024-01-31', '2024-02-01', '2024-02-02', '2024-03-01', '2024-04-01'];
    const panel = {
      dates,
      series: new Map([
        ['A', f(0.5, 0.5, 0.1, 0.2, 0.3, 0.9)],
        ['B', f(0.5, 0.5, -0.1, Number.NaN, 0.1, 0.9)],
      ]),
    };
    const benchmark = { dates, returns: f(0, 0, 0.01, 0.02, 0.03, 0.04) };
    // January's weights hold in February; nothing was chosen in February, so March is cash; April (from
    // March's weights) is the last month.
    const holdings = [
      { month: '2024-01', symbols: ['A', 'B'], weights: f(0.25, 0.75) },
      { month: '2024-03', symbols: ['A'], weights: f(1) },
    ];
    const result = backtestHoldings(holdings, panel, benchmark, { periodsPerYear: 252 });
    expect(result.dates).toEqual(['2024-02-01', '2024-02-02', '2024-03-01', '2024-04-01']);
    // 0.25·0.1 + 0.75·(-0.1) = -0.05; B has no quote on 02-02: 0.25·0.2 = 0.05; cash 0; then A's 0.9.
    expect(Array.from(result.portfolio).map((v) => +v.toFixed(12))).toEqual([-0.05, 0.05, 0, 0.9]);
    expect(Array.from(result.benchmark)).toEqual([0.01, 0.02, 0.03, 0.04]);
    expect(result.portfolioMetrics.periods).toBe(4);
  });
});
