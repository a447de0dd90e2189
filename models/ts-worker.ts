import { Worker, type WorkerOptions } from 'node:worker_threads';

const bootstrap = new URL('./worker-bootstrap.js', import.meta.url);

/** Starts a worker thread on a TypeScript module (see worker-bootstrap.js for why it needs a bootstrap). */
export function startTsWorker(entry: URL, options: Omit<WorkerOptions, 'argv'> = {}): Worker {
  return new Worker(bootstrap, { ...options, argv: [entry.href] });
}
