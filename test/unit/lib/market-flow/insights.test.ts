/** The wording of every insight from given numbers, and the figures each carries. */
import { describe, expect, it } from 'vitest';
import {
  correlationInsight,
  currencyInsight,
  flowChangeInsight,
  formatUsd,
  largestFlowInsight,
  stockMarketInsight,
  volatilityInsight,
} from '../../../../lib/market-flow/insights.js';

describe('insights', () => {
  it('flow changes against the previous period, in the seed words', () => {
    // Outflows of $1.07B after $1B: (1.07 - 1) / 1 = +7 %.
    const grew = flowChangeInsight({
      name: 'Commodities',
      now: -1.07e9,
      previous: -1e9,
      period: 'last week',
    });
    expect(grew.text).toBe('Commodities outflows increased 7% vs last week');
    expect(grew.figures).toMatchObject({ name: 'Commodities', flowNow: -1.07e9, flowPrevious: -1e9 });
    expect(grew.figures.changePercent).toBeCloseTo(7, 10);
    // Inflows of $0.5B after $2B: -75 %.
    expect(flowChangeInsight({ name: 'Bonds', now: 0.5e9, previous: 2e9, period: 'last month' }).text).toBe(
      'Bonds inflows decreased 75% vs last month',
    );
    // 12.46 % rounds to 12 above 10, 7.46 % to 7.5 below.
    expect(
      flowChangeInsight({ name: 'Crypto', now: 1.1246e9, previous: 1e9, period: 'last week' }).text,
    ).toBe('Crypto inflows increased 12% vs last week');
    expect(
      flowChangeInsight({ name: 'Crypto', now: 1.0746e9, previous: 1e9, period: 'last week' }).text,
    ).toBe('Crypto inflows increased 7.5% vs last week');
  });

  it('a change of direction or a period without flow is said as such', () => {
    const swing = flowChangeInsight({ name: 'Stocks', now: 3.4e9, previous: -1.2e9, period: 'last week' });
    expect(swing.text).toBe('Stocks saw net inflows of $3.4B after net outflows of $1.2B last week');
    expect(swing.figures.changePercent).toBeUndefined();
    expect(
      flowChangeInsight({ name: 'Cash', now: -2.5e12, previous: 0, period: 'the previous day' }).text,
    ).toBe('Cash saw net outflows of $2.5T after none the previous day');
    expect(flowChangeInsight({ name: 'Cash', now: 0, previous: 8e8, period: 'last month' }).text).toBe(
      'Cash saw no net flow after net inflows of $800M last month',
    );
  });

  it('correlations, the largest flow, the most volatile', () => {
    const inverse = correlationInsight({
      kind: 'inverse',
      name: 'Crypto',
      otherName: 'Bonds',
      correlation: -0.5812,
    });
    expect(inverse.text).toBe('Crypto shows strongest inverse correlation with Bonds (-0.58)');
    expect(inverse.figures).toEqual({ name: 'Crypto', otherName: 'Bonds', correlation: -0.5812 });
    expect(
      correlationInsight({ kind: 'positive', name: 'Stocks', otherName: 'Commodities', correlation: 0.6149 })
        .text,
    ).toBe('Stocks shows strongest positive correlation with Commodities (0.61)');
    const flow = largestFlowInsight({
      sourceName: 'USA',
      targetName: 'China',
      amount: 12.5e9,
      percentOfCombined: 2.3,
      assetType: 'equities',
    });
    expect(flow.text).toBe(
      'Largest net flow: $12.5B of equities from USA to China (2.3% of their combined value)',
    );
    expect(flow.figures).toEqual({
      sourceName: 'USA',
      targetName: 'China',
      amount: 12.5e9,
      percentOfCombined: 2.3,
      assetType: 'equities',
    });
    expect(
      largestFlowInsight({
        sourceName: 'Bonds',
        targetName: 'Stocks',
        amount: 6.4e11,
        percentOfCombined: 1.234,
      }).text,
    ).toBe('Largest net flow: $640B from Bonds to Stocks (1.2% of their combined value)');
    // 0.6234 a year is 62 %.
    expect(volatilityInsight({ name: 'Crypto', volatility: 0.6234 }).text).toBe(
      'Crypto is the most volatile (62% annualised)',
    );
  });

  it('stock markets and currencies', () => {
    expect(
      stockMarketInsight({ bestName: 'India', bestChange: 3.12, worstName: 'Japan', worstChange: -1.24 })
        .text,
    ).toBe('Strongest stock market: India (+3.1%); weakest: Japan (-1.2%)');
    // 1.014 = +1.4 %; 0.979 = -2.1 %.
    const up = currencyInsight({ currency: 'JPY', strength: 1.014 });
    expect(up.text).toBe('JPY strengthened the most (+1.4%)');
    expect(up.figures.changePercent).toBeCloseTo(1.4, 10);
    expect(currencyInsight({ currency: 'INR', strength: 0.979 }).text).toBe('INR weakened the most (-2.1%)');
  });

  it('money in thousands, millions, billions and trillions', () => {
    expect([4500, 8.3e8, 12.5e9, -1.2e12, 3e9].map(formatUsd)).toEqual([
      '$4.5K',
      '$830M',
      '$12.5B',
      '$1.2T',
      '$3B',
    ]);
  });
});
