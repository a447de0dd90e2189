/**
 * Market-flow series from arch's data files: the cash index worked out by hand on two months, then every
 * catalogue series from the real installed files (skipped only where Python has no pip), with counts and
 * end values read from the files and the cash index's end value recomputed independently (Python, compounding
 * the 1,109 RF values: 2076.787186257662).
 */
import { describe, expect, it } from 'vitest';
import { prepareSeries } from '../../../../lib/market-flow/series.js';
import { packageData } from '../../../../lib/package-data.js';
import {
  loadPackagedSeries,
  packagedMarketSeries,
  parsePackagedSeries,
} from '../../../../lib/sources/packaged-series.js';
import { packageDataRoot, skipReason } from '../../../support/package-data-root.js';

describe('packaged series from file text', () => {
  it('compounds RF (percent a month) into a cash index dated at month end', () => {
    const text = 'Date,Mkt-RF,SMB,HML,RF\r\n192607,2.96,-2.3,-2.87,0.22\r\n192608,2.64,-1.4,4.19,0.25\r\n';
    const cash = parsePackagedSeries('cash', text);
    expect(cash.dates).toEqual(['1926-07-31', '1926-08-31']);
    expect(cash.values[0]).toBeCloseTo(100.22, 10);
    expect(cash.values[1]).toBeCloseTo(100.22 * 1.0025, 10);
  });

  it('reads a column by name, skipping the "." of holidays, and labels the range', () => {
    const text = 'Date,DCOILWTICO\r\n1/2/1986,25.56\r\n2/17/1986,.\r\n1/3/1986,26\r\n';
    const wti = packagedMarketSeries('wti', text);
    expect(wti.dates).toEqual(['1986-01-02', '1986-01-03']);
    expect(Array.from(wti.values)).toEqual([25.56, 26]);
    expect(wti.source).toEqual({
      kind: 'real',
      name: 'arch 8.0.0 arch/data/wti/wti.csv.gz: WTI crude oil spot, USD a barrel, daily (FRED DCOILWTICO) (1986-01-02..1986-01-03)',
    });
  });
});

describe.skipIf(skipReason(packageData.arch))("arch's data files as market-flow series, as installed", () => {
  it('gives every series with its real range, kind and end values', async () => {
    const series = await loadPackagedSeries(packageDataRoot());
    const byId = Object.fromEntries(series.map((s) => [s.id, s]));
    const summary = (id: string) => {
      const s = byId[id]!;
      return [s.dates.length, s.dates[0], s.values[0], s.dates.at(-1), s.values.at(-1), s.kind];
    };
    expect(summary('sp500')).toEqual([5031, '1999-01-04', 1228.099976, '2018-12-31', 2506.850098, 'price']);
    expect(summary('nasdaq')).toEqual([5031, '1999-01-04', 2208.050049, '2018-12-31', 6635.279785, 'price']);
    expect(summary('wti')).toEqual([8321, '1986-01-02', 25.56, '2019-01-03', 46.92, 'price']);
    expect(summary('aaa')).toEqual([1200, '1919-01-01', 5.35, '2018-12-01', 4.02, 'rate']);
    expect(summary('baa')).toEqual([1200, '1919-01-01', 7.12, '2018-12-01', 5.13, 'rate']);
    expect(summary('vix')).toEqual([1259, '2014-01-03', 13.76, '2019-01-03', 25.45, 'price']);
    const cash = byId.cash!;
    expect([cash.dates.length, cash.dates[0], cash.dates.at(-1)]).toEqual([1109, '1926-07-31', '2018-11-30']);
    expect(cash.values.at(-1)).toBeCloseTo(2076.787186257662, 8);
    expect(byId.sp500!.source.name).toBe(
      'arch 8.0.0 arch/data/sp500/sp500.csv.gz: S&P 500 index, daily close (1999-01-04..2018-12-31)',
    );
    const frequencies = Object.fromEntries(series.map((s) => [s.id, prepareSeries(s).frequency]));
    expect(frequencies).toEqual({
      sp500: 'daily',
      nasdaq: 'daily',
      wti: 'daily',
      aaa: 'monthly',
      baa: 'monthly',
      vix: 'daily',
      cash: 'monthly',
    });
  });

  it('reads only the files asked for', async () => {
    const [aaa, baa] = await loadPackagedSeries(packageDataRoot(), ['aaa', 'baa']);
    expect([aaa!.id, baa!.id]).toEqual(['aaa', 'baa']);
    expect(baa!.values[0]! - aaa!.values[0]!).toBeCloseTo(1.77, 12);
  });
});
