/**
 * The reference contract end to end: the default pipeline trains on a slice of the bundled S&P 500 data on
 * the real Temporal and MinIO, the real API serves its model over HTTP, and the reference system's own
 * request bodies (byte for byte from its README), the OpenAPI example and this README's curl commands get
 * the answers the README prints.
 *
 * `RECORD_README_ANSWERS=1` trains with the full defaults (the model `npm start` trains) and writes every
 * curl's real answer to var/readme-answers.md, to paste into the README.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import app from '../../api/app.js';
import { defaultLoaders } from '../../models/loaders.js';
import type { TrainingPipelineInput, TrainingPipelineOutput } from '../../workflows/pipeline-types.js';
import type { trainingPipelineWorkflow } from '../../workflows/training-pipeline.js';
import { testApiConfig, testToken } from '../support/api-app.js';
import { activityDeps, integrationConfig, isolatedStore, withWorker } from './harness.js';

const recording = process.env.RECORD_README_ANSWERS === '1';
const fixture = (name: string) => new URL(`../fixtures/${name}`, import.meta.url);
/** The reference system's README: the 12-field body of its API reference, the 5-field body of its quick start. */
const seedApiBody = readFileSync(fixture('seed-api-reference-request.json'));
const seedQuickStartBody = readFileSync(fixture('seed-quick-start-request.json'));
const seeds = ['../shared/seeds', '../../shared/seeds'].find((d) => existsSync(d));
const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

const input: Partial<TrainingPipelineInput> = recording
  ? { source: { kind: 'sample' } }
  : {
      source: { kind: 'sample' },
      range: { from: '2014-01-01' },
      model: { nEstimators: 20, maxDepth: 6, cashflowEpochs: 5, seed: 7 },
      gate: { maxMase: 2, minDirectionalAccuracy: 0.3, minIntervalCoverage: 0.3 },
    };

const contractBarFields = [
  ...['stock_price', 'volatility', 'volume', 'sma_20', 'sma_50', 'rsi', 'macd'],
  ...['bollinger_upper', 'bollinger_lower'],
];

let api: FastifyInstance;
let baseUrl: string;
let run: TrainingPipelineOutput;

beforeAll(
  async () => {
    const store = await isolatedStore('contract');
    run = await withWorker(activityDeps(store), ({ taskQueue, client }) =>
      client.workflow.execute<typeof trainingPipelineWorkflow>('trainingPipelineWorkflow', {
        taskQueue,
        workflowId: `contract-default-${Date.now()}`,
        args: [input],
      }),
    );
    const config = integrationConfig();
    api = Fastify({ logger: false, bodyLimit: 1024 * 1024 });
    await api.register(app, {
      store,
      temporal: config.temporal,
      api: testApiConfig(),
      loaders: defaultLoaders(),
    });
    await api.listen({ host: '127.0.0.1', port: 0 });
    const address = api.server.address();
    baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    for (let i = 0; i < 100; i++) {
      if ((await fetch(`${baseUrl}/ready`)).status === 200) break;
      await new Promise((r) => setTimeout(r, 100));
    }
  },
  recording ? 900_000 : 240_000,
);
afterAll(async () => {
  await api?.close();
});

const post = (body: Buffer | string) =>
  fetch(`${baseUrl}/predict`, {
    method: 'POST',
    headers: { authorization: `Bearer ${testToken}`, 'content-type': 'application/json' },
    body,
  });

/** Values that differ from run to run or machine to machine; everything else must be what the README says. */
const volatile = new Set([
  ...['timestamp', 'createdAt', 'loadedAt', 'updatedAt', 'uptimeSeconds', 'latencyMs'],
  ...['dataHash', 'codeVersion', 'workflowId', 'runId', 'endpoint', 'bucket', 'address', 'namespace'],
]);

/** Same keys, array lengths and types everywhere; same strings and booleans except volatile values. */
function differences(actual: unknown, printed: unknown, path = '$'): string[] {
  const key = path.split('.').at(-1) ?? '';
  if (typeof printed === 'number') return typeof actual === 'number' ? [] : [`${path}: not a number`];
  if (Array.isArray(printed)) {
    if (!Array.isArray(actual) || actual.length !== printed.length)
      return [`${path}: ${JSON.stringify(actual)?.slice(0, 80)} is not an array of ${printed.length}`];
    return printed.flatMap((p, i) => differences(actual[i], p, `${path}[${i}]`));
  }
  if (printed !== null && typeof printed === 'object') {
    if (actual === null || typeof actual !== 'object') return [`${path}: not an object`];
    const [a, p] = [Object.keys(actual).sort(), Object.keys(printed).sort()];
    if (JSON.stringify(a) !== JSON.stringify(p)) return [`${path}: keys ${a.join(',')} ≠ ${p.join(',')}`];
    return p.flatMap((k) =>
      differences(
        (actual as Record<string, unknown>)[k],
        (printed as Record<string, unknown>)[k],
        `${path}.${k}`,
      ),
    );
  }
  if (volatile.has(key) || path.includes('.versions.'))
    return typeof actual === typeof printed ? [] : [`${path}: type`];
  return actual === printed ? [] : [`${path}: ${JSON.stringify(actual)} ≠ ${JSON.stringify(printed)}`];
}

