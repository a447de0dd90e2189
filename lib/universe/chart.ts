/**
 * The backtest chart: cumulative returns of several series over time, as an SVG string rendered in Node
 * with Vega-Lite compiled to Vega (no browser, no canvas: Vega's SVG renderer estimates text widths
 * without one). The spec stays declarative, so the same chart can be re-rendered or embedded elsewhere.
 */
import { parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { cumulativeReturns } from './backtest.js';

export interface ChartSeries {
  name: string;
  /** Periodic simple returns, one per date. */
  returns: Float64Array;
}

export interface ChartOptions {
  title: string;
  width: number;
  height: number;
}

/** The Vega-Lite spec of the chart (exported so the stored report can keep it beside the SVG). */
export function cumulativeReturnsSpec(
  dates: readonly string[],
  series: readonly ChartSeries[],
  options: ChartOptions,
): TopLevelSpec {
  const values = series.flatMap(({ name, returns }) => {
    if (returns.length !== dates.length) {
      throw new RangeError(`series ${name} has ${returns.length} returns for ${dates.length} dates`);
    }
    const path = cumulativeReturns(returns);
    return dates.map((date, t) => ({ date, series: name, cumulative: path[t]! }));
  });
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: options.title,
    width: options.width,
    height: options.height,
    data: { values },
    mark: { type: 'line', strokeWidth: 1.5 },
    encoding: {
      // Year and month on every tick: the default labels drop the year on multi-year spans.
      x: { field: 'date', type: 'temporal', title: null, axis: { format: '%Y-%m', labelOverlap: true } },
      y: { field: 'cumulative', type: 'quantitative', title: 'cumulative return', axis: { format: '%' } },
      color: {
        field: 'series',
        type: 'nominal',
        title: null,
        sort: series.map((s) => s.name),
        legend: { orient: 'top-left', labelLimit: 0 },
      },
    },
  };
}

export async function renderCumulativeReturnsSvg(
  dates: readonly string[],
  series: readonly ChartSeries[],
  options: Partial<ChartOptions> = {},
): Promise<string> {
  const spec = cumulativeReturnsSpec(dates, series, {
    title: 'Cumulative return',
    width: 720,
    height: 320,
    ...options,
  });
  const view = new View(parse(compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
