/**
 * Worker thread entry for the ml-random-forest engine: the package trains synchronously for minutes, so it
 * runs here, off the caller's event loop, and can be stopped by terminating the thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Task } from '../engine.js';
import { SafeClassifier, SafeRegression, type Forest } from './safe-forest.js';

export interface TrainRequest {
  x: Float64Array;
  y: Float64Array;
  nRows: number;
  nFeatures: number;
  task: Task;
  libraryOptions: Record<string, unknown>;
}

const port = parentPort;
if (port === null) throw new Error('train-worker.ts runs as a worker thread only');
const request = workerData as TrainRequest;
const rows = Array.from({ length: request.nRows }, (_, r) =>
  Array.from(request.x.subarray(r * request.nFeatures, (r + 1) * request.nFeatures)),
);
const forest: Forest =
  request.task === 'regression'
    ? new SafeRegression(request.libraryOptions)
    : new SafeClassifier(request.libraryOptions);
forest.train(rows, Array.from(request.y));
// featureImportance() exists in ml-random-forest 2.1 but is missing from its type declarations.
const importance = (forest as unknown as { featureImportance(): number[] }).featureImportance();
// JSON text, not the object: the package's trees hold class instances (ml-matrix) that only survive as JSON.
port.postMessage({
  json: JSON.stringify(forest.toJSON()),
  nTrees: forest.estimators?.length ?? 0,
  oob: forest.oobResults?.map((o) => ({ true: o.true, predicted: o.predicted })) ?? null,
  importance,
});
