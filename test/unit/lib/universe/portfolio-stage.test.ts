/** The portfolio stage's data handling: the return panel, the estimation window, members left out. */
import { describe, expect, it } from 'vitest';
import { businessDays, seededRandom } from '../../../../lib/sources/synthetic.js';
import { buildReturnPanel, portfolioForMonth } from '../../../../lib/universe/portfolio-stage.js';
import { resolveUniverseOptions } from '../../../../lib/universe/options.js';

const f = (...v: number[]) => Float64Array.from(v);

describe('buildReturnPanel', () => {
  it('shares one calendar without copying, and aligns different calendars on their union', () => {
    const dates = ['2024-01-02', '2024-01-03'];
    const a = { symbol: 'A', daily: { dates, returns: f(Number.NaN, 0.1) } };
    const b = { symbol: 'B', daily: { dates: [...dates], returns: f(Number.NaN, 0.2) } };
    const shared = buildReturnPanel([a, b]);
    expect(shared.dates).toEqual(dates);
    expect(shared.series.get('B')).toBe(b.daily.returns);

    const c = { symbol: 'C', daily: { dates: ['2024-01-03', '2024-01-04'], returns: f(Number.NaN, 0.3) } };
    const union = buildReturnPanel([a, c]);
    expect(union.dates).toEqual(['2024-01-02', '2024-01-03', '2024-01-04']);
    expect(Array.from(union.series.get('A')!)).toEqual([Number.NaN, 0.1, Number.NaN]);
    expect(Array.from(union.series.get('C')!)).toEqual([Number.NaN, Number.NaN, 0.3]);
  });
});

describe('portfolioForMonth', () => {
  it("estimates on the chosen cluster's last 12 months, leaving out members with missing returns", () => {
    // 14 months of business days; 12 symbols in cluster 3, one of which misses a day in the window, and
    // one in cluster 0. With 11 usable symbols the cap can be met.
    const dates = businessDays('2023-01-02', 300);
    const random = seededRandom(4);
    const symbols = Array.from({ length: 13 }, (_, i) => `S${i}`);
    const series = new Map(
      symbols.map((s, i) => [
        s,
        Float64Array.from(dates, () => 0.0008 + 0.0002 * i + 0.01 * (random() - 0.5)),
      ]),
    );
    series.get('S5')![dates.indexOf('2023-06-15')] = Number.NaN;
    const month = '2024-01';
    const clusters = {
      month,
      features: ['rsi'],
      symbols,
      labels: Int32Array.from(symbols, (_, i) => (i === 12 ? 0 : 3)),
      centroids: [],
      sizes: [1, 0, 0, 12],
      iterations: 1,
      converged: true,
      reordered: false,
    };
    const options = resolveUniverseOptions().portfolio;
    const result = portfolioForMonth(clusters, { dates, series }, options);
    expect(result.dropped).toEqual(['S5']);
    expect(result.symbols).toHaveLength(11);
    expect(result.symbols).not.toContain('S12');
    // The window is February 2023 to January 2024: its business days.
    const inWindow = dates.filter((d) => d >= '2023-02-01' && d < '2024-02-01');
    expect(result.periods).toBe(inWindow.length);
    expect(result.method).toBe('max-sharpe');
    expect(result.weights.reduce((s, w) => s + w, 0)).toBeCloseTo(1, 12);
    for (const w of result.weights) expect(w).toBeLessThanOrEqual(0.1 + 1e-12);
  });
});
