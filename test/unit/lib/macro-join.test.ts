import { beforeAll, describe, expect, it } from 'vitest';
import { alignMacro } from '../../../lib/macro-join.js';

const series = (...pairs: [string, number][]) => pairs.map(([date, value]) => ({ date, value }));

describe('alignMacro', () => {
  // danfojs-node loads TensorFlow.js: seconds on a cold start, which is not what these tests time.
  beforeAll(() => import('danfojs-node'), 60_000);

  it('gives each row the latest observation dated on or before it, never a later one', async () => {
    const rows = ['2024-01-02', '2024-01-03', '2024-01-08', '2024-01-02'];
    const aligned = await alignMacro(rows, {
      series: {
        vix: series(['2024-01-02', 12], ['2024-01-04', 14], ['2024-01-06', 15]), // 01-06 is a Saturday
        treasury_10y: series(['2024-01-03', 3.9]),
        dollar_index: series(['2023-12-29', 101], ['2024-01-09', 102]),
      },
    });
    expect(Array.from(aligned.vix!)).toEqual([12, 12, 15, 12]);
    expect(Array.from(aligned.treasury_10y!)).toEqual([Number.NaN, 3.9, 3.9, Number.NaN]);
    expect(Array.from(aligned.dollar_index!)).toEqual([101, 101, 101, 101]);
  });

  it('aligns only the series a source provides (an offline source may have VIX alone)', async () => {
    const aligned = await alignMacro(['2024-01-03', '2024-01-02'], {
      series: { vix: series(['2024-01-02', 12], ['2024-01-03', 13]) },
    });
    expect(Object.keys(aligned)).toEqual(['vix']);
    expect(Array.from(aligned.vix!)).toEqual([13, 12]);
  });

  it('never carries a value more than ten days past its date: a series that ended gives NaN after it', async () => {
    const aligned = await alignMacro(['2019-01-03', '2019-01-11', '2019-01-14', '2020-04-17'], {
      series: { vix: series(['2019-01-03', 25.45]) },
    });
    expect(Array.from(aligned.vix!)).toEqual([25.45, 25.45, Number.NaN, Number.NaN]);
  });
});
