/** Machine facts and the Markdown report of bench/random-forest.ts. */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface SideResult {
  /** Which comparison and side, e.g. "(a) histogram-forest". */
  label: string;
  side: string;
  trees: number;
  trainSeconds: number;
  predictRowsPerSecond: number;
  holdoutR2: number;
  artifactBytes: number;
  peakRssMiB: number;
  loadBefore: string;
}

export async function machineInfo(python: string): Promise<Record<string, string>> {
  const cpuinfo = await readFile('/proc/cpuinfo', 'utf8');
  const meminfo = await readFile('/proc/meminfo', 'utf8');
  const memKiB = Number(/MemTotal:\s+(\d+)/.exec(meminfo)?.[1] ?? 0);
  const versions = await run(python, [
    '-c',
    'import sklearn, numpy, sys; print(sys.version.split()[0], sklearn.__version__, numpy.__version__)',
  ]);
  const [py, sk, np] = versions.stdout.trim().split(' ');
  return {
    date: new Date().toISOString(),
    nproc: (await run('nproc')).stdout.trim(),
    availableParallelism: String(availableParallelism()),
    cpu: /model name\s*:\s*(.+)/.exec(cpuinfo)?.[1]?.trim() ?? 'unknown',
    memory: `${(memKiB / 1024 / 1024).toFixed(1)} GiB`,
    node: process.version,
    python: `${py}, scikit-learn ${sk}, numpy ${np}`,
  };
}

const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

function table(rows: SideResult[], trainNote: (r: SideResult) => string): string {
  const head =
    '| side | trees | training | batch prediction | holdout R² | artifact | peak RSS |\n|---|---|---|---|---|---|---|';
  const body = rows.map(
    (r) =>
      `| ${r.side} | ${r.trees} | ${r.trainSeconds.toFixed(2)} s${trainNote(r)} | ${Math.round(r.predictRowsPerSecond).toLocaleString('en')} rows/s | ${r.holdoutR2.toFixed(4)} | ${mib(r.artifactBytes)} | ${r.peakRssMiB.toFixed(0)} MiB |`,
  );
  return [head, ...body].join('\n');
}

export function renderReport(input: {
  command: string;
  machine: Record<string, string>;
  a: SideResult[];
  b: SideResult[];
  mlTrees: number;
  loadAfter: string;
}): string {
  const { machine, mlTrees } = input;
  const [histA, ml] = input.a as [SideResult, SideResult];
  const [histB, sk] = input.b as [SideResult, SideResult];
  // ml-random-forest grows trees one after another, each on the same data: time is linear in the tree count.
  const mlSeconds50 = ml.trainSeconds * (50 / mlTrees);
  const speedupA = mlSeconds50 / histA.trainSeconds;
  const speedupB = sk.trainSeconds / histB.trainSeconds;
  const r2Gap = histB.holdoutR2 - sk.holdoutR2;
  const verdict = (ok: boolean): string => (ok ? '**met**' : '**missed**');
  const mlNote = (r: SideResult): string =>
    r === ml && mlTrees !== 50
      ? ` (${mlTrees} trees; ${mlSeconds50.toFixed(0)} s for 50, extrapolated linearly)`
      : '';
  const targetB = speedupB >= 1 && (Math.abs(r2Gap) <= 0.01 || r2Gap > 0);
  return `# Random-forest benchmark

Where it stands: ${speedupA.toFixed(0)}× faster than ml-random-forest (target ≥ 100×: ${verdict(speedupA >= 100)});
${speedupB.toFixed(1)}× faster than scikit-learn with an R² gap of ${r2Gap.toFixed(4)} (target: no slower, R² within
0.01: ${verdict(targetB)}).

Command: \`${input.command}\` (after \`bash bench/setup-python.sh\`), run on ${machine.date}.

Machine: ${machine.nproc} cores (nproc; availableParallelism ${machine.availableParallelism}), ${machine.cpu},
${machine.memory} RAM; Node ${machine.node}; Python ${machine.python}. The machine is shared with other
work running at the same time; the load average before each side is listed below.

Data: Friedman #1 (\`lib/synthetic-table.ts\`: 5 informative features, the rest noise, Gaussian noise σ = 1),
generated once per run with a fixed seed and written as float64 files that every side reads. Each side runs
in its own process, one after another. Training time includes histogram-forest's binning; prediction is one
batch over the holdout (binning included); the artifact is \`serialize()\` for the Node engines and
\`pickle.dumps\` for scikit-learn; peak RSS is the process's maximum resident set (workers included).

## (a) histogram-forest vs ml-random-forest: 5,000 × 20, 50 trees, holdout 2,000 rows

Both sides: all features per split, no feature replacement, bootstrap rows, nodes of ≤ 3 samples are leaves
(ml-cart's default), seed 1; histogram-forest on 2 threads.

${table(input.a, mlNote)}

Training speed-up: **${speedupA.toFixed(0)}×** (target ≥ 100×: ${verdict(speedupA >= 100)}). R² difference
${(histA.holdoutR2 - ml.holdoutR2).toFixed(4)}; artifact ${(ml.artifactBytes / histA.artifactBytes).toFixed(0)}× smaller.

## (b) histogram-forest vs scikit-learn: 100,000 × 30, 100 trees, holdout 20,000 rows

scikit-learn's \`RandomForestRegressor(n_estimators=100, n_jobs=2)\` defaults on both sides: all features,
bootstrap, trees grown until leaves are pure or hold one sample; histogram-forest with nThreads 2.

${table(input.b, () => '')}

Training: histogram-forest is **${speedupB.toFixed(2)}×** as fast as scikit-learn (target ≥ 1×:
${verdict(speedupB >= 1)}); R² gap ${r2Gap >= 0 ? '+' : ''}${r2Gap.toFixed(4)} (target within 0.01: ${verdict(Math.abs(r2Gap) <= 0.01 || r2Gap > 0)}).
Batch prediction ${(histB.predictRowsPerSecond / sk.predictRowsPerSecond).toFixed(2)}× scikit-learn's rate; artifact
${(sk.artifactBytes / histB.artifactBytes).toFixed(1)}× smaller; peak memory ${(sk.peakRssMiB / histB.peakRssMiB).toFixed(2)}× lower.

## Notes

- histogram-forest splits on bin boundaries (≤ 256 quantile bins per feature, edges halfway between
  distinct values), not on every distinct value as ml-random-forest and scikit-learn do; the R² columns
  show what that costs on this data.
- Batch prediction: histogram-forest predicts on the calling thread (\`predict()\` is synchronous);
  scikit-learn's \`predict\` uses its n_jobs=2 threads. Rates of (a) and (b) do not compare with each
  other: (a) has 20 features and trees that stop at 3 samples, (b) full-depth trees on 100,000 rows.
- The machine's 2 cores are shared with other work, so every time here is inflated by the load listed
  below, and a side that ran under more load looks slower: the ratios move from run to run.
- ml-random-forest's artifact is its JSON (\`toJSON()\`) inside the same checked envelope.
- Peak RSS includes each runtime's baseline (Node with tsx, Python with numpy and scikit-learn) and the
  data set as loaded from the float64 files.

## Load

${[...input.a, ...input.b].map((r) => `- before ${r.label}: \`${r.loadBefore}\``).join('\n')}
- after the run: \`${input.loadAfter}\`
`;
}
