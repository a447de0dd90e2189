/**
 * Market-flow refresh benchmark: one refresh of everything the API serves (industry and global views for
 * the five time ranges, the correlation matrix of every series per range, the insights) over 10 years of
 * daily data for 50 series, timed and with its peak memory, each run in a fresh process. Writes
 * bench/results/market-flow.md. The target is under 5 s on this machine (the refresh runs every 5 minutes).
 *
 *   npx tsx bench/market-flow-refresh.ts [--series 50] [--years 10] [--seed 42] [--runs 3]
 *
 * The series are the default synthetic market-flow set (24: the asset classes, five regions with their
 * indices, currencies, yields and the bond and cash indices derived from yields) plus sector equity
 * indices up to --series, all from the seeded generator. The API half (cached GET throughput) comes with
 * the routes.
 */
import { execFileSync, execSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  buildGlobalView,
  buildIndustryView,
  computeMarketFlowSnapshot,
  prepareMarketFlowContext,
  seriesCorrelations,
  syntheticMarketFlowInput,
  timeRanges,
  type SyntheticSeriesSpec,
} from '../lib/market-flow/index.js';

const { values } = parseArgs({
  options: {
    series: { type: 'string', default: '50' },
    years: { type: 'string', default: '10' },
    seed: { type: 'string', default: '42' },
    runs: { type: 'string', default: '3' },
    child: { type: 'boolean', default: false },
  },
});
const totalSeries = Number(values.series);
const years = Number(values.years);
const seed = Number(values.seed);

interface RunResult {
  seconds: {
    generate: number;
    refresh: number;
    prepare: number;
    industry: number;
    global: number;
    correlations: number;
  };
  peakRssMiB: number;
  dataRssMiB: number;
  series: number;
  observations: number;
  viewJsonKiB: number;
  sample: { insights: string[]; unavailable: number };
}

/** Sector indices loading 0.5-0.85 on the equity factor, volatility 18-35 %: enough to reach `count` series. */
function sectorSpecs(count: number): SyntheticSeriesSpec[] {
  return Array.from({ length: count }, (_, k) => ({
    id: `sector-${String(k + 1).padStart(2, '0')}`,
    description: `sector equity index ${k + 1}`,
    kind: 'price',
    start: 100,
    drift: 0.04 + 0.01 * (k % 5),
    volatility: 0.18 + (0.17 * ((k * 7) % 11)) / 10,
    calendar: 'business',
    loadings: {
      equity: 0.5 + (0.35 * ((k * 3) % 8)) / 7,
      ...(k % 2 === 0 ? { europe: 0.2 } : { asia: 0.2 }),
    },
  }));
}

function runChild(): RunResult {
  const seconds = (from: number) => (performance.now() - from) / 1000;
  const end = 2023;
  const options = {
    seed,
    start: `${end - years + 1}-01-01`,
    end: `${end}-12-31`,
    timestamp: '2024-01-02T00:00:00Z',
  };
  let t = performance.now();
  const base = syntheticMarketFlowInput(options).series.length;
  const input = syntheticMarketFlowInput({ ...options, extra: sectorSpecs(Math.max(0, totalSeries - base)) });
  const generate = seconds(t);
  const dataRssMiB = process.memoryUsage().rss / 2 ** 20;

  // The measured refresh: everything from the raw series to every view, matrix and insight.
  t = performance.now();
  const snapshot = computeMarketFlowSnapshot(input);
  const refresh = seconds(t);

  // The same work in parts, on fresh preparations, to see where the time goes.
  t = performance.now();
  const ctx = prepareMarketFlowContext(input);
  const prepare = seconds(t);
  t = performance.now();
  for (const range of timeRanges) buildIndustryView(input.industry, range, ctx);
  const industry = seconds(t);
  t = performance.now();
  for (const range of timeRanges) buildGlobalView(input.global, range, ctx);
  const global = seconds(t);
  t = performance.now();
  for (const range of timeRanges)
    seriesCorrelations([...ctx.series.values()], range, ctx.asOf, ctx.options.minReturns);
  const correlations = seconds(t);

  const views = JSON.stringify({ industry: snapshot.industry, global: snapshot.global });
  return {
    seconds: { generate, refresh, prepare, industry, global, correlations },
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
    dataRssMiB,
    series: input.series.length,
    observations: input.series.reduce((n, s) => n + s.values.length, 0),
    viewJsonKiB: views.length / 1024,
    sample: {
      insights: snapshot.industry['1W'].insights,
      unavailable: timeRanges.reduce(
        (n, r) => n + snapshot.industry[r].unavailable.length + snapshot.global[r].unavailable.length,
        0,
      ),
    },
  };
}

