/** The backtest chart renders to SVG in Node, with both series named in it. */
import { describe, expect, it } from 'vitest';
import { cumulativeReturnsSpec, renderCumulativeReturnsSvg } from '../../../../lib/universe/chart.js';

describe('cumulative returns chart', () => {
  const dates = ['2024-01-31', '2024-02-29', '2024-03-29', '2024-04-30'];
  const series = [
    { name: 'Cluster 3 max-Sharpe', returns: Float64Array.of(0.02, -0.01, 0.03, 0.01) },
    { name: 'S&P 500', returns: Float64Array.of(0.01, 0.01, -0.02, 0.02) },
  ];

  it('is a standalone SVG document naming both series', async () => {
    const svg = await renderCumulativeReturnsSvg(dates, series, { title: 'Portfolio against the market' });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    expect(svg).toContain('Cluster 3 max-Sharpe');
    // Text in SVG is XML-escaped.
    expect(svg).toContain('S&amp;P 500');
    expect(svg).toContain('Portfolio against the market');
    // One line per series, each a path with a drawn geometry.
    const lines = [
      ...svg.matchAll(
        /<path aria-label="[^"]*series: ([^"]*)"[^>]*aria-roledescription="line mark" d="(M[^"]+)"/g,
      ),
    ];
    expect(lines.map((m) => m[1])).toEqual(['Cluster 3 max-Sharpe', 'S&amp;P 500']);
    for (const line of lines) expect(line[2]!.split('L')).toHaveLength(4);
  });

  it('plots the cumulative return, not the periodic one', () => {
    const spec = cumulativeReturnsSpec(dates, series, { title: 't', width: 100, height: 50 });
    const values = (spec.data as { values: { series: string; cumulative: number }[] }).values;
    // 1.02 · 0.99 · 1.03 · 1.01 - 1
    expect(values[3]!.cumulative).toBeCloseTo(1.02 * 0.99 * 1.03 * 1.01 - 1, 12);
    expect(values.filter((v) => v.series === 'S&P 500')).toHaveLength(4);
    expect(() => cumulativeReturnsSpec(dates.slice(1), series, { title: 't', width: 1, height: 1 })).toThrow(
      /4 returns for 3 dates/,
    );
  });
});
