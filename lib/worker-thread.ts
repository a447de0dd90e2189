/** Starts a worker thread running a TypeScript module (see worker-bootstrap.mjs). */
import { Worker } from 'node:worker_threads';

export function startTsWorker(entry: URL, workerData: Record<string, unknown>): Worker {
  return new Worker(new URL('./worker-bootstrap.mjs', import.meta.url), {
    workerData: { ...workerData, entry: entry.href },
  });
}
