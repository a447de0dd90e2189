/**
 * One refresh: both views for every time range, the correlation matrix of every series per range, and a
 * summary of each series, from one set of inputs. This is what the refresh activity calls; the result is
 * plain data (typed arrays in `correlations`) for the snapshot writer and the API's cache.
 *
 * `asOf` defaults to the earliest last observation among the daily (or finer) series the views use, so
 * every range ends on a date all of them observed; coarser series are judged against it with their
 * tolerance (a monthly yield dated the 1st still serves the month).
 */
import { epochDay, formatEpochDay } from './calendar.js';
import { MarketFlowInputError } from './errors.js';
import { buildGlobalView, type GlobalFlowView, type GlobalViewSpec } from './global-view.js';
import { buildIndustryView, type IndustryFlowView, type IndustryViewSpec } from './industry-view.js';
import { seriesCorrelations, type SeriesCorrelations } from './series-correlations.js';
import {
  frequencyRank,
  prepareSeriesSet,
  type MarketSeries,
  type PreparedSeries,
  type SourceLabel,
} from './series.js';
import { timeRanges, type TimeRange } from './time-range.js';
import { defaultMarketFlowOptions, type MarketFlowOptions, type ViewContext } from './view-context.js';
import { checkViewSpecs } from './view-specs.js';

export interface MarketFlowInput {
  /** When the refresh ran (ISO): the views' `timestamp`. */
  timestamp: string;
  /** The date the views describe; see the file's comment for the default. */
  asOf?: string;
  series: readonly MarketSeries[];
  industry: IndustryViewSpec;
  global: GlobalViewSpec;
  options?: Partial<MarketFlowOptions>;
}

export interface SeriesSummary {
  id: string;
  source: SourceLabel;
  kind: PreparedSeries['kind'];
  frequency: PreparedSeries['frequency'];
  first: string;
  last: string;
  observations: number;
}

export interface MarketFlowSnapshot {
  timestamp: string;
  asOf: string;
  industry: Record<TimeRange, IndustryFlowView>;
  global: Record<TimeRange, GlobalFlowView>;
  correlations: Record<TimeRange, SeriesCorrelations>;
  series: SeriesSummary[];
}

/** Prepared series, the resolved asOf and options: what buildIndustryView and buildGlobalView take. */
export function prepareMarketFlowContext(input: MarketFlowInput): ViewContext {
  if (typeof input.timestamp !== 'string' || Number.isNaN(Date.parse(input.timestamp)))
    throw new MarketFlowInputError('timestamp', `${JSON.stringify(input.timestamp)} is not an ISO timestamp`);
  const options = { ...defaultMarketFlowOptions, ...input.options };
  if (!(Number.isInteger(options.minReturns) && options.minReturns >= 2))
    throw new MarketFlowInputError('options.minReturns', 'must be an integer >= 2');
  const series = prepareSeriesSet(input.series);
  const used = checkViewSpecs(input.industry, input.global, series);
  let asOf: number;
  if (input.asOf !== undefined) {
    asOf = epochDay(input.asOf);
    if (!Number.isFinite(asOf))
      throw new MarketFlowInputError('asOf', `${JSON.stringify(input.asOf)} is not a date`);
  } else {
    if (used.length === 0) throw new MarketFlowInputError('asOf', 'is needed when the views use no series');
    const daily = used.filter((s) => frequencyRank(s.frequency) <= frequencyRank('daily'));
    asOf = Math.min(...(daily.length > 0 ? daily : used).map((s) => s.times[s.times.length - 1]!));
  }
  return { series, timestamp: input.timestamp, asOf, options };
}

export function computeMarketFlowSnapshot(input: MarketFlowInput): MarketFlowSnapshot {
  const ctx = prepareMarketFlowContext(input);
  const all = [...ctx.series.values()];
  const perRange = <T>(f: (range: TimeRange) => T) =>
    Object.fromEntries(timeRanges.map((range) => [range, f(range)])) as Record<TimeRange, T>;
  return {
    timestamp: input.timestamp,
    asOf: formatEpochDay(ctx.asOf),
    industry: perRange((range) => buildIndustryView(input.industry, range, ctx)),
    global: perRange((range) => buildGlobalView(input.global, range, ctx)),
    correlations: perRange((range) => seriesCorrelations(all, range, ctx.asOf, ctx.options.minReturns)),
    series: all.map((s) => ({
      id: s.id,
      source: s.source,
      kind: s.kind,
      frequency: s.frequency,
      first: formatEpochDay(s.times[0]!),
      last: formatEpochDay(s.times[s.times.length - 1]!),
      observations: s.times.length,
    })),
  };
}
