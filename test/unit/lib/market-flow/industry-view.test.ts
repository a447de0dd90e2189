/**
 * The industry view on a hand-made week. Stocks, crypto and gold are flat at 100 for two weeks and then
 * move by these daily log returns from Monday 2024-01-08 to Friday 2024-01-12 (asOf):
 *
 *   stocks  r_A = 0.01 -0.01 0.02 0    0.03   Σ 0.05, mean 0.010, deviations 0 -.02 .01 -.01 .02
 *   crypto  r_B = 0.03 -0.01 0.05 0.01 0.06   Σ 0.14, mean 0.028, deviations .002 -.038 .022 -.018 .032
 *   gold    r_C = 0    0.01 -0.01 0.01 -0.01  Σ 0,    mean 0,     deviations = r_C
 *
 * Cash never moves (no correlation: left out) and bonds are monthly (coarser than 1W: left out).
 * Market values at asOf: stocks $100B, crypto $50B, gold $50B. minReturns 2, so statistics use the
 * week's 5 returns; τ = 7 / 365.25 = 0.019165, sqrt(τ) = 0.138438.
 */
import { describe, expect, it } from 'vitest';
import { epochDay } from '../../../../lib/market-flow/calendar.js';
import { buildIndustryView, type IndustryViewSpec } from '../../../../lib/market-flow/industry-view.js';
import { prepareSeriesSet } from '../../../../lib/market-flow/series.js';
import type { ViewContext } from '../../../../lib/market-flow/view-context.js';
import { flatThenReturns, makeSeries, monthStarts, threeWeeks } from './fixtures.js';

const series = prepareSeriesSet([
  makeSeries('stocks', threeWeeks, flatThenReturns([0.01, -0.01, 0.02, 0, 0.03])),
  makeSeries('crypto', threeWeeks, flatThenReturns([0.03, -0.01, 0.05, 0.01, 0.06]), {
    source: { kind: 'synthetic', name: 'synthetic crypto (seed 1)' },
  }),
  makeSeries('gold', threeWeeks, flatThenReturns([0, 0.01, -0.01, 0.01, -0.01])),
  makeSeries('cash', threeWeeks, Array(15).fill(1)),
  makeSeries('bonds', monthStarts('2023-01', 13), Array(13).fill(100)),
]);
const spec: IndustryViewSpec = {
  nodes: [
    { id: 'stocks', name: 'Stocks', seriesId: 'stocks', marketValue: 100e9 },
    { id: 'crypto', name: 'Crypto', seriesId: 'crypto', marketValue: 50e9 },
    { id: 'gold', name: 'Gold', seriesId: 'gold', marketValue: 50e9 },
    { id: 'cash', name: 'Cash', seriesId: 'cash', marketValue: 10e9 },
    { id: 'bonds', name: 'Bonds', seriesId: 'bonds', marketValue: 100e9 },
  ],
};
const ctx: ViewContext = {
  series,
  timestamp: '2024-01-12T22:00:00Z',
  asOf: epochDay('2024-01-12'),
  options: { minReturns: 2 },
};

