/**
 * The sequential side of the universe benchmark, run in its own process so its peak memory is its own:
 *   tsx bench/universe-side-sequential.ts '<options JSON>'   (symbols, days, seed, chunkSize, svg?)
 * Generates the synthetic universe, runs every stage one after another in this process (the same stage
 * functions a workflow calls per chunk), renders the backtest chart, and prints one JSON line: seconds per
 * stage, per-symbol-stage seconds per chunk, peak RSS, and a summary of the results.
 */
import { writeFileSync } from 'node:fs';
import { renderCumulativeReturnsSvg } from '../lib/universe/chart.js';
import { runUniverseSequential, type StageName } from '../lib/universe/run-sequential.js';
import { splitBySymbol } from '../lib/universe/symbol-bars.js';
import { generateSyntheticUniverse } from '../lib/universe/synthetic-universe.js';

export interface SequentialSideOptions {
  symbols: number;
  days: number;
  seed: number;
  chunkSize: number;
  /** Where to write the backtest chart, if anywhere. */
  svg?: string;
}

export interface SequentialSideResult {
  rows: number;
  chunks: number;
  seconds: Record<'generate' | StageName | 'chart' | 'total', number>;
  peakRssMiB: number;
  /** RSS once the universe is in memory, before any analysis. */
  dataRssMiB: number;
  summary: {
    factorSet: string;
    months: number;
    clusteredMonths: number;
    optimisedMonths: number;
    fallbackReasons: Record<string, number>;
    portfolio: { sharpe: number; volatility: number; maxDrawdown: number; totalReturn: number };
    benchmark: { sharpe: number; volatility: number; maxDrawdown: number; totalReturn: number };
  };
}

const options = JSON.parse(process.argv[2] ?? '{}') as SequentialSideOptions;
const seconds: Partial<SequentialSideResult['seconds']> = {};
const timed = <T>(name: keyof SequentialSideResult['seconds'], run: () => T): T => {
  const start = performance.now();
  const result = run();
  seconds[name] = (performance.now() - start) / 1000;
  return result;
};

const started = performance.now();
const universe = timed('generate', () =>
  generateSyntheticUniverse({ symbols: options.symbols, days: options.days, seed: options.seed }),
);
const dataRssMiB = process.memoryUsage().rss / 2 ** 20;
const bars = splitBySymbol(universe.market);
const run = runUniverseSequential(
  { bars, factors: universe.factors, benchmark: universe.benchmark, chunkSize: options.chunkSize },
  timed,
);
const { backtest } = run;
const chartStart = performance.now();
const svg = await renderCumulativeReturnsSvg(
  backtest.dates,
  [
    { name: `cluster ${run.options.portfolio.cluster}, max Sharpe`, returns: backtest.portfolio },
    { name: 'market index', returns: backtest.benchmark },
  ],
  { title: `Synthetic universe: ${options.symbols} symbols, monthly rebalanced` },
);
seconds.chart = (performance.now() - chartStart) / 1000;
seconds.total = (performance.now() - started) / 1000;
if (options.svg) writeFileSync(options.svg, svg);

const fallbackReasons: Record<string, number> = {};
for (const p of run.portfolios) {
  if (!p.reason) continue;
  // Group "9 symbol(s) cannot hold..." and "3 symbol(s) cannot hold..." under one reason.
  const reason = p.reason.replace(/^\d+ symbol\(s\)/, 'N symbol(s)').replace(/\(best [^)]*\)/, '(best ...)');
  fallbackReasons[reason] = (fallbackReasons[reason] ?? 0) + 1;
}
const metrics = (m: typeof backtest.portfolioMetrics) => ({
  sharpe: m.sharpe,
  volatility: m.annualisedVolatility,
  maxDrawdown: m.maxDrawdown,
  totalReturn: m.totalReturn,
});
const result: SequentialSideResult = {
  rows: universe.market.close.length,
  chunks: Math.ceil(bars.length / options.chunkSize),
  seconds: seconds as SequentialSideResult['seconds'],
  peakRssMiB: process.resourceUsage().maxRSS / 1024,
  dataRssMiB,
  summary: {
    factorSet: run.factorSet?.name ?? 'none',
    months: run.liquid.length,
    clusteredMonths: run.clusters.length,
    optimisedMonths: run.portfolios.filter((p) => p.method === 'max-sharpe').length,
    fallbackReasons,
    portfolio: metrics(backtest.portfolioMetrics),
    benchmark: metrics(backtest.benchmarkMetrics),
  },
};
console.log(JSON.stringify(result));
