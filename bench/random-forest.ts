/**
 * Random-forest benchmark, side by side in one run (each side in its own process, one after another):
 *   (a) histogram-forest vs ml-random-forest on 5,000 × 20, 50 trees
 *   (b) histogram-forest vs scikit-learn RandomForestRegressor(n_jobs=2) on 100,000 × 30, 100 trees
 * Run: `bash bench/setup-python.sh` once, then `npx tsx bench/random-forest.ts [--ml-trees N]`.
 * Writes bench/results/random-forest.md.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { format, resolveConfig } from 'prettier';
import { writeBenchData } from './bench-data.js';
import { machineInfo, renderReport, type SideResult } from './forest-report.js';

const run = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));
const python = join(here, '.venv', 'bin', 'python');
const mlTreesArg = process.argv.indexOf('--ml-trees');
const mlTrees = mlTreesArg > 0 ? Number(process.argv[mlTreesArg + 1]) : 50;

async function load(): Promise<string> {
  return (await run('uptime')).stdout.trim();
}

async function side(label: string, file: string, args: string[]): Promise<SideResult> {
  const loadBefore = await load();
  console.log(`[${new Date().toISOString()}] ${label} … (${loadBefore})`);
  const { stdout } = await run(file, args, { cwd: join(here, '..'), maxBuffer: 16 * 1024 * 1024 });
  const lines = stdout.trim().split('\n');
  const measured = JSON.parse(lines[lines.length - 1]!) as Omit<SideResult, 'loadBefore' | 'label'>;
  const result: SideResult = { ...measured, label, loadBefore };
  console.log(`  ${JSON.stringify(result)}`);
  return result;
}

function nodeSide(label: string, engine: string, dir: string, options: object): Promise<SideResult> {
  const script = join(here, 'forest-side.ts');
  return side(label, process.execPath, ['--import', 'tsx', script, engine, dir, JSON.stringify(options)]);
}

if (!existsSync(python)) {
  console.error(
    'bench/.venv is missing: run `bash bench/setup-python.sh` first (installs scikit-learn from PyPI).',
  );
  process.exit(1);
}
const work = await mkdtemp(join(tmpdir(), 'forest-bench-'));
try {
  const small = join(work, 'a');
  const large = join(work, 'b');
  await writeBenchData(small, { name: 'a', trainRows: 5000, testRows: 2000, nFeatures: 20, seed: 1 });
  await writeBenchData(large, { name: 'b', trainRows: 100_000, testRows: 20_000, nFeatures: 30, seed: 2 });
  // (a) Same settings on both sides: all features, no feature replacement, bootstrap, ml-cart's leaf rule.
  const shared = { seed: 1, maxFeatures: 1, replacement: false, treeOptions: { minNumSamples: 3 } };
  const a = [
    await nodeSide('(a) histogram-forest', 'histogram-forest', small, {
      ...shared,
      nEstimators: 50,
      nThreads: 2,
    }),
    await nodeSide('(a) ml-random-forest', 'ml-random-forest', small, { ...shared, nEstimators: mlTrees }),
  ];
  // (b) scikit-learn's defaults on both sides: all features, bootstrap, grown until leaves are pure or single.
  const b = [
    await nodeSide('(b) histogram-forest', 'histogram-forest', large, {
      seed: 1,
      nEstimators: 100,
      nThreads: 2,
    }),
    await side('(b) scikit-learn', python, [join(here, 'sklearn-side.py'), large, '100', '2']),
  ];
  const command = `npx tsx bench/random-forest.ts${mlTrees === 50 ? '' : ` --ml-trees ${mlTrees}`}`;
  const report = renderReport({
    command,
    machine: await machineInfo(python),
    a,
    b,
    mlTrees,
    loadAfter: await load(),
  });
  const out = join(here, 'results', 'random-forest.md');
  // Formatted like every other file of the repository, so the format check passes on the results too.
  await writeFile(out, await format(report, { ...(await resolveConfig(out)), parser: 'markdown' }));
  // The raw measures too, so the numbers in the report can be checked or re-rendered.
  await writeFile(
    join(here, 'results', 'random-forest.json'),
    `${JSON.stringify({ command, a, b }, null, 2)}\n`,
  );
  console.log(`\nwrote ${out}`);
} finally {
  await rm(work, { recursive: true, force: true });
}