/** Each ```sh block of one curl command in the README, with the ```json answer printed right after it. */
function readmeExamples(): { command: string; printed: string }[] {
  const pattern = /```sh\n(curl [^`]*?)\n```\n\n```json\n([^`]*?)```/g;
  return [...readme.matchAll(pattern)].map((m) => ({ command: m[1]!, printed: m[2]! }));
}

describe('the reference contract, from the default pipeline to the API', () => {
  it("trains the default model on the reference request's fields (no macro source, no extras)", () => {
    expect(run.outcome).toBe('deployed');
    expect(run.features.featureNames).toEqual(contractBarFields);
  });

  it("answers the reference system's 12-field request, byte for byte, with prediction, risk_flag and position_size", async () => {
    expect(seedApiBody.toString()).toContain('"sma_20": 145.50,\n');
    const res = await post(seedApiBody);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      prediction: expect.any(Number) as unknown,
      risk_flag: expect.any(Number) as unknown,
      position_size: expect.any(Number) as unknown,
      model: { name: 'cashflow-forecaster', version: 'v0001' },
    });
    expect([0, 1]).toContain(body.risk_flag);
    const notUsed = 'is not used by this version (cashflow-forecaster v0001) and was ignored';
    expect(body.warnings).toEqual(
      ['vix', 'treasury_10y', 'dollar_index'].map((f) => ({ field: `data.${f}`, message: notUsed })),
    );
  });

  it("answers the reference system's 5-field quick-start request with a 400 naming every missing field", async () => {
    const res = await post(seedQuickStartBody);
    expect(res.status).toBe(400);
    const missing = ['sma_50', 'macd', 'bollinger_upper', 'bollinger_lower'];
    expect(await res.json()).toMatchObject({
      code: 'INVALID_INPUT',
      field: 'data.sma_50',
      errors: missing.map((f) => ({
        field: `data.${f}`,
        message: 'is required by model cashflow-forecaster v0001',
      })),
    });
  });

  it("accepts the OpenAPI document's own /predict example", async () => {
    const doc = (await (await fetch(`${baseUrl}/docs/json`)).json()) as {
      paths: Record<string, { post: { requestBody: { content: Record<string, { schema: unknown }> } } }>;
    };
    const schema = doc.paths['/predict']!.post.requestBody.content['application/json']!.schema as {
      properties: { data: { example: Record<string, number> } };
    };
    const res = await post(JSON.stringify({ data: schema.properties.data.example }));
    expect(res.status).toBe(200);
  });

  it("runs the README's curl commands and gets the answers it prints", async () => {
    const examples = readmeExamples();
    expect(examples.map((e) => e.command.split('\n')[0])).toEqual([
      'curl -s http://127.0.0.1:3000/health',
      'curl -s -X POST http://127.0.0.1:3000/predict \\',
      'curl -s -X POST http://127.0.0.1:3000/predict \\',
      'curl -s http://127.0.0.1:3000/models -H "Authorization: Bearer $TOKEN"',
      'curl -s http://127.0.0.1:3000/ready',
    ]);
    const recorded: string[] = [];
    for (const { command, printed } of examples) {
      const { stdout } = await promisify(execFile)(
        'sh',
        ['-c', command.replaceAll('http://127.0.0.1:3000', baseUrl)],
        {
          env: { ...process.env, TOKEN: testToken },
        },
      );
      recorded.push(`\`\`\`sh\n${command}\n\`\`\`\n\n\`\`\`json\n${stdout}\n\`\`\`\n`);
      if (!recording) expect(differences(JSON.parse(stdout), JSON.parse(printed)), command).toEqual([]);
    }
    if (recording) {
      mkdirSync('var', { recursive: true });
      const metrics = JSON.stringify(run.validation.metrics, null, 2);
      writeFileSync('var/readme-answers.md', `${recorded.join('\n')}\nholdout metrics:\n${metrics}\n`);
    }
  });

  // A clone without the seeds beside it skips this: the fixtures then stand on their own.
  it.skipIf(!seeds)('keeps the two request bodies identical to the reference system’s README', () => {
    const seed = readdirSync(seeds!).find((f) => f.startsWith('001_'));
    const text = readFileSync(`${seeds}/${seed}`);
    expect(text.includes(seedApiBody)).toBe(true);
    expect(text.includes(Buffer.concat([Buffer.from("-d '"), seedQuickStartBody, Buffer.from("'")]))).toBe(
      true,
    );
  });
});
