import { afterEach, describe, expect, it } from 'vitest';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { Value } from 'typebox/value';
import { ErrorResponse } from '../../api/schemas/error.js';
import { createObjectStoreRegistry } from '../../models/registry/object-store-registry.js';
import { auth, buildTestApi } from '../support/api-app.js';
import { createMemoryStore } from '../support/memory-store.js';
import { referenceRow, registerTestVersion } from '../support/test-models.js';
import type { ApiConfig } from '../../lib/config.js';

let app: FastifyInstance | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function servingApp(api: Partial<ApiConfig> = {}) {
  const store = createMemoryStore();
  const registry = createObjectStoreRegistry(store);
  await registerTestVersion(registry, { name: 'cashflow-forecaster', bias: 1 });
  await registry.setAlias('cashflow-forecaster', 'production', 'v0001');
  app = await buildTestApi({ store, api });
  return app;
}

const json = { ...auth(), 'content-type': 'application/json' };

/** Sends the request and checks the answer is an error in the documented shape; returns the body. */
async function expectError(fastify: FastifyInstance, request: InjectOptions, status: number, code: string) {
  const res = await fastify.inject(request);
  expect(res.statusCode, JSON.stringify(request.url)).toBe(status);
  const body = res.json<ErrorResponse>();
  expect(Value.Check(ErrorResponse, body), res.body).toBe(true);
  expect(body).toMatchObject({ statusCode: status, code });
  expect(body.field).not.toBe('');
  expect(body.errors.length).toBeGreaterThan(0);
  expect(body.errors[0]?.field).toBe(body.field);
  return { body, headers: res.headers };
}

