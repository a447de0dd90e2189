/**
 * Runs cashflow-net training on a worker thread so the calling thread (a Temporal activity) keeps
 * heart-beating. Aborting the signal terminates the thread.
 */
import { startTsWorker } from '../ts-worker.js';
import type { CashflowNetParams, CashflowTrainingData } from './network.js';

export function trainCashflowNetOffThread(
  data: CashflowTrainingData,
  params: CashflowNetParams,
  options: { onProgress?: (epoch: number, epochs: number, loss: number) => void; signal?: AbortSignal } = {},
): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) return reject(new DOMException('training cancelled', 'AbortError'));
    const worker = startTsWorker(new URL('./train-worker.ts', import.meta.url), {
      workerData: { data, params },
    });
    const abort = () => {
      void worker.terminate();
      reject(new DOMException('training cancelled', 'AbortError'));
    };
    options.signal?.addEventListener('abort', abort, { once: true });
    const finish = () => options.signal?.removeEventListener('abort', abort);
    worker.on(
      'message',
      (msg: {
        type: string;
        epoch: number;
        epochs: number;
        loss: number;
        artifact: Uint8Array;
        message: string;
      }) => {
        if (msg.type === 'progress') options.onProgress?.(msg.epoch, msg.epochs, msg.loss);
        else if (msg.type === 'done') {
          finish();
          resolve(msg.artifact);
          void worker.terminate();
        } else if (msg.type === 'error') {
          finish();
          reject(new Error(`cashflow-net training failed: ${msg.message}`));
          void worker.terminate();
        }
      },
    );
    worker.on('error', (err) => {
      finish();
      reject(err);
    });
  });
}
