/**
 * The whole analysis in one process, stage after stage, from the same stage functions a distributed run
 * calls per chunk: the reference result a workflow's must equal, and the sequential side of the benchmark.
 *   1. symbols   per-symbol indicators, monthly columns and betas (split by symbol)
 *   2. liquidity top N by rolling dollar volume each month
 *   3. clusters  RSI-seeded K-means each month (split by month)
 *   4. portfolio max-Sharpe weights each month (split by month)
 *   5. backtest  the monthly-rebalanced portfolio against the benchmark
 */
import type { BacktestResult } from './backtest.js';
import {
  clusterUniverse,
  selectLiquidSymbols,
  type LiquidMonth,
  type MonthClusters,
} from './cross-section.js';
import { UniverseInputError } from './errors.js';
import { chooseFactorSet, type FactorSetName, type FactorTable } from './factors.js';
import { resolveUniverseOptions, type UniverseOptions, type UniverseOptionsInput } from './options.js';
import {
  backtestPortfolios,
  buildPortfolios,
  buildReturnPanel,
  type MonthPortfolio,
} from './portfolio-stage.js';
import { chunk, type SymbolBars } from './symbol-bars.js';
import { analyseSymbols, type SymbolAnalysis } from './symbol-stage.js';

export interface UniverseInput {
  bars: readonly SymbolBars[];
  factors?: FactorTable;
  benchmark: { dates: string[]; returns: Float64Array };
  options?: UniverseOptionsInput;
  /** Symbols per chunk of the per-symbol stage (the sequential run goes through the chunks in order). */
  chunkSize?: number;
}

export interface UniverseRun {
  options: UniverseOptions;
  /** The factor set the betas were estimated against, and where its table came from. */
  factorSet?: { name: FactorSetName; factors: string[]; source: string };
  analyses: SymbolAnalysis[];
  liquid: LiquidMonth[];
  clusters: MonthClusters[];
  portfolios: MonthPortfolio[];
  backtest: BacktestResult;
}

export type StageName = 'symbols' | 'liquidity' | 'clusters' | 'portfolio' | 'backtest';
/** Wraps each stage (a benchmark times it); by default it just runs it. */
export type StageRunner = <T>(stage: StageName, run: () => T) => T;

/** Refuses input no stage can use, naming the field, before any work is done. */
export function checkUniverseInput(input: UniverseInput, options: UniverseOptions): void {
  if (input.bars.length === 0) throw new UniverseInputError('symbols', 'the universe is empty');
  const empty = input.bars.filter((b) => b.date.length === 0).map((b) => b.symbol);
  if (empty.length > 0)
    throw new UniverseInputError('symbols', `no bars in the date range for ${empty.slice(0, 5).join(', ')}`);
  const months = new Set(
    input.bars.flatMap((b) => [b.date[0]!.slice(0, 7), b.date[b.date.length - 1]!.slice(0, 7)]),
  );
  const [first, last] = [[...months].sort()[0]!, [...months].sort().pop()!];
  const span =
    (Number(last.slice(0, 4)) - Number(first.slice(0, 4))) * 12 +
    Number(last.slice(5)) -
    Number(first.slice(5)) +
    1;
  if (input.factors && span < options.betas.minObservations + 1) {
    throw new UniverseInputError(
      'dateRange',
      `${span} month(s) of data (${first}..${last}) are fewer than the ${options.betas.minObservations + 1} the factor betas need`,
    );
  }
  if (input.factors) {
    const factorMonths = input.factors.months;
    if (factorMonths[0]! > last || factorMonths[factorMonths.length - 1]! < first) {
      throw new UniverseInputError(
        'factors',
        `${input.factors.source} covers ${factorMonths[0]}..${factorMonths[factorMonths.length - 1]}, the data ${first}..${last}`,
      );
    }
  }
}

export function runUniverseSequential(
  input: UniverseInput,
  stage: StageRunner = (_, run) => run(),
): UniverseRun {
  const options = resolveUniverseOptions(input.options);
  checkUniverseInput(input, options);
  const factorSet = input.factors ? chooseFactorSet(input.factors, options.betas.factorSet) : undefined;
  const analyses = stage('symbols', () =>
    chunk(input.bars, input.chunkSize ?? 50).flatMap((part) => analyseSymbols(part, factorSet, options)),
  );
  const liquid = stage('liquidity', () => selectLiquidSymbols(analyses, options.liquidity));
  const clusters = stage('clusters', () => clusterUniverse(analyses, liquid, options.clustering));
  const { panel, portfolios } = stage('portfolio', () => {
    const panel = buildReturnPanel(analyses);
    return { panel, portfolios: buildPortfolios(clusters, panel, options.portfolio) };
  });
  const backtest = stage('backtest', () =>
    backtestPortfolios(portfolios, panel, input.benchmark, options.portfolio),
  );
  const run: UniverseRun = { options, analyses, liquid, clusters, portfolios, backtest };
  if (factorSet)
    run.factorSet = { name: factorSet.name, factors: factorSet.factors, source: factorSet.table.source };
  return run;
}