if (values.child) {
  console.log(JSON.stringify(runChild()));
} else {
  const here = import.meta.dirname;
  const root = resolve(here, '..');
  const args = process.argv.slice(2);
  const command = `npx tsx bench/market-flow-refresh.ts ${args.join(' ')}`.trim();
  const loadBefore = execSync('uptime').toString().trim();
  const runs: RunResult[] = [];
  for (let i = 0; i < Number(values.runs); i++) {
    const out = execFileSync(
      process.execPath,
      ['--import', 'tsx', join(here, 'market-flow-refresh.ts'), ...args, '--child'],
      {
        cwd: root,
        encoding: 'utf8',
        maxBuffer: 16 * 2 ** 20,
      },
    );
    const result = JSON.parse(out.trim().split('\n').pop()!) as RunResult;
    runs.push(result);
    console.log(
      `run ${i + 1}: refresh ${result.seconds.refresh.toFixed(3)} s, peak RSS ${result.peakRssMiB.toFixed(0)} MiB`,
    );
  }
  const loadAfter = execSync('uptime').toString().trim();
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const cpu = /model name\s*:\s*(.+)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ?? 'unknown';
  const first = runs[0]!;
  const row = (label: string, pick: (r: RunResult) => number, digits: number) =>
    `| ${label} | ${runs.map((r) => pick(r).toFixed(digits)).join(' | ')} | ${median(runs.map(pick)).toFixed(digits)} |`;
  const refreshMedian = median(runs.map((r) => r.seconds.refresh));
  const lines = [
    '# Market-flow refresh',
    '',
    `Command: \`${command}\``,
    `Date: ${new Date().toISOString()}. Machine: ${cpus().length} CPUs (${cpu}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}.`,
    '',
    'Load on the machine (shared with other people working concurrently, so times move between runs):',
    '',
    `- before: \`${loadBefore}\``,
    `- after: \`${loadAfter}\``,
    '',
    `Data: ${first.series} synthetic series (seed ${seed}), ${years} years of daily observations, ` +
      `${first.observations.toLocaleString('en')} in all (weekday series about 2,610 each, crypto every day). ` +
      'Each run is a fresh process; peak memory is its maximum RSS, which includes the generated data.',
    '',
    `**One full refresh: ${refreshMedian.toFixed(2)} s median (target < 5 s): ${refreshMedian < 5 ? 'met' : 'NOT met'}.**`,
    '',
    `| measure | ${runs.map((_, i) => `run ${i + 1}`).join(' | ')} | median |`,
    `| --- | ${runs.map(() => '---:').join(' | ')} | ---: |`,
    row('refresh, all views and matrices (s)', (r) => r.seconds.refresh, 3),
    row('  prepare: validate, parse dates, infer frequencies (s)', (r) => r.seconds.prepare, 3),
    row('  industry view × 5 ranges, with insights (s)', (r) => r.seconds.industry, 3),
    row('  global view × 5 ranges, with insights (s)', (r) => r.seconds.global, 3),
    row(
      `  ${first.series} × ${first.series} correlation matrix × 5 ranges (s)`,
      (r) => r.seconds.correlations,
      3,
    ),
    row('generate the synthetic data, not part of a refresh (s)', (r) => r.seconds.generate, 3),
    row('peak RSS (MiB)', (r) => r.peakRssMiB, 0),
    row('RSS with the data generated (MiB)', (r) => r.dataRssMiB, 0),
    row('both views, all ranges, as JSON (KiB)', (r) => r.viewJsonKiB, 0),
    '',
    'The refresh is timed cold (the first call in a fresh process, code not yet compiled); the parts are',
    'timed after it on a fresh preparation with the code warm, as in a long-running worker, so they add up',
    'to less than the cold refresh.',
    '',
    `The 1W industry view's insights in run 1: ${first.sample.insights.map((s) => `"${s}"`).join('; ')}. ` +
      `Items left out with a reason across all views and ranges: ${first.sample.unavailable} (all series here are daily).`,
    '',
  ];
  writeFileSync(join(here, 'results', 'market-flow.md'), lines.join('\n'));
  console.log(lines.join('\n'));
}
