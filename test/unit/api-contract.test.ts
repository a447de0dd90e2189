/**
 * The reference contract at the API: every catalogue field is documented with its range, a contract field
 * the served version does not use is answered with a warning (not called unknown), and GET /models and the
 * OpenAPI document say which fields the served version requires, uses and accepts.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { featureCatalogue } from '../../lib/feature-catalogue.js';
import { contractFields } from '../../lib/feature-sets.js';
import { createObjectStoreRegistry } from '../../models/registry/object-store-registry.js';
import { auth, buildTestApi } from '../support/api-app.js';
import { createMemoryStore } from '../support/memory-store.js';
import { referenceRow, registerTestVersion } from '../support/test-models.js';
import type { SinglePrediction } from '../../api/schemas/predict.js';
import type { ModelsResponse } from '../../api/schemas/models.js';

const name = 'cashflow-forecaster';
const withoutMacro = contractFields.filter((f) => !['vix', 'treasury_10y', 'dollar_index'].includes(f));

let app: FastifyInstance | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function serving(features: string[]) {
  const store = createMemoryStore();
  const registry = createObjectStoreRegistry(store);
  await registerTestVersion(registry, { name, bias: 1, features });
  await registry.setAlias(name, 'production', 'v0001');
  app = await buildTestApi({ store });
  return app;
}

interface OpenApi {
  info: { 'x-served-model': unknown };
  paths: Record<
    string,
    Record<string, { description: string; requestBody: { content: Record<string, { schema: unknown }> } }>
  >;
}

/** The `data` row schema of /predict in the served document. */
function rowSchema(doc: OpenApi) {
  const body = doc.paths['/predict']!.post!.requestBody.content['application/json']!.schema as {
    properties: { data: { properties: Record<string, Record<string, unknown>>; example: unknown } };
  };
  return body.properties.data;
}

describe('the reference contract at the API', () => {
  it('answers a contract field the version does not use with a warning saying so, and an unknown name as unknown', async () => {
    const fastify = await serving(withoutMacro);
    const res = await fastify.inject({
      method: 'POST',
      url: '/predict',
      headers: auth(),
      payload: { data: { ...referenceRow, moon_phase: 0.5 } },
    });
    expect(res.statusCode).toBe(200);
    const notUsed = 'is not used by this version (cashflow-forecaster v0001) and was ignored';
    expect(res.json<SinglePrediction>().warnings).toEqual([
      { field: 'data.vix', message: notUsed },
      { field: 'data.treasury_10y', message: notUsed },
      { field: 'data.dollar_index', message: notUsed },
      {
        field: 'data.moon_phase',
        message: 'is not a feature of model cashflow-forecaster v0001 and was ignored',
      },
    ]);
  });

  it('says per version and for the served one which fields are required, used and accepted', async () => {
    const fastify = await serving(withoutMacro);
    const res = await fastify.inject({ method: 'GET', url: '/models', headers: auth() });
    const body = res.json<ModelsResponse>();
    const fields = {
      required: withoutMacro,
      // volume feeds drift monitoring only
      used: withoutMacro.filter((f) => f !== 'volume'),
      accepted: [
        ...withoutMacro,
        'vix',
        'treasury_10y',
        'dollar_index',
        'atr_14',
        'garman_klass_vol',
        'dollar_volume',
        'return_1d',
        'return_5d',
      ],
    };
    expect(body.versions[0]?.fields).toEqual(fields);
    expect(body.serving?.fields).toEqual(fields);
  });

  it('documents every catalogue field with its description and range, and the served version in the document', async () => {
    const fastify = await serving(withoutMacro);
    const doc = (await fastify.inject({ method: 'GET', url: '/docs/json' })).json<OpenApi>();
    const data = rowSchema(doc);
    for (const entry of featureCatalogue) {
      expect(data.properties[entry.name]).toMatchObject({ type: 'number', ...entry.range });
      expect(data.properties[entry.name]?.description).toContain(entry.description);
    }
    expect(data.properties.rsi).toMatchObject({ minimum: 0, maximum: 100 });
    expect(data.properties.stock_price).toMatchObject({ exclusiveMinimum: 0 });
    expect(doc.info['x-served-model']).toMatchObject({
      name,
      version: 'v0001',
      fields: { required: withoutMacro },
    });
    expect(doc.paths['/predict']!.post!.description).toContain(
      'Served now: cashflow-forecaster v0001. Required: `stock_price`, `volatility`, `volume`',
    );
  });

  it("sends the document's own /predict example and gets 200 from the served version", async () => {
    const fastify = await serving(withoutMacro);
    const doc = (await fastify.inject({ method: 'GET', url: '/docs/json' })).json<OpenApi>();
    const example = rowSchema(doc).example;
    expect(example).toEqual(referenceRow);
    const res = await fastify.inject({
      method: 'POST',
      url: '/predict',
      headers: auth(),
      payload: { data: example },
    });
    expect(res.statusCode).toBe(200);
  });

  it('says in the document when no model is served', async () => {
    app = await buildTestApi({ store: createMemoryStore() });
    const doc = (await app.inject({ method: 'GET', url: '/docs/json' })).json<OpenApi>();
    expect(doc.info['x-served-model']).toBeNull();
    expect(doc.paths['/predict']!.post!.description).toContain('No model is served now');
  });
});
