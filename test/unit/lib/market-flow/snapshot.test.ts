/**
 * One refresh over mixed inputs: synthetic series from the default generator with a real-labelled monthly
 * bond index in place of the synthetic one. Every range of both views is there in the seed's shape; the
 * monthly series is unavailable for 1D and 1W and present from 1M; labels follow the data; bad specs are
 * refused naming their field.
 */
import { describe, expect, it } from 'vitest';
import {
  computeMarketFlowSnapshot,
  prepareMarketFlowContext,
  type MarketFlowInput,
} from '../../../../lib/market-flow/snapshot.js';
import { syntheticMarketFlowInput } from '../../../../lib/market-flow/synthetic-defaults.js';
import { timeRanges } from '../../../../lib/market-flow/time-range.js';
import { makeSeries, monthStarts } from './fixtures.js';

function mixedInput(): MarketFlowInput {
  const input = syntheticMarketFlowInput({
    seed: 3,
    start: '2021-01-01',
    end: '2023-12-31',
    timestamp: '2024-01-02T06:00:00Z',
  });
  // A monthly bond index dated the 1st, labelled real (stands for one built from Moody's AAA yields).
  const months = monthStarts('2021-01', 36);
  const aaa = makeSeries(
    'aaa-bonds',
    months,
    months.map((_, k) => 100 * Math.exp(0.003 * k + 0.01 * Math.sin(k))),
    {
      source: { kind: 'real', name: "bond index from Moody's AAA yield (monthly)" },
    },
  );
  const nodes = input.industry.nodes.map((n) => (n.id === 'bonds' ? { ...n, seriesId: 'aaa-bonds' } : n));
  return { ...input, series: [...input.series, aaa], industry: { ...input.industry, nodes } };
}

describe('market-flow snapshot', () => {
  const input = mixedInput();
  const snapshot = computeMarketFlowSnapshot(input);

  it('both views for every range, asOf the last date all daily view series share', () => {
    // 2023-12-31 is a Sunday: the weekday series end Friday 2023-12-29.
    expect(snapshot.asOf).toBe('2023-12-29');
    expect(Object.keys(snapshot.industry)).toEqual([...timeRanges]);
    expect(Object.keys(snapshot.global)).toEqual([...timeRanges]);
    for (const range of timeRanges) {
      const industry = snapshot.industry[range];
      const global = snapshot.global[range];
      expect(industry).toMatchObject({
        timeRange: range,
        timestamp: '2024-01-02T06:00:00Z',
        asOf: '2023-12-29',
      });
      expect(global.regions.map((r) => r.id)).toEqual(['usa', 'china', 'india', 'japan', 'europe']);
      expect(industry.insights.length).toBeGreaterThanOrEqual(3);
      expect(global.insights.length).toBeGreaterThanOrEqual(3);
      for (const e of industry.edges) {
        expect(e.netFlow).toBeGreaterThanOrEqual(0);
        expect(e.flowScore).toBeGreaterThanOrEqual(0);
        expect(Math.abs(e.correlation)).toBeLessThanOrEqual(1);
      }
      expect(Math.max(...industry.edges.map((e) => e.strength))).toBeCloseTo(1, 12);
      for (const f of global.flows) {
        expect(f.amount).toBeGreaterThanOrEqual(0);
        expect(['equities', 'bonds']).toContain(f.assetType);
      }
    }
  });

  it('the monthly bond index is unavailable for 1D and 1W, present and labelled real from 1M', () => {
    for (const range of ['1D', '1W'] as const) {
      const view = snapshot.industry[range];
      expect(view.nodes.map((n) => n.id)).toEqual(['stocks', 'commodities', 'crypto', 'cash']);
      expect(view.unavailable[0]).toMatchObject({ id: 'bonds', reason: 'coarser-than-range' });
      expect(view.edges.some((e) => e.source === 'bonds' || e.target === 'bonds')).toBe(false);
    }
    for (const range of ['1M', '3M', '1Y'] as const) {
      const bonds = snapshot.industry[range].nodes.find((n) => n.id === 'bonds');
      expect(bonds?.source).toEqual({ kind: 'real', name: "bond index from Moody's AAA yield (monthly)" });
      expect(snapshot.industry[range].nodes.filter((n) => n.source.kind === 'synthetic')).toHaveLength(4);
    }
    // The region yields are daily synthetic: every range has them.
    expect(
      snapshot.global['1D'].regions.every((r) => r.bondYield !== null && r.source.kind === 'synthetic'),
    ).toBe(true);
  });

  it('a correlation matrix of every series per range, NaN where a series cannot serve it', () => {
    const week = snapshot.correlations['1W'];
    const n = week.ids.length;
    expect(n).toBe(input.series.length);
    const k = week.ids.indexOf('aaa-bonds');
    const stocks = week.ids.indexOf('stocks');
    expect(week.values[k * n + stocks]).toBeNaN();
    expect(week.unavailable.find((u) => u.id === 'aaa-bonds')?.reason).toBe('coarser-than-range');
    expect(week.values[stocks * n + stocks]).toBe(1);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++)
        expect(Object.is(week.values[i * n + j], week.values[j * n + i])).toBe(true);
    // Over a year, stocks against the monthly index: 12 month-end returns fall in the range, extended to the 20 minimum.
    const year = snapshot.correlations['1Y'];
    expect(year.values[k * n + stocks]).not.toBeNaN();
    expect(year.returns[k * n + stocks]).toBe(20);
    expect(snapshot.series.find((s) => s.id === 'aaa-bonds')).toMatchObject({
      frequency: 'monthly',
      observations: 36,
    });
  });

  it('refuses inputs naming the field', () => {
    const field = (change: (i: MarketFlowInput) => MarketFlowInput) => {
      try {
        prepareMarketFlowContext(change(mixedInput()));
      } catch (e) {
        return (e as { field?: string }).field;
      }
      return undefined;
    };
    expect(field((i) => i)).toBeUndefined();
    expect(field((i) => ({ ...i, timestamp: 'yesterday' }))).toBe('timestamp');
    expect(field((i) => ({ ...i, asOf: '2023-02-30x' }))).toBe('asOf');
    expect(field((i) => ({ ...i, options: { minReturns: 1 } }))).toBe('options.minReturns');
    const node = (patch: object) => (i: MarketFlowInput) => ({
      ...i,
      industry: { ...i.industry, nodes: i.industry.nodes.map((n, k) => (k === 1 ? { ...n, ...patch } : n)) },
    });
    expect(field(node({ seriesId: 'nope' }))).toBe('industry.nodes[1].seriesId');
    expect(field(node({ seriesId: 'us-10y' }))).toBe('industry.nodes[1].seriesId');
    expect(field(node({ marketValue: -5 }))).toBe('industry.nodes[1].marketValue');
    expect(field(node({ id: 'stocks' }))).toBe('industry.nodes[1].id');
    expect(field((i) => ({ ...i, industry: { ...i.industry, referenceNodeId: 'gold' } }))).toBe(
      'industry.referenceNodeId',
    );
    expect(
      field((i) => ({
        ...i,
        global: {
          regions: i.global.regions.map((r, k) =>
            k === 2 ? { ...r, bondYieldSeriesId: 'india-stocks' } : r,
          ),
        },
      })),
    ).toBe('global.regions[2].bondYieldSeriesId');
    expect(
      field((i) => ({
        ...i,
        global: {
          regions: i.global.regions.map((r, k) =>
            k === 0 ? { ...r, legs: [{ ...r.legs[0]!, marketValue: 0 }] } : r,
          ),
        },
      })),
    ).toBe('global.regions[0].legs[0].marketValue');
  });
});
