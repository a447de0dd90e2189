/**
 * Extreme but finite values through the real models: a subnormal price, huge volumes and averages. Each
 * is either answered with finite numbers or refused with a 400 naming the field; never a 5xx (once a
 * non-finite output could not be serialised, once a derived input became infinite).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { defaultLoaders } from '../../models/loaders.js';
import { createObjectStoreRegistry } from '../../models/registry/object-store-registry.js';
import { auth, buildTestApi } from '../support/api-app.js';
import { createMemoryStore } from '../support/memory-store.js';
import { registerSmallRealModel } from '../support/small-real-model.js';
import { referenceRow } from '../../api/schemas/predict.js';
import type { BatchPrediction, SinglePrediction } from '../../api/schemas/predict.js';
import type { ErrorResponse } from '../../api/schemas/error.js';

let app: FastifyInstance;
beforeAll(async () => {
  const store = createMemoryStore();
  await registerSmallRealModel(createObjectStoreRegistry(store), 'cashflow-forecaster');
  app = await buildTestApi({ store, loaders: defaultLoaders() });
}, 60_000);
afterAll(() => app.close());

const post = (payload: unknown) =>
  app.inject({ method: 'POST', url: '/predict', headers: auth(), payload: payload as object });
const row = (changes: Record<string, number>) => ({ data: { ...referenceRow, ...changes } });

function finiteNumbers(body: SinglePrediction): number[] {
  const values = [body.prediction, body.risk_probability, body.position_size];
  for (const c of body.cashflow) values.push(c.p10, c.p50, c.p90);
  return values;
}

describe('POST /predict with extreme values on the real models', () => {
  it('answers the reference row with finite numbers', async () => {
    const res = await post({ data: referenceRow });
    expect(res.statusCode).toBe(200);
    expect(finiteNumbers(res.json<SinglePrediction>()).every(Number.isFinite)).toBe(true);
  });

  it('refuses a subnormal price: the price-relative inputs would be infinite', async () => {
    const res = await post(row({ stock_price: 5e-324 }));
    expect(res.statusCode).toBe(400);
    expect(res.json<ErrorResponse>()).toMatchObject({
      code: 'INVALID_INPUT',
      field: 'data.sma_20',
      message:
        'data.sma_20: sma_20 / stock_price is not a finite number (145.5 / 5e-324): the model cannot use it',
    });
  });

  it('answers a volume of 1e308: not a model input, so the outputs stay finite', async () => {
    const res = await post(row({ volume: 1e308 }));
    expect(res.statusCode).toBe(200);
    expect(finiteNumbers(res.json<SinglePrediction>()).every(Number.isFinite)).toBe(true);
  });

  it('refuses an sma_20 of 1e308, naming it: the net cannot give finite outputs for it', async () => {
    const res = await post(row({ sma_20: 1e308 }));
    expect(res.statusCode).toBe(400);
    const body = res.json<ErrorResponse>();
    expect(body.field).toBe('data.sma_20');
    expect(body.message).toMatch(
      /^data\.sma_20: sma_20 is [\d.e+]+ standard deviations from the values the model was trained on/,
    );
  });

  it('names the row of a batch', async () => {
    const res = await post({ instances: [referenceRow, { ...referenceRow, stock_price: 5e-324 }] });
    expect(res.statusCode).toBe(400);
    expect(res.json<ErrorResponse>()).toMatchObject({ field: 'instances[1].sma_20' });
    const fine = await post({ instances: [referenceRow, { ...referenceRow, volume: 1e308 }] });
    expect(fine.statusCode).toBe(200);
    expect(fine.json<BatchPrediction>().predictions).toHaveLength(2);
  });

  it('refuses values outside the valid range in the schema, naming the field', async () => {
    for (const [field, value, message] of [
      ['stock_price', 0, 'must be > 0'],
      ['rsi', 100.5, 'must be <= 100'],
      ['volatility', -0.1, 'must be >= 0'],
      ['volume', -1, 'must be >= 0'],
    ] as const) {
      const res = await post(row({ [field]: value }));
      expect(res.statusCode).toBe(400);
      expect(res.json<ErrorResponse>()).toMatchObject({
        code: 'INVALID_INPUT',
        field: `data.${field}`,
        message: `data.${field} ${message}`,
      });
    }
  });

  it('refuses a number JSON can only spell as an overflow (1e999 parses to Infinity), naming the field', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/predict',
      headers: { ...auth(), 'content-type': 'application/json' },
      payload: JSON.stringify({ data: referenceRow }).replace('"volume":1000000', '"volume":1e999'),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json<ErrorResponse>().field).toBe('data.volume');
  });
});
