/**
 * Credit Monte Carlo benchmark: 10,000 paths × 360 months on a 1,000-loan mortgage pool, the TypeScript
 * engine (lib/credit/monte-carlo) against a NumPy implementation of the same model
 * (bench/credit_monte_carlo.py), side by side in one run, each side in its own process one after another,
 * at equal parallelism (1 thread vs 1 process, then 2 threads vs 2 processes).
 *
 * Run: `bash bench/setup-python.sh` once, then
 *   npx tsx bench/credit-monte-carlo.ts [--paths 10000] [--loans 1000] [--threads 2]
 * Writes bench/results/credit-monte-carlo.md and .json.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { format, resolveConfig } from 'prettier';
import { DEFAULT_MORTGAGE_MODEL } from '../lib/credit/monte-carlo/model.js';
import { POOL_COLUMNS, syntheticMortgagePool } from '../lib/credit/monte-carlo/pool.js';
import { compareSummaries, machineInfo, renderReport, type McSide } from './credit-mc-report.js';

const run = promisify(execFile);
const here = dirname(fileURLToPath(import.meta.url));
const python = join(here, '.venv', 'bin', 'python');
const arg = (name: string, fallback: number): number => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const paths = arg('paths', 10_000);
const loans = arg('loans', 1000);
const maxThreads = arg('threads', 2);
const seed = 20_260_101;
// Chunk and block sizes picked by trying a few (see the report's notes): the NumPy side is fastest with
// small blocks whose (paths × loans) arrays stay in the cache; the TypeScript side only needs enough
// chunks to keep every thread busy to the end.
const nodeChunk = arg('chunk', 250);
const numpyBlock = arg('block', 50);

async function side(label: string, file: string, args: string[]): Promise<McSide> {
  const loadBefore = (await run('uptime')).stdout.trim();
  console.log(`[${new Date().toISOString()}] ${label} … (${loadBefore})`);
  // One BLAS thread per process, so "1 process" uses one core like one worker thread does.
  const env = { ...process.env, OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };
  const { stdout } = await run(file, args, { cwd: join(here, '..'), env, maxBuffer: 64 * 1024 * 1024 });
  const lines = stdout.trim().split('\n');
  const measured = JSON.parse(lines[lines.length - 1]!) as Omit<McSide, 'loadBefore' | 'label'>;
  const result: McSide = { ...measured, label, loadBefore };
  console.log(`  ${JSON.stringify(result)}`);
  return result;
}

if (!existsSync(python)) {
  console.error('bench/.venv is missing: run `bash bench/setup-python.sh` first (installs numpy from PyPI).');
  process.exit(1);
}
const work = await mkdtemp(join(tmpdir(), 'credit-mc-bench-'));
try {
  const pool = syntheticMortgagePool(loans, seed);
  const columns = new Float64Array(POOL_COLUMNS.length * loans);
  POOL_COLUMNS.forEach((key, k) => columns.set(pool[key], k * loans));
  await writeFile(join(work, 'pool.f64'), columns);
  await writeFile(join(work, 'model.json'), JSON.stringify({ model: DEFAULT_MORTGAGE_MODEL, seed, paths }));
  const sides: McSide[] = [];
  for (let threads = 1; threads <= maxThreads; threads++) {
    sides.push(
      await side(`TypeScript, ${threads} thread(s)`, process.execPath, [
        '--import',
        'tsx',
        join(here, 'credit-mc-side.ts'),
        work,
        String(threads),
        String(nodeChunk),
      ]),
    );
    sides.push(
      await side(`NumPy, ${threads} process(es)`, python, [
        join(here, 'credit_monte_carlo.py'),
        work,
        String(threads),
        String(numpyBlock),
      ]),
    );
  }
  const parity = compareSummaries(
    JSON.parse(await readFile(join(work, 'node-summary-1.json'), 'utf8')),
    JSON.parse(await readFile(join(work, 'numpy-summary-1.json'), 'utf8')),
  );
  const extra = [
    paths === 10_000 ? '' : ` --paths ${paths}`,
    loans === 1000 ? '' : ` --loans ${loans}`,
    maxThreads === 2 ? '' : ` --threads ${maxThreads}`,
  ].join('');
  const command = `npx tsx bench/credit-monte-carlo.ts${extra}`;
  const report = renderReport({
    command,
    machine: await machineInfo(python),
    paths,
    loans,
    months: DEFAULT_MORTGAGE_MODEL.horizonMonths,
    nodeChunk,
    numpyBlock,
    sides,
    parity,
    loadAfter: (await run('uptime')).stdout.trim(),
  });
  const out = join(here, 'results', 'credit-monte-carlo.md');
  await writeFile(out, await format(report, { ...(await resolveConfig(out)), parser: 'markdown' }));
  await writeFile(
    join(here, 'results', 'credit-monte-carlo.json'),
    `${JSON.stringify({ command, paths, loans, sides, parity }, null, 2)}\n`,
  );
  console.log(`\nwrote ${out}`);
} finally {
  await rm(work, { recursive: true, force: true });
}
