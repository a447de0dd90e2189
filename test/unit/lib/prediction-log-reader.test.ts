import { describe, expect, it } from 'vitest';
import { featureColumns, readPredictionLogs } from '../../../lib/prediction-log-reader.js';
import { createMemoryStore } from '../../support/memory-store.js';

const record = (at: string, price: number) =>
  JSON.stringify({
    at,
    model: { name: 'm', version: 'v0001' },
    input: { stock_price: price },
    output: { prediction: 1 },
  });

describe('readPredictionLogs', () => {
  it('reads the records of the window from the date folders it touches, and nothing else', async () => {
    const store = createMemoryStore();
    await store.put('prediction-logs/m/2026-11-20/a.jsonl', `${record('2026-11-20T23:59:59.000Z', 1)}\n`);
    await store.put(
      'prediction-logs/m/2026-11-21/b.jsonl',
      `${record('2026-11-21T00:00:00.000Z', 2)}\n${record('2026-11-21T10:00:00.000Z', 3)}\n\n`,
    );
    await store.put('prediction-logs/m/2026-11-22/c.jsonl', `${record('2026-11-22T00:00:00.000Z', 4)}\n`);
    await store.put('prediction-logs/other/2026-11-21/d.jsonl', `${record('2026-11-21T01:00:00.000Z', 5)}\n`);

    const { records, objects } = await readPredictionLogs(store, 'm', {
      from: '2026-11-21T00:00:00.000Z',
      to: '2026-11-22T00:00:00.000Z',
    });
    expect(objects).toBe(2); // the 21st's and the 22nd's folders; the 22nd's record is outside the window
    expect(records.map((r) => r.input.stock_price)).toEqual([2, 3]);
    expect(featureColumns(records, ['stock_price', 'rsi'])).toEqual({
      stock_price: Float64Array.from([2, 3]),
      rsi: new Float64Array(0),
    });
  });
});
