/**
 * Fuzzes the real app from the OpenAPI document it serves: a real (small) model trained on the sample
 * data, the real MinIO, the server options server.ts uses, and requests over loopback through Node's
 * HTTP parser. Every answer must be below 500, documented, in its schema, and every 4xx in the error
 * shape. The run is bounded in count and time and prints what it sent and what came back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import Fastify, { type FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import app from '../../api/app.js';
import { apiServerOptions } from '../../api/http-server.js';
import { registerSampleModel } from '../../bench/sample-model.js';
import { defaultLoaders } from '../../models/loaders.js';
import { createObjectStoreRegistry } from '../../models/registry/object-store-registry.js';
import { testApiConfig, testToken } from '../support/api-app.js';
import { requestArbitrary, operationsOf, type OpenApiDocument } from '../support/fuzz/requests.js';
import { createResponseChecker } from '../support/fuzz/responses.js';
import { createSender } from '../support/fuzz/send.js';
import { integrationConfig, isolatedStore } from './harness.js';

const name = 'cashflow-forecaster';
const runs = 1500;
const timeLimitMs = 90_000;

let fastify: FastifyInstance | undefined;
let baseUrl = '';

beforeAll(async () => {
  const store = await isolatedStore('fuzz');
  // A real forest pair and cashflow net, small enough to train in seconds.
  await registerSampleModel(createObjectStoreRegistry(store), name, {
    nEstimators: 8,
    maxDepth: 4,
    cashflowEpochs: 2,
    cashflowHiddenUnits: 8,
  });
  const api = testApiConfig({
    rateLimitPerMinute: 1_000_000,
    predictionLog: { sampleRate: 0.1, batchSize: 500, flushMs: 60_000 },
  });
  // Wrong tokens are part of the traffic: the failed-authentication limit is tested on its own.
  api.limits = { ...api.limits, authFailuresPerMinute: 0 };
  fastify = Fastify(apiServerOptions(api.limits, false));
  await fastify.register(fp(app), {
    store,
    temporal: integrationConfig().temporal,
    api,
    loaders: defaultLoaders(),
  });
  baseUrl = await fastify.listen({ host: '127.0.0.1', port: 0 });
  while (!fastify.modelHolder.current()) await new Promise((r) => setTimeout(r, 100));
}, 120_000);

afterAll(async () => {
  await fastify?.close();
});

describe('fuzzing the API from its served OpenAPI document', () => {
  it('answers every generated request below 500, as documented, every 4xx in the error shape', async () => {
    const doc = (await (await fetch(`${baseUrl}/docs/json`)).json()) as OpenApiDocument;
    const operations = operationsOf(doc);
    expect(operations.map((o) => `${o.method} ${o.path}`)).toEqual(
      expect.arrayContaining(['POST /predict', 'GET /models', 'GET /ready', 'GET /health', 'GET /metrics']),
    );
    const models = (await (
      await fetch(`${baseUrl}/models`, { headers: { authorization: `Bearer ${testToken}` } })
    ).json()) as { versions: { featureSchema: string[] }[] };
    const knownKeys = models.versions[0]?.featureSchema ?? [];
    const check = createResponseChecker(operations);
    const sender = createSender(baseUrl);
    const statuses: Record<number, number> = {};
    const codes: Record<string, number> = {};
    let sent = 0;
    try {
      await fc.assert(
        fc.asyncProperty(requestArbitrary(operations, { knownKeys, token: testToken }), async (request) => {
          const response = await sender.send(request);
          sent++;
          statuses[response.status] = (statuses[response.status] ?? 0) + 1;
          const problems = check(request, response);
          if (problems.length > 0) {
            const shown = response.body.toString('utf8').slice(0, 300);
            throw new Error(
              `${request.method} ${request.path.slice(0, 200)}: ${problems.join('; ')}\n${shown}`,
            );
          }
          if (response.status >= 400 && request.method !== 'HEAD') {
            const code = (JSON.parse(response.body.toString('utf8')) as { code?: string }).code ?? '?';
            codes[code] = (codes[code] ?? 0) + 1;
          }
        }),
        { numRuns: runs, interruptAfterTimeLimit: timeLimitMs, endOnFailure: true },
      );
    } finally {
      sender.close();
      console.log(
        `fuzz: ${sent} requests, statuses ${JSON.stringify(statuses)}, codes ${JSON.stringify(codes)}`,
      );
    }
    // The traffic reached the model, and the mistakes were answered.
    expect(statuses[200]).toBeGreaterThan(0);
    expect(statuses[400]).toBeGreaterThan(0);
    expect(sent).toBeGreaterThan(100);
  }, 180_000);
});
