import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createObjectStoreRegistry } from '../../models/registry/object-store-registry.js';
import { auth, buildTestApi } from '../support/api-app.js';
import { referenceRow, registerTestVersion } from '../support/test-models.js';
import type { SinglePrediction } from '../../api/schemas/predict.js';
import { freshStore } from './harness.js';

let app: FastifyInstance | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

describe('hot swap against the real MinIO', () => {
  it('promotes a new version under a stream of requests: none fails, the new version answers after', async () => {
    const store = await freshStore();
    const registry = createObjectStoreRegistry(store);
    const name = `swap-${randomUUID().slice(0, 8)}`;
    await registerTestVersion(registry, { name, bias: 1 });
    await registry.setAlias(name, 'production', 'v0001');
    app = await buildTestApi({
      store,
      api: { model: { name, alias: 'production', pollMs: 50 }, rateLimitPerMinute: 1_000_000 },
    });
    const fastify = app;
    await registerTestVersion(registry, { name, bias: 2 });

    const answers: { status: number; version?: string; prediction?: number }[] = [];
    let promoted = false;
    let sawNewAfterPromotion = false;
    const stream = (async () => {
      // Four concurrent clients until the new version has answered a while after the promotion.
      const client = async () => {
        for (let n = 0; n < 5000 && !(promoted && sawNewAfterPromotion && answers.length > 200); n++) {
          const res = await fastify.inject({
            method: 'POST',
            url: '/predict',
            headers: auth(),
            payload: { data: referenceRow },
          });
          const body = res.statusCode === 200 ? res.json<SinglePrediction>() : undefined;
          answers.push({
            status: res.statusCode,
            version: body?.model.version,
            prediction: body?.prediction,
          });
          if (promoted && body?.model.version === 'v0002') sawNewAfterPromotion = true;
        }
      };
      await Promise.all([client(), client(), client(), client()]);
    })();
    while (answers.length < 100) await new Promise((r) => setTimeout(r, 5));
    await registry.setAlias(name, 'production', 'v0002');
    promoted = true;
    await stream;

    expect(answers.filter((a) => a.status !== 200)).toEqual([]);
    expect(sawNewAfterPromotion).toBe(true);
    // Each answer is wholly one version: the prediction matches the version that says it answered.
    for (const a of answers) {
      const bias = a.version === 'v0001' ? 1 : 2;
      expect(a.prediction).toBeCloseTo(0.8 * referenceRow.stock_price! + bias, 10);
    }
    // After the first answer from the new version, only requests already in flight (at most one per client)
    // may still finish on the old one; the stream ends on the new version.
    const firstNew = answers.findIndex((a) => a.version === 'v0002');
    expect(firstNew).toBeGreaterThan(0);
    expect(answers.slice(firstNew).filter((a) => a.version === 'v0001').length).toBeLessThanOrEqual(4);
    expect(answers.at(-1)?.version).toBe('v0002');
  });
});
