import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createObjectStoreRegistry } from '../../models/registry/object-store-registry.js';
import { auth, buildTestApi } from '../support/api-app.js';
import { referenceRow, registerTestVersion } from '../support/test-models.js';
import { freshStore } from './harness.js';

let app: FastifyInstance | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

describe('prediction log on the real MinIO', () => {
  it('writes sampled inputs and outputs in JSON-lines batches, the rest when the app closes', async () => {
    const store = await freshStore();
    const registry = createObjectStoreRegistry(store);
    const name = `log-${randomUUID().slice(0, 8)}`;
    await registerTestVersion(registry, { name, bias: 1 });
    await registry.setAlias(name, 'production', 'v0001');
    app = await buildTestApi({
      store,
      api: {
        model: { name, alias: 'production', pollMs: 60_000 },
        predictionLog: { sampleRate: 1, batchSize: 10, flushMs: 60_000 },
      },
    });
    const rows = Array.from({ length: 25 }, (_, i) => ({ ...referenceRow, stock_price: 100 + i }));
    const res = await app.inject({
      method: 'POST',
      url: '/predict',
      headers: auth(),
      payload: { instances: rows },
    });
    expect(res.statusCode).toBe(200);
    await app.close();
    app = undefined;

    const keys = (await store.list(`prediction-logs/${name}/`)).sort();
    expect(keys).toHaveLength(3); // two full batches of 10, the last 5 on close
    expect(keys[0]).toMatch(new RegExp(`^prediction-logs/${name}/\\d{4}-\\d{2}-\\d{2}/.+-\\d{6}\\.jsonl$`));
    const records = (await Promise.all(keys.map((k) => store.get(k))))
      .flatMap((b) => b.toString('utf8').trim().split('\n'))
      .map((line) => JSON.parse(line) as { input: { stock_price: number }; output: { prediction: number } });
    expect(records.map((r) => r.input.stock_price).sort((a, b) => a - b)).toEqual(
      rows.map((r) => r.stock_price),
    );
    for (const r of records) expect(r.output.prediction).toBeCloseTo(0.8 * r.input.stock_price + 1, 10);
  });
});
