/** Machine facts, the parity check and the Markdown report of bench/credit-monte-carlo.ts. */
// The machine facts are the forest benchmark's (same venv: it reports numpy's version with scikit-learn's).
export { machineInfo } from './forest-report.js';

export interface McSide {
  label: string;
  side: string;
  parallelism: number;
  /** Wall time from the pool loaded to the summary computed (simulation, merge, percentiles). */
  seconds: number;
  /** The same, up to the merged per-path results (before the percentiles). */
  simulateSeconds: number;
  /** CPU time (user + system) of every thread and child process over the same span. */
  cpuSeconds: number;
  peakRssMiB: number;
  /** Largest worker process (NumPy with processes > 1); 0 where workers are threads of the one process. */
  peakChildRssMiB: number;
  loadBefore: string;
}

interface SideSummary {
  distributions: Record<string, Record<string, number>>;
  bands: Record<string, Record<string, number[]>>;
}

export interface Parity {
  /** Largest |a − b| / max(|a|, |b|, floor) over every distribution statistic and band value. */
  maxRelativeDifference: number;
  where: string;
  values: number;
  /** Mean NPV, IRR, WAL and loss rate on both sides, for the report. */
  headline: { measure: string; typescript: number; numpy: number }[];
}

export function compareSummaries(a: SideSummary, b: SideSummary): Parity {
  let max = 0;
  let where = '';
  let values = 0;
  const check = (x: number, y: number, name: string, floor: number) => {
    values++;
    const d = Math.abs(x - y) / Math.max(Math.abs(x), Math.abs(y), floor);
    if (d > max) {
      max = d;
      where = name;
    }
  };
  for (const [measure, stats] of Object.entries(a.distributions)) {
    for (const [stat, x] of Object.entries(stats))
      check(x, b.distributions[measure]![stat]!, `${measure}.${stat}`, 1e-12);
  }
  for (const [series, band] of Object.entries(a.bands)) {
    // Band values are money or rates; a floor of 1 (one currency unit) keeps zeros after payoff comparable.
    const floor = series === 'shortRate' ? 1e-12 : 1;
    for (const [p, xs] of Object.entries(band)) {
      xs.forEach((x, t) => check(x, b.bands[series]![p]![t]!, `${series}.${p}[${t}]`, floor));
    }
  }
  const headline = ['npv', 'irr', 'wal', 'lossRate'].map((m) => ({
    measure: m,
    typescript: a.distributions[m]!.mean!,
    numpy: b.distributions[m]!.mean!,
  }));
  return { maxRelativeDifference: max, where, values, headline };
}

