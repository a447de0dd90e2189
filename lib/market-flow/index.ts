/**
 * Market-flow analytics, pure and in memory: correlations, volatility and money flows between asset
 * classes and between regions for the seed's time ranges, with sentences made from the numbers. The
 * refresh activity calls computeMarketFlowSnapshot; an API that answers one view calls
 * prepareMarketFlowContext once and buildIndustryView / buildGlobalView per range.
 */
export { MarketFlowInputError } from './errors.js';
export { frequencies, type Frequency, epochDay, formatEpochDay } from './calendar.js';
export {
  prepareSeries,
  prepareSeriesSet,
  inferFrequency,
  defaultPeriodsPerYear,
  type MarketSeries,
  type PreparedSeries,
  type SeriesKind,
  type SourceLabel,
} from './series.js';
export {
  timeRanges,
  parseTimeRange,
  rangeStart,
  changeWindow,
  statisticsReturns,
  toleranceDays,
  type TimeRange,
  type Unavailable,
  type UnavailableReason,
  type ChangeWindow,
} from './time-range.js';
export {
  returnsOf,
  pearson,
  correlationMatrix,
  rollingCorrelation,
  annualisedVolatility,
  sampleStandardDeviation,
} from './statistics.js';
export { pairReturns, pairCorrelation, relativeVolatility, type PairReturns } from './pair-returns.js';
export {
  flowIntensity,
  pairNetFlow,
  flowScore,
  shareShiftFlows,
  netFlowsBetween,
  type PairFlow,
  type DirectedFlow,
} from './flows.js';
export { holdingWindow, type Holding, type HoldingWindow } from './holdings.js';
export { bondIndexFromYields, indexFromPeriodReturns } from './level-transforms.js';
export {
  flowChangeInsight,
  correlationInsight,
  largestFlowInsight,
  volatilityInsight,
  stockMarketInsight,
  currencyInsight,
  formatUsd,
  formatPercent,
  type Insight,
} from './insights.js';
export {
  buildIndustryView,
  type IndustryViewSpec,
  type IndustryNodeSpec,
  type IndustryFlowView,
  type IndustryNode,
  type IndustryEdge,
} from './industry-view.js';
export {
  buildGlobalView,
  type GlobalViewSpec,
  type RegionSpec,
  type RegionLegSpec,
  type GlobalFlowView,
  type Region,
  type Flow,
} from './global-view.js';
export { seriesCorrelations, type SeriesCorrelations } from './series-correlations.js';
export {
  defaultMarketFlowOptions,
  type MarketFlowOptions,
  type ViewContext,
  type UnavailableItem,
} from './view-context.js';
export {
  computeMarketFlowSnapshot,
  prepareMarketFlowContext,
  type MarketFlowInput,
  type MarketFlowSnapshot,
  type SeriesSummary,
} from './snapshot.js';
export {
  generateSyntheticSeries,
  correlationFromLoadings,
  choleskyOfCorrelation,
  syntheticFactors,
  type SyntheticSeriesSpec,
  type SyntheticFactor,
  type SyntheticOptions,
} from './synthetic.js';
export {
  defaultSyntheticSpecs,
  defaultSyntheticSeries,
  defaultIndustrySpec,
  defaultGlobalSpec,
  syntheticMarketFlowInput,
} from './synthetic-defaults.js';