describe('industry view', () => {
  const view = buildIndustryView(spec, '1W', ctx);

  it('nodes: market value, price change, correlation with stocks, annualised volatility, source', () => {
    expect(view).toMatchObject({
      timestamp: '2024-01-12T22:00:00Z',
      timeRange: '1W',
      asOf: '2024-01-12',
      correlationReference: 'stocks',
    });
    expect(view.nodes.map((n) => n.id)).toEqual(['stocks', 'crypto', 'gold']);
    const [stocks, crypto, gold] = view.nodes;
    // The seed's fields in the seed's order, plus the source label.
    expect(Object.keys(stocks!)).toEqual([
      'id',
      'name',
      'marketCap',
      'priceChange',
      'correlation',
      'volatility',
      'source',
    ]);
    expect(stocks!.marketCap).toBe(100e9);
    // exp(0.05) - 1 = 5.1271 %; exp(0.14) - 1 = 15.0274 %; exp(0) - 1 = 0.
    expect(stocks!.priceChange).toBeCloseTo(5.12711, 5);
    expect(crypto!.priceChange).toBeCloseTo(15.02738, 5);
    expect(gold!.priceChange).toBeCloseTo(0, 10);
    // Stocks: Σ dev² = .001, / 4 = .00025, × 252 = .063, sqrt = 0.250998.
    // Crypto: Σ dev² = .000004 + .001444 + .000484 + .000324 + .001024 = .00328, / 4 × 252 = .20664 -> 0.454577.
    expect(stocks!.volatility).toBeCloseTo(0.250998, 6);
    expect(crypto!.volatility).toBeCloseTo(0.454577, 6);
    // ρ(stocks, crypto) = Σ dA·dB / sqrt(Σ dA² Σ dB²) = .0018 / sqrt(.001 · .00328) = 0.993884.
    // ρ(stocks, gold) = (-.0002 - .0001 - .0001 - .0002) / sqrt(.001 · .0004) = -.0006 / .000632456 = -0.948683.
    expect(stocks!.correlation).toBe(1);
    expect(crypto!.correlation).toBeCloseTo(0.993884, 6);
    expect(gold!.correlation).toBeCloseTo(-0.948683, 6);
    // A reference that cannot serve the week (monthly bonds) gives way to the first node that can.
    const fallback = buildIndustryView({ ...spec, referenceNodeId: 'bonds' }, '1W', ctx);
    expect(fallback.correlationReference).toBe('stocks');
    expect(fallback.nodes.map((n) => n.correlation)).toEqual(view.nodes.map((n) => n.correlation));
    expect(stocks!.source).toEqual({ kind: 'real', name: 'hand-made test data' });
    expect(crypto!.source.kind).toBe('synthetic');
  });

  it('what the range cannot support is listed with its reason, not filled in', () => {
    expect(view.unavailable.map((u) => [u.id, u.field, u.reason])).toEqual([
      ['bonds', undefined, 'coarser-than-range'],
      ['cash', 'correlation', 'constant-returns'],
    ]);
    // Over a month the history is too short for every daily node; the monthly bonds serve 1M but never move.
    const month = buildIndustryView(spec, '1M', ctx);
    expect(month.nodes).toEqual([]);
    // No node both serves the month and moves: nothing to measure correlations against.
    expect(month.correlationReference).toBeNull();
    expect(month.unavailable.filter((u) => u.reason === 'history-too-short').map((u) => u.id)).toEqual([
      'stocks',
      'crypto',
      'gold',
      'cash',
    ]);
    expect(month.unavailable.find((u) => u.id === 'bonds')).toMatchObject({ reason: 'constant-returns' });
  });

  it('edges: correlation, net flow from the class that lost share, flow score, strength', () => {
    // Start values: stocks 100e9 · e^-0.05 = 95.1229e9, crypto 50e9 · e^-0.14 = 43.4679e9, gold 50e9.
    // stocks-crypto: crypto share 43.4679 / 138.5908 = .313642 -> 50 / 150 = .333333: 1.9691 points, stocks -> crypto.
    //   relative returns d = r_B - r_A = .02 0 .03 .01 .03 (Σ .09, sample variance .00017, × 252 -> σ .206979):
    //   score = .09 / (.206979 · .138438) = 3.140971.
    // stocks-gold: gold share 50 / 145.1229 = .344534 -> .333333: 1.1202 points, gold -> stocks;
    //   d = r_C - r_A = -.01 .02 -.03 .01 -.04 (Σ -.05, variance .00065, × 252 -> σ .404722): |score| 0.892399.
    // crypto-gold: gold share 50 / 93.4679 = .534943 -> .5: 3.4943 points, gold -> crypto;
    //   d = r_C - r_B = -.03 .02 -.06 0 -.07 (Σ -.14, variance .00147, × 252 -> σ .608638): |score| 1.661557.
    const expected = [
      ['stocks', 'crypto', 0.993884, 1.969134, 3.140971],
      ['gold', 'stocks', -0.948683, 1.120213, 0.892399],
      ['gold', 'crypto', -0.960342, 3.494295, 1.661557],
    ] as const;
    expect(view.edges).toHaveLength(3);
    expected.forEach(([source, target, correlation, netFlow, flowScore], k) => {
      const e = view.edges[k]!;
      expect(Object.keys(e)).toEqual(['source', 'target', 'strength', 'correlation', 'netFlow', 'flowScore']);
      expect([e.source, e.target]).toEqual([source, target]);
      expect(e.correlation).toBeCloseTo(correlation, 6);
      expect(e.netFlow).toBeCloseTo(netFlow, 5);
      expect(e.flowScore).toBeCloseTo(flowScore, 5);
      // Strength: the score over the largest score, 3.140971.
      expect(e.strength).toBeCloseTo(flowScore / 3.140971, 5);
    });
  });

  it('insights from those numbers, with their figures', () => {
    // Member flows: total 188.5908e9 -> 200e9; crypto's share .230488 -> .25, (.25 - .230488) · 200e9 = +3.9024e9,
    // against none the week before (everything flat).
    expect(view.insights).toEqual([
      'Crypto saw net inflows of $3.9B after none last week',
      'Gold shows strongest inverse correlation with Crypto (-0.96)',
      'Crypto shows strongest positive correlation with Stocks (0.99)',
      'Largest net flow: $3.5B from Gold to Crypto (3.5% of their combined value)',
      'Crypto is the most volatile (45% annualised)',
    ]);
    expect(view.insightDetails.map((i) => i.text)).toEqual(view.insights);
    expect(view.insightDetails[0]!.figures.flowNow).toBeCloseTo(3.902418e9, -3);
    expect(view.insightDetails[0]!.figures.flowPrevious).toBe(0);
    expect(view.insightDetails[3]!.figures.amount).toBeCloseTo(3.494295e9, -3);
  });
});
