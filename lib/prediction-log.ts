/**
 * A sample of live predictions (inputs and outputs) for drift monitoring, written to the object store in
 * JSON-lines batches off the request path: a request only pushes to a buffer; a timer or a full batch
 * triggers the write. Keys: prediction-logs/<model>/<yyyy-mm-dd>/<timestamp>-<n>.jsonl.
 */
import type { ObjectStore } from './object-store.js';

export interface PredictionLogOptions {
  store: Pick<ObjectStore, 'put'>;
  sampleRate: number;
  batchSize: number;
  flushMs: number;
  /** Records kept while the store is unreachable; beyond this the oldest are dropped (and counted). */
  maxBuffered?: number;
  random?: () => number;
  onWritten?: (records: number, key: string) => void;
  onDropped?: (records: number) => void;
  onError?: (err: Error) => void;
}

export interface PredictionLog {
  /** Samples: returns whether this record will be logged. Cheap when it is not. */
  shouldSample(): boolean;
  add(model: string, record: object): void;
  flush(): Promise<void>;
  /** Stops the timer and writes what is buffered. */
  close(): Promise<void>;
  pending(): number;
}

export function createPredictionLog(options: PredictionLogOptions): PredictionLog {
  const { store, sampleRate, batchSize, flushMs, random = Math.random } = options;
  const maxBuffered = options.maxBuffered ?? batchSize * 20;
  const buffers = new Map<string, string[]>();
  let count = 0;
  let seq = 0;
  const inFlight = new Set<Promise<void>>();

  async function write(model: string, lines: string[]): Promise<void> {
    const now = new Date();
    const stamp = now.toISOString().replace(/[:.]/g, '-');
    const key = `prediction-logs/${model}/${stamp.slice(0, 10)}/${stamp}-${String(seq++).padStart(6, '0')}.jsonl`;
    try {
      await store.put(key, lines.join('\n') + '\n', { 'content-type': 'application/x-ndjson' });
      options.onWritten?.(lines.length, key);
    } catch (err) {
      options.onError?.(err as Error);
      // Put them back for the next attempt, within the bound.
      const buffer = buffers.get(model) ?? [];
      buffer.unshift(...lines);
      count += lines.length;
      const excess = count - maxBuffered;
      if (excess > 0) {
        buffer.splice(0, excess);
        count -= excess;
        options.onDropped?.(excess);
      }
      buffers.set(model, buffer);
    }
  }

  function flushModel(model: string): Promise<void> {
    const lines = buffers.get(model);
    if (!lines || lines.length === 0) return Promise.resolve();
    buffers.set(model, []);
    count -= lines.length;
    const done = write(model, lines);
    inFlight.add(done);
    void done.finally(() => inFlight.delete(done));
    return done;
  }

  async function flush(): Promise<void> {
    await Promise.all([...buffers.keys()].map(flushModel));
  }

  const timer = setInterval(() => void flush(), flushMs);
  timer.unref();

  return {
    shouldSample: () => sampleRate > 0 && (sampleRate >= 1 || random() < sampleRate),
    add(model, record) {
      const buffer = buffers.get(model) ?? [];
      buffers.set(model, buffer);
      buffer.push(JSON.stringify(record));
      count++;
      if (buffer.length >= batchSize) void flushModel(model);
    },
    flush,
    async close() {
      clearInterval(timer);
      await Promise.all(inFlight);
      await flush();
    },
    pending: () => count,
  };
}