export function renderReport(input: {
  command: string;
  machine: Record<string, string>;
  paths: number;
  loans: number;
  months: number;
  nodeChunk: number;
  numpyBlock: number;
  sides: McSide[];
  parity: Parity;
  loadAfter: string;
}): string {
  const { machine, sides, parity } = input;
  const pairs: { level: number; ts: McSide; np: McSide }[] = [];
  for (const ts of sides.filter((s) => s.side.startsWith('TypeScript'))) {
    const np = sides.find((s) => s.side.startsWith('NumPy') && s.parallelism === ts.parallelism);
    if (np) pairs.push({ level: ts.parallelism, ts, np });
  }
  const verdict = (ratio: number) => (ratio >= 1 ? '**met**' : '**missed**');
  const numpyOne = sides.find((s) => s.side.startsWith('NumPy') && s.parallelism === 1);
  const tsMost = sides
    .filter((s) => s.side.startsWith('TypeScript'))
    .reduce((a, b) => (b.parallelism > a.parallelism ? b : a));
  const headlineRatio = numpyOne ? numpyOne.seconds / tsMost.seconds : Number.NaN;
  const rows = sides.map(
    (s) =>
      `| ${s.side} | ${s.seconds.toFixed(2)} s | ${s.simulateSeconds.toFixed(2)} s | ${s.cpuSeconds.toFixed(2)} s | ${s.peakRssMiB.toFixed(0)} MiB${s.peakChildRssMiB > 0 ? ` (+ largest worker ${s.peakChildRssMiB.toFixed(0)} MiB)` : ''} |`,
  );
  const ratios = pairs.map(
    (p) =>
      `- ${p.level} × parallel: TypeScript is **${(p.np.seconds / p.ts.seconds).toFixed(2)}×** as fast as NumPy in wall time (${p.ts.seconds.toFixed(2)} s vs ${p.np.seconds.toFixed(2)} s; target no slower: ${verdict(p.np.seconds / p.ts.seconds)}) and uses ${(p.np.cpuSeconds / p.ts.cpuSeconds).toFixed(2)}× less CPU time (${p.ts.cpuSeconds.toFixed(1)} s vs ${p.np.cpuSeconds.toFixed(1)} s).`,
  );
  const headline = parity.headline.map(
    (h) => `| mean ${h.measure} | ${h.typescript.toPrecision(12)} | ${h.numpy.toPrecision(12)} |`,
  );
  const loads = sides.map((s) => `- before ${s.side}: \`${s.loadBefore}\``);
  return `# Credit Monte Carlo benchmark

Headline: TypeScript on ${tsMost.parallelism} worker thread(s) is **${headlineRatio.toFixed(2)}×** as fast as NumPy
running as NumPy code runs, in one process (${tsMost.seconds.toFixed(2)} s vs ${numpyOne?.seconds.toFixed(2)} s wall; target no
slower: ${verdict(headlineRatio)}). At equal parallelism (wall times swing with the machine's load, CPU times much
less: read both):

${ratios.join('\n')}

Command: \`${input.command}\` (after \`bash bench/setup-python.sh\`), run on ${machine.date}.

Machine: ${machine.nproc} cores (nproc; availableParallelism ${machine.availableParallelism}), ${machine.cpu},
${machine.memory} RAM; Node ${machine.node}; Python ${machine.python}. The machine is shared with other work
running at the same time; the load average before each side is listed below.

Work: ${input.paths.toLocaleString('en')} paths × ${input.months} months (plus the 12-month recovery lag) on a
${input.loans.toLocaleString('en')}-loan mortgage pool (\`syntheticMortgagePool\`, seeded), the model of
\`lib/credit/monte-carlo/model.ts\` with its defaults: Vasicek short rate, refinancing S-curve prepayment with a
seasoning ramp, an Ornstein-Uhlenbeck credit factor driving the CDR, loan-level default multipliers and
severities, recoveries after a lag, pathwise discounting at short rate + OAS, per-path NPV, IRR, WAL and loss
rate, then month-by-month P5/P50/P95 bands of cash flow, balance, loss and short rate and the distributions
(mean, std, min, max, P5, P50, P95) of the four per-path measures.

## Times and memory

| side | total | simulation + merge | CPU time | peak RSS |
|---|---|---|---|---|
${rows.join('\n')}

Total is wall time from the pool read to the summary computed (worker start-up, simulation, merge of the
chunks, percentiles); it leaves out the interpreter's own start-up. CPU time is user + system over the same
span, every thread and child process included: on a machine shared with other work it moves less than wall
time does, so it is the better guide to the ratio when the load changed between sides. Peak RSS is the process's maximum resident
set (for TypeScript the worker threads are inside it; for NumPy with 2 processes the parent and the largest
child are listed, both children are alive together).

## How the comparison is kept fair

- Same inputs: both sides read the same pool file and model JSON written by the benchmark.
- Same random numbers: both use Philox4x32-10 with counter [month, path, 0, 0] and the seed as key, and the
  same Box-Muller transform, so they simulate the same paths (the TypeScript generator is checked against
  Random123's known-answer vectors in the unit tests).
- Same outputs, checked: every distribution statistic and every band value (${parity.values.toLocaleString('en')}
  numbers) of the 1-thread TypeScript run and the 1-process NumPy run agree to a largest relative difference
  of ${parity.maxRelativeDifference.toExponential(2)} (at \`${parity.where}\`), the difference of summation
  order and of the two runtimes' \`log\`/\`cos\`/\`exp\` in the last bits:

| measure | TypeScript | NumPy |
|---|---|---|
${headline.join('\n')}

- Same parallelism: 1 worker thread against 1 NumPy process (NumPy's element-wise operations run on one
  core), then 2 worker threads against a \`multiprocessing\` pool of 2 processes, on the machine's 2 cores.
- Idiomatic NumPy: each month is whole-array operations over (paths in a block) × (loans still amortising),
  with matrix-vector products for the interest and severity sums; paths in blocks of ${input.numpyBlock}, the block size that used the least CPU in a
  trial on 600 paths (CPU 4.8 s for blocks of 50, 5.2 s for 150, 5.8 s for 300, 6.2 s for 600: smaller arrays
  stay in the cache). One BLAS thread per process (\`OPENBLAS_NUM_THREADS=1\`), so a process uses one core. Per-path IRR by
  vectorised bisection over all 10,000 paths at once after the blocks are joined (TypeScript: Brent's method
  per path inside each chunk). Percentiles:
  \`np.percentile\` (linear, type 7), the same definition as \`percentileOfSorted\`.
- TypeScript: chunks of ${input.nodeChunk} paths handed to whichever worker thread is free, merged with
  \`mergePathChunks\` and summarised with \`summarisePaths\`: the code path a workflow's parallel activities use.

## Load

${loads.join('\n')}
- after the run: \`${input.loadAfter}\`
`;
}
