/**
 * TypeScript side of the credit Monte Carlo benchmark, one process per measurement:
 *
 *   node --import tsx bench/credit-mc-side.ts <run dir> <threads> <paths per chunk>
 *
 * Reads the same pool.f64 and model.json as the NumPy side, runs the paths in chunks on `threads` worker
 * threads (chunks handed to whichever thread is free), merges them, summarises, writes the summary for the
 * parity check and prints one JSON line with the measures.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { startTsWorker } from '../models/ts-worker.js';
import type { MortgageMonteCarloModel } from '../lib/credit/monte-carlo/model.js';
import { POOL_COLUMNS, type LoanPool } from '../lib/credit/monte-carlo/pool.js';
import type { PathChunk } from '../lib/credit/monte-carlo/simulate.js';
import { mergePathChunks, summarisePaths } from '../lib/credit/monte-carlo/summary.js';
import type { McWorkerInit } from './credit-mc-worker.js';

const [dir, threadsArg, chunkArg] = process.argv.slice(2);
const threads = Number(threadsArg);
const chunkPaths = Number(chunkArg);
const meta = JSON.parse(await readFile(join(dir!, 'model.json'), 'utf8')) as {
  model: MortgageMonteCarloModel;
  seed: number;
  paths: number;
};
const raw = await readFile(join(dir!, 'pool.f64'));
const columns = new Float64Array(raw.buffer, raw.byteOffset, raw.byteLength / 8);
const size = columns.length / POOL_COLUMNS.length;
const pool = { size } as LoanPool;
POOL_COLUMNS.forEach((key, k) => (pool[key] = columns.slice(k * size, (k + 1) * size)));

const started = performance.now();
const cpuBefore = process.cpuUsage();
const ranges: { fromPath: number; toPath: number }[] = [];
for (let from = 0; from < meta.paths; from += chunkPaths) {
  ranges.push({ fromPath: from, toPath: Math.min(meta.paths, from + chunkPaths) });
}
const chunks: PathChunk[] = [];
const init: McWorkerInit = { pool, model: meta.model, seed: meta.seed };
await new Promise<void>((resolve, reject) => {
  let next = 0;
  let running = threads;
  for (let w = 0; w < threads; w++) {
    const worker = startTsWorker(new URL('./credit-mc-worker.ts', import.meta.url), { workerData: init });
    const handOut = () => {
      if (next < ranges.length) worker.postMessage(ranges[next++]);
      else {
        void worker.terminate();
        if (--running === 0) resolve();
      }
    };
    worker.on('message', (chunk: PathChunk) => {
      chunks.push(chunk);
      handOut();
    });
    worker.on('error', reject);
    handOut();
  }
});
const merged = mergePathChunks(chunks);
const simulateSeconds = (performance.now() - started) / 1000;
const summary = summarisePaths(merged);
const seconds = (performance.now() - started) / 1000;
// user + system of every thread of the process.
const cpu = process.cpuUsage(cpuBefore);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;

const plain = (band: Record<string, Float64Array>) =>
  Object.fromEntries(Object.entries(band).map(([k, v]) => [k, Array.from(v)]));
await writeFile(
  join(dir!, `node-summary-${threads}.json`),
  JSON.stringify({
    distributions: summary.distributions,
    bands: Object.fromEntries(Object.entries(summary.bands).map(([k, b]) => [k, plain({ ...b })])),
  }),
);
console.log(
  JSON.stringify({
    side: `TypeScript (Node ${process.version}), ${threads} worker thread${threads > 1 ? 's' : ''}, chunks of ${chunkPaths} paths`,
    parallelism: threads,
    seconds,
    simulateSeconds,
    cpuSeconds,
    peakRssMiB: process.resourceUsage().maxRSS / 1024,
    peakChildRssMiB: 0,
  }),
);