describe('error answers', () => {
  it('has every documented field on 401, 404, 405, 413, 415, 429, malformed JSON and a wrong envelope', async () => {
    const fastify = await servingApp({ rateLimitPerMinute: 20 });
    const post = (payload: string | object, headers: Record<string, string> = json): InjectOptions => ({
      method: 'POST',
      url: '/predict',
      headers,
      payload,
    });
    const unauthorized = await expectError(fastify, post({ data: referenceRow }, {}), 401, 'UNAUTHORIZED');
    expect(unauthorized.body.field).toBe('authorization');
    expect(unauthorized.headers['www-authenticate']).toMatch(/^Bearer /);
    await expectError(fastify, { method: 'GET', url: '/nope' }, 404, 'NOT_FOUND');
    await expectError(fastify, { method: 'DELETE', url: '/predict' }, 405, 'METHOD_NOT_ALLOWED');
    const tooLarge = post(JSON.stringify({ data: referenceRow, pad: 'x'.repeat(1024 * 1024) }));
    await expectError(fastify, tooLarge, 413, 'PAYLOAD_TOO_LARGE');
    const text = post('stock_price=1', { ...auth(), 'content-type': 'text/plain' });
    await expectError(fastify, text, 415, 'UNSUPPORTED_MEDIA_TYPE');
    const malformed = await expectError(fastify, post('{"data": {'), 400, 'BAD_REQUEST');
    expect(malformed.body.message).toMatch(/^body is not valid JSON: /);
    const empty = await expectError(fastify, post(''), 400, 'BAD_REQUEST');
    expect(empty.body.field).toBe('body');
    const both = await expectError(
      fastify,
      post({ data: referenceRow, instances: [referenceRow] }),
      400,
      'INVALID_INPUT',
    );
    expect(both.body.field).toBe('body');
    await expectError(fastify, post({}), 400, 'INVALID_INPUT');
    // Every request above counted against this token's 20 a minute; the next ones reach the limit.
    let status = 200;
    for (let i = 0; i < 20 && status !== 429; i++)
      status = (await fastify.inject(post({ data: referenceRow }))).statusCode;
    const limited = await expectError(fastify, post({ data: referenceRow }), 429, 'RATE_LIMITED');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('answers a wrong method on an existing path 405 with Allow, and an unknown path 404', async () => {
    const fastify = await servingApp();
    const predict = await expectError(fastify, { method: 'GET', url: '/predict' }, 405, 'METHOD_NOT_ALLOWED');
    expect(predict.headers.allow).toBe('POST');
    expect(predict.body).toMatchObject({
      field: 'method',
      message: 'method GET is not allowed on /predict; allowed: POST',
    });
    const health = await expectError(
      fastify,
      { method: 'POST', url: '/health', payload: {} },
      405,
      'METHOD_NOT_ALLOWED',
    );
    expect(health.headers.allow).toBe('GET, HEAD');
    const models = await expectError(
      fastify,
      { method: 'OPTIONS', url: '/models?x=1' },
      405,
      'METHOD_NOT_ALLOWED',
    );
    expect(models.headers.allow).toBe('GET, HEAD');
    const unknown = await expectError(fastify, { method: 'GET', url: '/predict/extra' }, 404, 'NOT_FOUND');
    expect(unknown.body.field).toBe('url');
  });

  it('declares the whole error shape, every field required, for every route in the OpenAPI document', async () => {
    const fastify = await servingApp();
    type Responses = Record<string, { content?: Record<string, { schema?: { required?: string[] } }> }>;
    const doc = (await fastify.inject({ method: 'GET', url: '/docs/json' })).json<{
      paths: Record<string, Record<string, { responses: Responses }>>;
    }>();
    const operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => ({ name: `${method} ${path}`, responses: op.responses })),
    );
    expect(operations.length).toBeGreaterThanOrEqual(5);
    for (const { name, responses } of operations) {
      const schema = responses['4XX']?.content?.['application/json']?.schema;
      expect(schema?.required, name).toEqual(['statusCode', 'code', 'error', 'message', 'field', 'errors']);
    }
  });

  it('names a __proto__ key (or constructor.prototype) in a valid JSON body instead of calling it invalid', async () => {
    const fastify = await servingApp();
    const post = (payload: string): InjectOptions => ({
      method: 'POST',
      url: '/predict',
      headers: json,
      payload,
    });
    const proto = await expectError(
      fastify,
      post('{"data": {"__proto__": {"admin": true}}}'),
      400,
      'BAD_REQUEST',
    );
    expect(proto.body.field).toBe('data.__proto__');
    expect(proto.body.message).toMatch(/^data\.__proto__ is refused: the key __proto__ is not accepted/);
    const escaped = await expectError(
      fastify,
      post('{"instances": [{"\\u005f_proto__": 1}]}'),
      400,
      'BAD_REQUEST',
    );
    expect(escaped.body.field).toBe('instances[0].__proto__');
    const ctor = await expectError(
      fastify,
      post('{"constructor": {"prototype": {"x": 1}}}'),
      400,
      'BAD_REQUEST',
    );
    expect(ctor.body.field).toBe('constructor.prototype');
    // A feature merely named `constructor` is an unknown field, not an attack.
    const named = await fastify.inject(post(JSON.stringify({ data: { ...referenceRow, constructor: 1 } })));
    expect(named.statusCode).toBe(200);
  });

  it('refuses as_of dates that do not exist', async () => {
    const fastify = await servingApp();
    for (const asOf of ['9999-99-99', '2021-02-29', '2020-13-01', '2020-04-31', '2020-4-9']) {
      const { body } = await expectError(
        fastify,
        { method: 'POST', url: '/predict', headers: auth(), payload: { data: referenceRow, as_of: asOf } },
        400,
        'INVALID_INPUT',
      );
      expect(body).toMatchObject({
        field: 'as_of',
        message: 'as_of must be a real calendar date written YYYY-MM-DD',
      });
    }
    const leapDay = await fastify.inject({
      method: 'POST',
      url: '/predict',
      headers: auth(),
      payload: { data: referenceRow, as_of: '2020-02-29' },
    });
    expect(leapDay.statusCode).toBe(200);
  });

  it('refuses a credential in the query string with a 400 that points to the header, on every path', async () => {
    const fastify = await servingApp();
    const predict = await expectError(
      fastify,
      { method: 'POST', url: '/predict?access_token=abc', payload: { data: referenceRow } },
      400,
      'CREDENTIALS_IN_QUERY',
    );
    expect(predict.body.field).toBe('query.access_token');
    expect(predict.body.message).toContain('send the header Authorization: Bearer <token> instead');
    for (const url of [
      '/health?api_key=abc',
      '/models?X-Api-Key=abc',
      '/nope?password=abc',
      '/ready?TOKEN',
    ]) {
      await expectError(fastify, { method: 'GET', url, headers: auth() }, 400, 'CREDENTIALS_IN_QUERY');
    }
    expect((await fastify.inject({ method: 'GET', url: '/health?verbose=1' })).statusCode).toBe(200);
  });
});
