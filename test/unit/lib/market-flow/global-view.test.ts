/**
 * The global view on a hand-made week ending Friday 2024-01-12 (asOf). From Friday 2024-01-05 (the 1W
 * baseline) to asOf: the US index 100 -> 110, the European index 200 -> 190, EUR in USD 1.00 -> 1.05.
 * Equity market values at asOf: USA $100B, Europe $50B. The US yield is daily (4.25 at asOf); the
 * European yield and the dollar index are monthly, so for 1W they are null with a reason.
 */
import { describe, expect, it } from 'vitest';
import { epochDay } from '../../../../lib/market-flow/calendar.js';
import { buildGlobalView, type GlobalViewSpec } from '../../../../lib/market-flow/global-view.js';
import { prepareSeriesSet } from '../../../../lib/market-flow/series.js';
import type { ViewContext } from '../../../../lib/market-flow/view-context.js';
import { makeSeries, monthStarts, threeWeeks } from './fixtures.js';

/** Flat at `from` through Friday 2024-01-05, then a straight line to `to` on Friday 2024-01-12. */
const week = (from: number, to: number) =>
  threeWeeks.map((_, k) => (k < 10 ? from : from + ((to - from) * (k - 9)) / 5));

const series = prepareSeriesSet([
  makeSeries('spx', threeWeeks, week(100, 110)),
  makeSeries('stoxx', threeWeeks, week(200, 190), {
    source: { kind: 'synthetic', name: 'synthetic Europe (seed 3)' },
  }),
  makeSeries('eurusd', threeWeeks, week(1, 1.05)),
  makeSeries('us10y', threeWeeks, week(4, 4.25), { kind: 'rate' }),
  makeSeries('eu10y', monthStarts('2023-01', 13), Array(13).fill(2.5), { kind: 'rate' }),
  makeSeries('dxy', monthStarts('2023-01', 13), Array(13).fill(100)),
]);
const spec: GlobalViewSpec = {
  regions: [
    {
      id: 'usa',
      name: 'USA',
      currency: 'USD',
      stockIndexSeriesId: 'spx',
      currencyIndexSeriesId: 'dxy',
      bondYieldSeriesId: 'us10y',
      legs: [{ assetType: 'equities', seriesId: 'spx', marketValue: 100e9 }],
    },
    {
      id: 'europe',
      name: 'Europe',
      currency: 'EUR',
      stockIndexSeriesId: 'stoxx',
      fxSeriesId: 'eurusd',
      bondYieldSeriesId: 'eu10y',
      legs: [{ assetType: 'equities', seriesId: 'stoxx', marketValue: 50e9 }],
    },
  ],
};
const ctx: ViewContext = {
  series,
  timestamp: '2024-01-12T22:00:00Z',
  asOf: epochDay('2024-01-12'),
  options: { minReturns: 2 },
};

describe('global view', () => {
  const view = buildGlobalView(spec, '1W', ctx);

  it('regions: index, change, currency strength, bond yield, and where each came from', () => {
    const [usa, europe] = view.regions;
    expect(Object.keys(usa!)).toEqual([
      'id',
      'name',
      'stockIndex',
      'stockChange',
      'currency',
      'currencyStrength',
      'bondYield',
      'source',
    ]);
    expect(usa).toMatchObject({
      id: 'usa',
      name: 'USA',
      stockIndex: 110,
      currency: 'USD',
      currencyStrength: null,
    });
    expect(usa!.stockChange).toBeCloseTo(10, 10);
    expect(usa!.bondYield).toBeCloseTo(4.25, 12);
    expect(usa!.source.kind).toBe('real');
    // 190 / 200 - 1 = -5 %; EUR 1.05 / 1.00 = 1.05.
    expect(europe).toMatchObject({ stockIndex: 190, currency: 'EUR', bondYield: null });
    expect(europe!.stockChange).toBeCloseTo(-5, 10);
    expect(europe!.currencyStrength).toBeCloseTo(1.05, 12);
    // One synthetic field makes the region synthetic; `fields` says which.
    expect(europe!.source.kind).toBe('synthetic');
    expect(europe!.source.fields.stockIndex!.kind).toBe('synthetic');
    expect(europe!.source.fields.currencyStrength!.kind).toBe('real');
    expect(view.unavailable.map((u) => [u.id, u.field, u.reason])).toEqual([
      ['usa', 'currencyStrength', 'coarser-than-range'],
      ['europe', 'bondYield', 'coarser-than-range'],
    ]);
  });

  it('flows: USD values from index and currency, from the region that lost share', () => {
    // USA: 100e9 at asOf, 100e9 · 100 / 110 = 90.9091e9 at the baseline.
    // Europe in USD: 50e9 at asOf, 50e9 · (200 / 190) · (1.00 / 1.05) = 50.1253e9 at the baseline.
    // Europe's share 50.1253 / 141.0344 = .355412 -> 50 / 150 = .333333: 2.2079 points moved to the USA,
    // 100e9 - (90.9091 / 141.0344) · 150e9 = 3.3118e9.
    expect(view.flows).toHaveLength(1);
    const flow = view.flows[0]!;
    expect(Object.keys(flow)).toEqual(['source', 'target', 'amount', 'assetType', 'netFlowPercent']);
    expect(flow).toMatchObject({ source: 'europe', target: 'usa', assetType: 'equities' });
    expect(flow.amount).toBeCloseTo(3.311793e9, -3);
    expect(flow.netFlowPercent).toBeCloseTo(2.207862, 5);
  });

  it('insights: the largest flow, the change against last week, markets, currencies', () => {
    expect(view.insights[0]).toBe(
      'Largest net flow: $3.3B of equities from Europe to USA (2.2% of their combined value)',
    );
    // Both regions moved $3.3B (one in, one out) after a flat week.
    expect(view.insights[1]).toMatch(
      /^(USA equities saw net inflows|Europe equities saw net outflows) of \$3\.3B after none last week$/,
    );
    expect(view.insights.slice(2)).toEqual([
      'Strongest stock market: USA (+10%); weakest: Europe (-5%)',
      // The dollar index is monthly: only the euro has a strength this week.
      'EUR strengthened the most (+5%)',
    ]);
    expect(view.insightDetails[0]!.figures).toMatchObject({
      sourceName: 'Europe',
      targetName: 'USA',
      assetType: 'equities',
    });
  });

  it('a region whose index cannot serve the range is left out with its flows', () => {
    const month = buildGlobalView(spec, '1M', ctx);
    expect(month.regions).toEqual([]);
    expect(month.flows).toEqual([]);
    expect(month.unavailable.map((u) => u.reason)).toEqual(['history-too-short', 'history-too-short']);
  });
});
