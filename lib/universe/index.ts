/**
 * Universe analytics, pure and in memory: what activities call, stage by stage. The per-symbol stage is
 * split by symbol (chunks of SymbolBars), clustering and portfolios by month; runUniverseSequential chains
 * the same functions in one process and is the reference a distributed run must equal.
 */
export { UniverseInputError } from './errors.js';
export { resolveUniverseOptions, defaultUniverseOptions } from './options.js';
export type { UniverseOptions, UniverseOptionsInput } from './options.js';
export { splitBySymbol, chunk, barsFromReturns, type SymbolBars } from './symbol-bars.js';
export { computeSymbolIndicators, indicatorNames, type IndicatorColumns } from './symbol-indicators.js';
export { analyseSymbol, analyseSymbols, type SymbolAnalysis } from './symbol-stage.js';
export {
  chooseFactorSet,
  factorSets,
  type FactorSet,
  type FactorSetName,
  type FactorTable,
} from './factors.js';
export { parseFrenchCsv, readFrenchCsvFile, type FrenchCsv } from './french-csv.js';
export { decompressText, parseArchFrenchData, parseLinearmodelsFrench } from './packaged-french.js';
export {
  selectLiquidSymbols,
  clusterMonth,
  clusterUniverse,
  defaultClusterFeatures,
  type LiquidMonth,
  type MonthClusters,
} from './cross-section.js';
export {
  buildReturnPanel,
  portfolioForMonth,
  buildPortfolios,
  backtestPortfolios,
  type MonthPortfolio,
} from './portfolio-stage.js';
export { maxSharpeWeights, type PortfolioSolution } from './max-sharpe.js';
export { performanceMetrics, type BacktestResult, type ReturnPanel } from './backtest.js';
export { renderCumulativeReturnsSvg, cumulativeReturnsSpec } from './chart.js';
export { generateSyntheticUniverse, type SyntheticUniverse } from './synthetic-universe.js';
export {
  runUniverseSequential,
  checkUniverseInput,
  type UniverseInput,
  type UniverseRun,
} from './run-sequential.js';
