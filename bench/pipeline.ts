/**
 * Pipeline benchmark: wall time, time per stage and peak memory of one trainingPipelineWorkflow run on the
 * bundled sample data and on synthetic data of 10k, 100k and 1M rows, side by side in one invocation, on a
 * real Temporal dev server and MinIO started here. Writes bench/results/pipeline.md.
 *
 *   npx tsx bench/pipeline.ts [--sizes 10000,100000,1000000]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../lib/config.js';
import { startScratchServers } from '../infra/servers.js';
import { resolvePipelineInput } from '../workflows/pipeline-types.js';

function describeDefaults(): string {
  const { model, horizon } = resolvePipelineInput();
  return `horizon ${horizon}; ${model.engine}, ${model.nEstimators} trees, depth ${model.maxDepth}, leaves of ${model.minLeafSize}+ rows for each forest; cashflow net ${model.cashflowEpochs} epochs on at most 100k rows`;
}

const { values } = parseArgs({ options: { sizes: { type: 'string', default: '10000,100000,1000000' } } });
const sizes = values.sizes.split(',').map(Number);
const root = resolve(import.meta.dirname, '..');
const config = loadConfig();
const dir = mkdtempSync(join(tmpdir(), 'cashflow-bench-'));
const servers = await startScratchServers(config, dir, { accessKey: 'benchbench', secretKey: 'benchbench' });

interface RunResult {
  wallSeconds: number;
  stageSeconds: Record<string, number>;
  rows: number;
  featureRows: number;
  outcome: string;
  mase: number;
  maxRssMB: number;
}

const cases: { label: string; input: object }[] = [
  { label: 'sample (S&P 500 2000-2020)', input: { source: { kind: 'sample' } } },
  ...sizes.map((rows) => ({
    label: `synthetic ${rows.toLocaleString('en')} rows`,
    input: { source: { kind: 'synthetic', rows, symbols: Math.max(1, Math.round(rows / 5000)), seed: 1 } },
  })),
];
const results: { label: string; result: RunResult }[] = [];
try {
  for (const c of cases) {
    // A fresh bucket per case, so no run reuses another's dataset or competes with its champion.
    const bucket = `bench-${results.length}`;
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'bench/pipeline-run.ts', JSON.stringify(c.input)],
      {
        cwd: root,
        encoding: 'utf8',
        env: {
          ...process.env,
          ...servers.env,
          S3_BUCKET: bucket,
        },
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    const line = run.stdout.trim().split('\n').pop() ?? '';
    if (run.status !== 0 || !line.startsWith('{'))
      throw new Error(`${c.label} failed:\n${run.stderr}\n${run.stdout}`);
    const result = JSON.parse(line) as RunResult;
    results.push({ label: c.label, result });
    console.log(
      `${c.label}: ${result.wallSeconds.toFixed(1)} s, peak ${result.maxRssMB.toFixed(0)} MB, ${JSON.stringify(result.stageSeconds)}`,
    );
  }
} finally {
  await servers.stop();
  rmSync(dir, { recursive: true, force: true });
}

const stages = ['ingestion', 'features', 'training', 'validation', 'drift', 'deployment'];
const cpu = cpus()[0]?.model ?? 'unknown CPU';
const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
const base = results.find((r) => r.label.startsWith('synthetic'));
const table = results.map(({ label, result: r }) => {
  const perRow = base
    ? (r.wallSeconds / r.rows / (base.result.wallSeconds / base.result.rows)).toFixed(2)
    : '';
  return `| ${label} | ${r.rows.toLocaleString('en')} | ${r.wallSeconds.toFixed(1)} | ${stages.map((s) => (r.stageSeconds[s] ?? 0).toFixed(1)).join(' | ')} | ${r.maxRssMB.toFixed(0)} | ${perRow} | ${r.outcome} |`;
});
const md = `# Pipeline benchmark

Command: \`npx tsx bench/pipeline.ts --sizes ${values.sizes}\`
Date: ${new Date().toISOString()}, commit ${commit}
Machine: ${cpus().length} × ${cpu}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB memory, Node ${process.versions.node}
Load when started: ${readFileSync('/proc/loadavg', 'utf8').trim()}

Each case is one \`trainingPipelineWorkflow\` run with the default parameters (${describeDefaults()}, deploy on)
from trigger to result, with its pipeline and training workers in
a fresh process; peak memory is that process's maximum resident set (worker threads included; the
Temporal and MinIO servers are separate processes and not counted). Stage times are workflow time.

| case | rows | wall s | ${stages.join(' s | ')} s | peak MB | time per row vs 10k | outcome |
| --- | ---: | ---: | ${stages.map(() => '---:').join(' | ')} | ---: | ---: | --- |
${table.join('\n')}
`;
writeFileSync(join(root, 'bench/results/pipeline.md'), md);
console.log(md);
