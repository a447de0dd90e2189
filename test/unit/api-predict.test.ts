import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createObjectStoreRegistry } from '../../models/registry/object-store-registry.js';
import { auth, buildTestApi } from '../support/api-app.js';
import { createMemoryStore } from '../support/memory-store.js';
import { referenceFeatures, referenceRow, registerTestVersion } from '../support/test-models.js';
import type { BatchPrediction, SinglePrediction } from '../../api/schemas/predict.js';
import type { ErrorResponse } from '../../api/schemas/error.js';

const name = 'cashflow-forecaster';
let app: FastifyInstance | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function servingApp(bias = 3) {
  const store = createMemoryStore();
  const registry = createObjectStoreRegistry(store);
  await registerTestVersion(registry, { name, bias });
  await registry.setAlias(name, 'production', 'v0001');
  app = await buildTestApi({ store });
  return app;
}

const post = (fastify: FastifyInstance, payload: unknown, headers: Record<string, string> = auth()) =>
  fastify.inject({ method: 'POST', url: '/predict', headers, payload: payload as object });

describe('POST /predict', () => {
  it('answers the reference request with prediction, risk, position size, cash-flow path and model', async () => {
    const res = await post(await servingApp(3), { data: referenceRow });
    expect(res.statusCode).toBe(200);
    const body = res.json<SinglePrediction>();
    // The test model: prediction = 0.8 × stock_price + bias; risk score = vix − 25; spread 2 per √h.
    expect(body.prediction).toBeCloseTo(0.8 * 150.25 + 3, 10);
    expect(body.risk_flag).toBe(0);
    expect(body.risk_probability).toBeCloseTo(1 / (1 + Math.exp(-(18.5 - 25))), 10);
    expect(body.cashflow).toHaveLength(5);
    expect(body.cashflow[0]).toMatchObject({ horizon: 1 });
    expect(body.cashflow[4]?.p50).toBeCloseTo(0.8 * 150.25 + 3 + 0.5 * 5, 10);
    // σ at horizon 5 is 2·√5, so size = min(10, 1 / (2·√5)).
    expect(body.position_size).toBeCloseTo(1 / (2 * Math.sqrt(5)), 6);
    expect(body.model).toEqual({ name, version: 'v0001' });
    expect(body.warnings).toEqual([]);
  });

  it('answers a batch in order, flags risky rows and gives them no position', async () => {
    const rows = [referenceRow, { ...referenceRow, vix: 40, stock_price: 10 }];
    const res = await post(await servingApp(), { instances: rows });
    expect(res.statusCode).toBe(200);
    const body = res.json<BatchPrediction>();
    expect(body.predictions.map((p) => p.risk_flag)).toEqual([0, 1]);
    expect(body.predictions[1]?.position_size).toBe(0);
    expect(body.predictions[1]?.prediction).toBeCloseTo(0.8 * 10 + 3, 10);
  });

  it('reports unknown fields as warnings and does not use them', async () => {
    const res = await post(await servingApp(), { data: { ...referenceRow, moon_phase: 0.5 } });
    expect(res.statusCode).toBe(200);
    expect(res.json<SinglePrediction>().warnings).toEqual([
      {
        field: 'data.moon_phase',
        message: 'is not a feature of model cashflow-forecaster v0001 and was ignored',
      },
    ]);
  });

  it('caps what it echoes: a 1 MB request of made-up names gets a small answer naming each at most once', async () => {
    const fastify = await servingApp();
    const made = (i: number) => `made_up_field_${String(i).padStart(6, '0')}`;
    const data: Record<string, number> = { ...referenceRow };
    for (let i = 0; i < 35_000; i++) data[made(i)] = i;
    data[`long_${'x'.repeat(5000)}`] = 1;
    const payload = JSON.stringify({ data });
    expect(payload.length).toBeGreaterThan(900_000);
    const res = await post(fastify, payload, { ...auth(), 'content-type': 'application/json' });
    expect(res.statusCode).toBe(200);
    expect(res.body.length).toBeLessThan(8 * 1024);
    const { warnings } = res.json<SinglePrediction>();
    expect(warnings).toHaveLength(21);
    expect(warnings[20]).toEqual({
      field: 'data',
      message:
        '34981 more values under names that are not features of model cashflow-forecaster v0001 were ignored (not listed)',
    });
    for (let i = 0; i < 20; i++) expect(res.body.split(made(i)).length - 1, made(i)).toBe(1);
    expect(res.body).not.toContain('x'.repeat(200));

    // The same in a batch: one name in every row is listed once, with its count.
    const rows = Array.from({ length: 1000 }, (_, i) => ({ ...referenceRow, moon_phase: i, [made(i)]: 1 }));
    const batch = await post(fastify, { instances: rows });
    expect(batch.statusCode).toBe(200);
    const listed = batch.json<BatchPrediction>().warnings;
    expect(listed[0]).toEqual({
      field: 'instances[0].moon_phase',
      message:
        'is not a feature of model cashflow-forecaster v0001 and was ignored (present in 1000 of 1000 rows)',
    });
    expect(listed).toHaveLength(21);
    expect(batch.body.split('moon_phase').length - 1).toBe(1);

    // An envelope with tens of thousands of keys it does not allow: 20 listed, the rest counted.
    const envelope: Record<string, unknown> = { data: referenceRow };
    for (let i = 0; i < 30_000; i++) envelope[made(i)] = 1;
    const refused = await post(fastify, envelope);
    expect(refused.statusCode).toBe(400);
    expect(refused.body.length).toBeLessThan(8 * 1024);
    const error = refused.json<ErrorResponse>();
    expect(error.errors.length).toBeGreaterThan(0);
    expect(error.errors.length).toBeLessThanOrEqual(20);
    expect(error).toMatchObject({ field: made(0), message: `${made(0)} is not allowed` });
  });

  it('names every missing feature, in the data and in a batch row', async () => {
    const fastify = await servingApp();
    const { volatility: _v, rsi: _r, ...partial } = referenceRow;
    const single = await post(fastify, { data: partial });
    expect(single.statusCode).toBe(400);
    expect(single.json<ErrorResponse>()).toMatchObject({
      code: 'INVALID_INPUT',
      field: 'data.volatility',
      message: 'data.volatility is required by model cashflow-forecaster v0001',
      errors: [
        { field: 'data.volatility', message: 'is required by model cashflow-forecaster v0001' },
        { field: 'data.rsi', message: 'is required by model cashflow-forecaster v0001' },
      ],
    });
    const batch = await post(fastify, { instances: [referenceRow, partial] });
    expect(batch.statusCode).toBe(400);
    expect(batch.json<ErrorResponse>().field).toBe('instances[1].volatility');
  });

  it('names the field of a wrong type, an extra envelope field and a bad envelope', async () => {
    const fastify = await servingApp();
    const wrongType = await post(fastify, { data: { ...referenceRow, rsi: '65.5' } });
    expect(wrongType.statusCode).toBe(400);
    expect(wrongType.json<ErrorResponse>()).toMatchObject({
      field: 'data.rsi',
      message: 'data.rsi must be number',
    });
    const nested = await post(fastify, { instances: [referenceRow, { ...referenceRow, vix: null }] });
    expect(nested.json<ErrorResponse>()).toMatchObject({ field: 'instances[1].vix' });
    const extra = await post(fastify, { data: referenceRow, model: 'v2' });
    expect(extra.json<ErrorResponse>()).toMatchObject({ field: 'model', message: 'model is not allowed' });
    const both = await post(fastify, { data: referenceRow, instances: [referenceRow] });
    expect(both.json<ErrorResponse>()).toMatchObject({ statusCode: 400, field: 'body' });
    const neither = await post(fastify, {});
    expect(neither.json<ErrorResponse>()).toMatchObject({ statusCode: 400, field: 'body' });
    const notObject = await post(fastify, [1, 2]);
    expect(notObject.json<ErrorResponse>()).toMatchObject({ statusCode: 400, field: 'body' });
  });

  it('caps a batch at 1,000 rows and names the field', async () => {
    const res = await post(await servingApp(), {
      instances: Array.from({ length: 1001 }, () => referenceRow),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json<ErrorResponse>()).toMatchObject({
      field: 'instances',
      message: 'instances must not have more than 1000 items',
    });
  });

  it('answers malformed JSON 400, a wrong content type 415 and a huge body 413, never 5xx', async () => {
    const fastify = await servingApp();
    const headers = { ...auth(), 'content-type': 'application/json' };
    const malformed = await fastify.inject({
      method: 'POST',
      url: '/predict',
      headers,
      payload: '{"data": {',
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json<ErrorResponse>()).toMatchObject({ code: 'BAD_REQUEST', field: 'body' });
    const empty = await fastify.inject({ method: 'POST', url: '/predict', headers, payload: '' });
    expect(empty.statusCode).toBe(400);
    const text = await fastify.inject({
      method: 'POST',
      url: '/predict',
      headers: { ...auth(), 'content-type': 'text/plain' },
      payload: 'stock_price=1',
    });
    expect(text.statusCode).toBe(415);
    expect(text.json<ErrorResponse>()).toMatchObject({
      code: 'UNSUPPORTED_MEDIA_TYPE',
      field: 'content-type',
    });
    const huge = await fastify.inject({
      method: 'POST',
      url: '/predict',
      headers,
      payload: JSON.stringify({ data: referenceRow, pad: 'x'.repeat(1024 * 1024) }),
    });
    expect(huge.statusCode).toBe(413);
    expect(huge.json<ErrorResponse>()).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', field: 'body' });
  });

  it('answers 503 with the reason when no model is loaded', async () => {
    app = await buildTestApi({ store: createMemoryStore() });
    const res = await post(app, { data: referenceRow });
    expect(res.statusCode).toBe(503);
    expect(res.json<ErrorResponse>()).toMatchObject({
      code: 'NO_MODEL_LOADED',
      message: 'no model is loaded: the registry has no alias production of model cashflow-forecaster',
    });
  });

  it('answers an unknown route 404', async () => {
    const res = await (await servingApp()).inject({ method: 'GET', url: '/predictions', headers: auth() });
    expect(res.statusCode).toBe(404);
    expect(res.json<ErrorResponse>().code).toBe('NOT_FOUND');
  });

  it('lists versions and aliases on GET /models and publishes the schema in the OpenAPI document', async () => {
    const fastify = await servingApp();
    const models = await fastify.inject({ method: 'GET', url: '/models', headers: auth() });
    expect(models.statusCode).toBe(200);
    expect(models.json()).toMatchObject({
      name,
      versions: [{ version: 'v0001', featureSchema: referenceFeatures }],
      aliases: [{ alias: 'production', version: 'v0001' }],
      serving: { version: 'v0001' },
    });
    const doc = await fastify.inject({ method: 'GET', url: '/docs/json' });
    expect(doc.statusCode).toBe(200);
    const openapi = doc.json<{ paths: Record<string, Record<string, { requestBody?: unknown }>> }>();
    expect(Object.keys(openapi.paths)).toEqual(
      expect.arrayContaining(['/predict', '/models', '/ready', '/health', '/metrics']),
    );
    expect(JSON.stringify(openapi.paths['/predict']?.post?.requestBody)).toContain('instances');
    const ui = await fastify.inject({ method: 'GET', url: '/docs' });
    expect(ui.statusCode).toBeLessThan(400);
  });
});
