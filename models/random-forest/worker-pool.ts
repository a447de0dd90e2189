/**
 * Grows a forest's trees on worker threads, so training never blocks the event loop (a Temporal activity
 * keeps heart-beating). Trees are handed out one at a time to whichever worker is free; each tree's
 * randomness comes from its index only, so the forest is the same for any number of threads.
 */
import type { Worker } from 'node:worker_threads';
import { startTsWorker } from '../ts-worker.js';
import type { BinnedData } from './binned-data.js';
import type { ResolvedForestOptions } from './options.js';
import type { GrownTree } from './tree-builder.js';
import type { TreeRequest, WorkerInit } from './tree-worker.js';

export interface PoolRun {
  data: BinnedData;
  options: ResolvedForestOptions;
  nThreads: number;
  /** Called once per tree, in the order trees finish (not tree order). */
  onTree: (tree: number, grown: GrownTree) => void;
  signal?: AbortSignal;
}

const workerUrl = new URL('./tree-worker.ts', import.meta.url);

export function abortError(signal: AbortSignal | undefined): DOMException {
  const error = new DOMException('training was cancelled', 'AbortError');
  if (signal?.reason !== undefined) Object.defineProperty(error, 'cause', { value: signal.reason });
  return error;
}

export function growTrees(run: PoolRun): Promise<void> {
  const { options, signal } = run;
  const total = options.nEstimators;
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortError(signal));
      return;
    }
    const workers: Worker[] = [];
    let next = 0;
    let done = 0;
    let settled = false;
    const finish = (error?: unknown): void => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      // terminate() resolves when the thread is gone; nothing to wait for on the way out.
      for (const w of workers) void w.terminate();
      if (error === undefined) resolve();
      else reject(error instanceof Error ? error : new Error(String(error)));
    };
    const onAbort = (): void => finish(abortError(signal));
    signal?.addEventListener('abort', onAbort, { once: true });
    const handOut = (worker: Worker): void => {
      if (next < total) worker.postMessage({ tree: next++ } satisfies TreeRequest);
    };
    const init: WorkerInit = { data: run.data, options };
    for (let i = 0; i < run.nThreads; i++) {
      const worker = startTsWorker(workerUrl, { workerData: init });
      workers.push(worker);
      worker.on('message', (message: { tree: number; grown: GrownTree }) => {
        if (settled) return;
        try {
          run.onTree(message.tree, message.grown);
        } catch (error) {
          finish(error);
          return;
        }
        done++;
        if (done === total) finish();
        else handOut(worker);
      });
      worker.on('error', (error) => finish(error));
      worker.on('exit', (code) => {
        if (!settled) finish(new Error(`tree worker exited with code ${code} before the forest was grown`));
      });
      handOut(worker);
    }
  });
}
