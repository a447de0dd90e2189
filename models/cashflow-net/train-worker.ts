/** Worker-thread entry: trains the cashflow net off the main thread, posting progress per epoch. */
import { parentPort, workerData } from 'node:worker_threads';
import { trainCashflowNet, type CashflowNetParams, type CashflowTrainingData } from './network.js';

const { data, params } = workerData as { data: CashflowTrainingData; params: CashflowNetParams };
trainCashflowNet(data, params, (epoch, epochs, loss) =>
  parentPort!.postMessage({ type: 'progress', epoch, epochs, loss }),
)
  .then((artifact) => parentPort!.postMessage({ type: 'done', artifact }, [artifact.buffer as ArrayBuffer]))
  .catch((err: unknown) =>
    parentPort!.postMessage({
      type: 'error',
      message: err instanceof Error ? (err.stack ?? err.message) : String(err),
    }),
  );
