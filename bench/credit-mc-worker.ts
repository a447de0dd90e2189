/**
 * Worker thread of the credit Monte Carlo benchmark: prepares the pool once, then runs each path range it
 * is sent and posts the chunk back with its buffers transferred (no copy).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { MortgageMonteCarloModel } from '../lib/credit/monte-carlo/model.js';
import type { LoanPool } from '../lib/credit/monte-carlo/pool.js';
import {
  CHUNK_SCALARS,
  CHUNK_SERIES,
  preparePool,
  simulatePaths,
} from '../lib/credit/monte-carlo/simulate.js';

export interface McWorkerInit {
  pool: LoanPool;
  model: MortgageMonteCarloModel;
  seed: number;
}

const init = workerData as McWorkerInit;
const prepared = preparePool(init.pool, init.model);
parentPort!.on('message', (range: { fromPath: number; toPath: number }) => {
  const chunk = simulatePaths(prepared, init.model, { seed: init.seed, ...range });
  const buffers = [...CHUNK_SERIES, ...CHUNK_SCALARS].map((k) => chunk[k].buffer as ArrayBuffer);
  parentPort!.postMessage(chunk, buffers);
});
