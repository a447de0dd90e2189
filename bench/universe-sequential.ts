/**
 * Universe analytics benchmark, sequential side: the whole chain in one process on the synthetic
 * universe (500 symbols × 8 years of daily bars by default, about 1M rows), time per stage and peak
 * memory, each run in a fresh child process. Writes bench/results/universe.md and the backtest chart
 * bench/results/universe-backtest.svg.
 *
 *   npx tsx bench/universe-sequential.ts [--symbols 500] [--years 8] [--seed 42] [--chunk 50] [--runs 3]
 *
 * The workflow sides (1 and 2 workers) come later and reuse bench/universe-side-sequential.ts's result
 * shape for their column.
 */
import { execFileSync, execSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { SequentialSideOptions, SequentialSideResult } from './universe-side-sequential.js';

const { values } = parseArgs({
  options: {
    symbols: { type: 'string', default: '500' },
    years: { type: 'string', default: '8' },
    seed: { type: 'string', default: '42' },
    chunk: { type: 'string', default: '50' },
    runs: { type: 'string', default: '3' },
  },
});
const here = import.meta.dirname;
const root = resolve(here, '..');
const side: SequentialSideOptions = {
  symbols: Number(values.symbols),
  days: Math.round(Number(values.years) * 252),
  seed: Number(values.seed),
  chunkSize: Number(values.chunk),
};
const command = `npx tsx bench/universe-sequential.ts ${process.argv.slice(2).join(' ')}`.trim();

const loadBefore = execSync('uptime').toString().trim();
const runs: SequentialSideResult[] = [];
for (let i = 0; i < Number(values.runs); i++) {
  const svg = i === 0 ? join(here, 'results', 'universe-backtest.svg') : undefined;
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', join(here, 'universe-side-sequential.ts'), JSON.stringify({ ...side, svg })],
    { cwd: root, encoding: 'utf8', maxBuffer: 16 * 2 ** 20 },
  );
  const result = JSON.parse(out.trim().split('\n').pop()!) as SequentialSideResult;
  runs.push(result);
  console.log(
    `run ${i + 1}: ${result.seconds.total.toFixed(1)} s, peak RSS ${result.peakRssMiB.toFixed(0)} MiB`,
  );
}
const loadAfter = execSync('uptime').toString().trim();

const stages = [
  'generate',
  'symbols',
  'liquidity',
  'clusters',
  'portfolio',
  'backtest',
  'chart',
  'total',
] as const;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (x: number, digits = 2) => x.toFixed(digits);
const first = runs[0]!;
const s = first.summary;
const cpu = /model name\s*:\s*(.+)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ?? 'unknown';

const lines = [
  '# Universe analytics: sequential run',
  '',
  `Command: \`${command}\``,
  `Date: ${new Date().toISOString()}. Machine: ${cpus().length} CPUs (${cpu}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}.`,
  '',
  'Load on the machine (shared with other people working concurrently, so times move between runs):',
  '',
  `- before: \`${loadBefore}\``,
  `- after: \`${loadAfter}\``,
  '',
  `Data: synthetic universe, ${side.symbols} symbols × ${side.days} trading days = ${first.rows.toLocaleString('en')} rows ` +
    `(seed ${side.seed}); the per-symbol stage in ${first.chunks} chunks of ${side.chunkSize} symbols, one after another. ` +
    `Each run is a fresh process (\`bench/universe-side-sequential.ts\`); peak memory is its maximum RSS.`,
  '',
  `| stage | ${runs.map((_, i) => `run ${i + 1} (s)`).join(' | ')} | median (s) |`,
  `| --- | ${runs.map(() => '---:').join(' | ')} | ---: |`,
  ...stages.map(
    (stage) =>
      `| ${stage} | ${runs.map((r) => fmt(r.seconds[stage])).join(' | ')} | ${fmt(median(runs.map((r) => r.seconds[stage])))} |`,
  ),
  `| peak RSS (MiB) | ${runs.map((r) => fmt(r.peakRssMiB, 0)).join(' | ')} | ${fmt(median(runs.map((r) => r.peakRssMiB)), 0)} |`,
  `| RSS with the data loaded (MiB) | ${runs.map((r) => fmt(r.dataRssMiB, 0)).join(' | ')} | ${fmt(median(runs.map((r) => r.dataRssMiB)), 0)} |`,
  '',
  'Stages: `generate` the synthetic bars (not part of an analysis of real data); `symbols` indicators, monthly',
  'columns and rolling betas per symbol (the stage a workflow fans out); `liquidity` top 150 by 5-year rolling',
  'dollar volume; `clusters` RSI-seeded K-means per month; `portfolio` max-Sharpe weights per month on 12 months',
  'of daily returns (quadprog); `backtest` the monthly-rebalanced portfolio against the market index; `chart`',
  'the SVG of both cumulative returns (Vega-Lite, rendered in Node).',
  '',
  '## What the run found (run 1; every run computes the same numbers)',
  '',
  `- factor set: ${s.factorSet}; ${s.months} months with a liquidity ranking, ${s.clusteredMonths} clustered, ` +
    `${s.optimisedMonths} with max-Sharpe weights, the others equal weights:`,
  ...Object.entries(s.fallbackReasons).map(([reason, n]) => `  - ${n} × ${reason}`),
  `- portfolio: Sharpe ${fmt(s.portfolio.sharpe)}, volatility ${fmt(100 * s.portfolio.volatility, 1)} %, ` +
    `max drawdown ${fmt(100 * s.portfolio.maxDrawdown, 1)} %, total return ${fmt(100 * s.portfolio.totalReturn, 1)} %`,
  `- market index: Sharpe ${fmt(s.benchmark.sharpe)}, volatility ${fmt(100 * s.benchmark.volatility, 1)} %, ` +
    `max drawdown ${fmt(100 * s.benchmark.maxDrawdown, 1)} %, total return ${fmt(100 * s.benchmark.totalReturn, 1)} %`,
  '- chart: [universe-backtest.svg](universe-backtest.svg)',
  '',
  'The synthetic market drifts up about 12 % a year in log terms (a 10 % premium over a 2 % risk-free rate);',
  'one 8-year path can miss that by far (its standard deviation over 8 years is about 50 %), so a flat or',
  'falling market index here is a property of the seed, not of the generator.',
  '',
];
writeFileSync(join(here, 'results', 'universe.md'), lines.join('\n'));
console.log(lines.join('\n'));
