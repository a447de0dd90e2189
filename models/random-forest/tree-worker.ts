/**
 * Worker thread entry: grows the trees it is asked for on the shared binned data and posts each one back.
 * Started by worker-pool.ts; every message is one tree index, so the pool balances trees across threads.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { BinnedData } from './binned-data.js';
import type { ResolvedForestOptions } from './options.js';
import { TreeBuilder } from './tree-builder.js';

export interface WorkerInit {
  data: BinnedData;
  options: ResolvedForestOptions;
}

export interface TreeRequest {
  tree: number;
}

const port = parentPort;
if (port === null) throw new Error('tree-worker.ts runs as a worker thread only');
const init = workerData as WorkerInit;
const builder = new TreeBuilder(init.data, init.options);

port.on('message', (request: TreeRequest) => {
  const grown = builder.grow(request.tree);
  const transfer: ArrayBuffer[] = [
    grown.nodes.buffer,
    grown.leafValues.buffer,
    grown.importance.buffer,
  ] as ArrayBuffer[];
  if (grown.oob !== null) transfer.push(grown.oob.buffer as ArrayBuffer);
  port.postMessage({ tree: request.tree, grown }, transfer);
});
