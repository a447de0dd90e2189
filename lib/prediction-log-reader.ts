/**
 * Reads back what the API's prediction log wrote (`prediction-logs/<model>/<yyyy-mm-dd>/*.jsonl`, one
 * JSON record per line) for a time window. Only the date folders the window touches are listed.
 */
import type { ObjectStore } from './object-store.js';

export interface LoggedPrediction {
  /** ISO time the prediction was made. */
  at: string;
  model: { name: string; version: string };
  input: Record<string, number>;
  output: { prediction: number; [key: string]: unknown };
  /** Market date the input describes, when the client sent `as_of`. */
  as_of?: string;
}

export interface LogWindow {
  /** Inclusive ISO start. */
  from: string;
  /** Exclusive ISO end. */
  to: string;
}

export async function readPredictionLogs(
  store: Pick<ObjectStore, 'list' | 'get'>,
  model: string,
  window: LogWindow,
  /** Called after each object, e.g. to heartbeat a long read. */
  onProgress?: (objectsRead: number, of: number) => void,
): Promise<{ records: LoggedPrediction[]; objects: number }> {
  const prefix = `prediction-logs/${model}/`;
  const firstDay = window.from.slice(0, 10);
  const lastDay = window.to.slice(0, 10);
  const keys = (await store.list(prefix)).filter((key) => {
    const day = key.slice(prefix.length, prefix.length + 10);
    return day >= firstDay && day <= lastDay && key.endsWith('.jsonl');
  });
  const records: LoggedPrediction[] = [];
  for (const [n, key] of keys.entries()) {
    for (const line of (await store.get(key)).toString('utf8').split('\n')) {
      if (!line.trim()) continue;
      const record = JSON.parse(line) as LoggedPrediction;
      if (record.at >= window.from && record.at < window.to) records.push(record);
    }
    onProgress?.(n + 1, keys.length);
  }
  return { records, objects: keys.length };
}

/** The values of each feature across the records, skipping records that lack it. */
export function featureColumns(
  records: LoggedPrediction[],
  features: string[],
): Record<string, Float64Array> {
  return Object.fromEntries(
    features.map((name) => {
      const values = records.map((r) => r.input[name]).filter((v): v is number => Number.isFinite(v));
      return [name, Float64Array.from(values)];
    }),
  );
}
