/**
 * The monitoring loop on the real stack: Temporal and MinIO from the global setup, real pipeline and
 * training workers (with their metrics endpoint and the Temporal SDK's exporter), a real API listening on a
 * loopback port and serving a model a small pipeline run trained, and a real Prometheus (1 s scrapes, the
 * project's alert rules) scraping all of them. A clean stream of live traffic is not drift; a drifted one
 * is, raises the drift alert and starts exactly one retraining; realised performance joins logged
 * predictions with what happened; and every dashboard and alert expression has data in Prometheus.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import Fastify, { type FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import app from '../../api/app.js';
import { decodeFeatureSet } from '../../lib/feature-store.js';
import { serveMetrics } from '../../lib/metrics-server.js';
import { pipelineWorkerMetrics } from '../../workers/dependencies.js';
import { defaultLoaders } from '../../models/loaders.js';
import { freePort } from '../../infra/servers.js';
import type { TrainingPipelineInput } from '../../workflows/pipeline-types.js';
import type {
  driftMonitorWorkflow,
  marketRefreshWorkflow,
  trainingPipelineWorkflow,
} from '../../workflows/index.js';
import { testApiConfig, testToken } from '../support/api-app.js';
import { alertSignal, eventually, startTestPrometheus, type TestPrometheus } from '../support/prometheus.js';
import { activityDeps, installTestRuntime, integrationConfig, isolatedStore, withWorker } from './harness.js';

const root = resolve(import.meta.dirname, '../..');
const small: Partial<TrainingPipelineInput> = {
  source: { kind: 'sample' },
  range: { from: '2014-01-01' },
  model: { nEstimators: 20, maxDepth: 6, cashflowEpochs: 5, seed: 7 },
  gate: { maxMase: 2, minDirectionalAccuracy: 0.3, minIntervalCoverage: 0.3 },
};
const priceLike = ['stock_price', 'sma_20', 'sma_50', 'bollinger_upper', 'bollinger_lower', 'macd', 'atr_14'];

const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

function dashboardExpressions(): { where: string; expr: string }[] {
  const dir = join(root, 'grafana/dashboards');
  return readdirSync(dir).flatMap((file) => {
    const dashboard = JSON.parse(readFileSync(join(dir, file), 'utf8')) as {
      panels: { title: string; targets: { expr: string }[] }[];
    };
    return dashboard.panels.flatMap((p) =>
      p.targets.map((t) => ({ where: `${file}: ${p.title}`, expr: t.expr })),
    );
  });
}

async function startApi(
  store: Awaited<ReturnType<typeof isolatedStore>>,
): Promise<{ api: FastifyInstance; url: string }> {
  const api = Fastify({ logger: false, bodyLimit: 1024 * 1024 });
  await api.register(fp(app), {
    store,
    temporal: integrationConfig().temporal,
    api: testApiConfig({
      rateLimitPerMinute: 100_000,
      // Every row is logged, in objects of at most 100, so the drift monitor sees all the traffic.
      predictionLog: { sampleRate: 1, batchSize: 100, flushMs: 200 },
    }),
    loaders: defaultLoaders(),
  });
  await api.listen({ host: '127.0.0.1', port: 0 });
  const address = api.server.address();
  return { api, url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` };
}

async function predict(url: string, instances: Record<string, number>[], asOf: string[]): Promise<number[]> {
  const out: number[] = [];
  // One date per request: `as_of` applies to the whole body.
  for (let i = 0; i < instances.length; i++) {
    const res = await fetch(`${url}/predict`, {
      method: 'POST',
      headers: { authorization: `Bearer ${testToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ data: instances[i], as_of: asOf[i] }),
    });
    expect(res.status).toBe(200);
    out.push(((await res.json()) as { prediction: number }).prediction);
  }
  return out;
}

describe('monitoring loop', () => {
  it('detects drift in live traffic, retrains once, measures realised error, and feeds every panel and alert', async () => {
    const sdkPort = await freePort();
    installTestRuntime(`127.0.0.1:${sdkPort}`);
    const store = await isolatedStore('monitoring');
    const metrics = pipelineWorkerMetrics();
    const workerMetrics = await serveMetrics(metrics.registry, 0);
    cleanups.push(() => workerMetrics.close());
    const { api, url } = await startApi(store);
    cleanups.push(() => api.close());
    const prom: TestPrometheus = await startTestPrometheus({
      api: [new URL(url).host],
      // Both workers run in this process, on one registry: one target stands for both.
      pipelineWorker: [new URL(workerMetrics.url).host],
      trainingWorker: [],
      temporalSdk: [`127.0.0.1:${sdkPort}`],
      temporalServer: [`127.0.0.1:${inject('temporalMetricsPort')}`],
      minio: [new URL(inject('s3').endpoint).host],
      prometheus: [],
    });
    cleanups.push(() => prom.stop());
    expect(prom.targets.filter((t) => t.health !== 'up')).toEqual([]);
    expect(new Set(prom.targets.map((t) => t.job))).toEqual(
      new Set(['api', 'worker-pipeline', 'temporal-sdk', 'temporal-server', 'minio', 'prometheus']),
    );

    await withWorker(activityDeps(store, { metrics }), async ({ taskQueue, client }) => {
      const trained = await client.workflow.execute<typeof trainingPipelineWorkflow>(
        'trainingPipelineWorkflow',
        {
          taskQueue,
          workflowId: `monitoring-initial-${Date.now()}`,
          args: [small],
        },
      );
      expect(trained.deployment?.version).toBe('v0001');
      await eventually('the API serving v0001', async () =>
        api.modelHolder.current()?.version === 'v0001' ? true : undefined,
      );

      // Live traffic: every third training row (clean), then the same rows with prices 60 % higher and
      // three times the volatility (drifted).
      const set = decodeFeatureSet(await store.get(trained.features.key));
      const [start, end] = trained.features.splits.train;
      const picked = Array.from({ length: Math.floor((end - start) / 3) }, (_, k) => start + 3 * k);
      const rowOf = (i: number) =>
        Object.fromEntries(set.featureNames.map((name, j) => [name, set.x[i * set.nFeatures + j]!]));
      const dates = picked.map((i) => set.date[i]!);
      const monitor = (window: { from: string; to: string }, id: string) =>
        client.workflow.execute<typeof driftMonitorWorkflow>('driftMonitorWorkflow', {
          taskQueue,
          workflowId: `${id}-${Date.now()}`,
          args: [
            { window, threshold: 0.25, minSamples: 50, retraining: { cooldownHours: 24, input: small } },
          ],
        });

      const cleanFrom = new Date().toISOString();
      const cleanPredictions = await predict(url, picked.map(rowOf), dates);
      const bad = await fetch(`${url}/predict`, {
        method: 'POST',
        headers: { authorization: `Bearer ${testToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ data: { stock_price: 1 } }),
      });
      expect(bad.status).toBe(400);
      await api.predictionLog.flush();
      const clean = await monitor({ from: cleanFrom, to: new Date().toISOString() }, 'monitor-clean');
      expect(clean.drift).toMatchObject({ verdict: 'stable', samples: picked.length, driftedFeatures: [] });
      expect(clean.retraining).toBeUndefined();

      // Realised performance of the clean stream: the test's own join of the answers with what happened.
      const refresh = await client.workflow.execute<typeof marketRefreshWorkflow>('marketRefreshWorkflow', {
        taskQueue,
        workflowId: `refresh-${Date.now()}`,
        args: [{ source: { kind: 'sample' }, minSamples: 50, retraining: { input: false } }],
      });
      const expectedMae =
        picked.reduce((sum, i, k) => sum + Math.abs(cleanPredictions[k]! - set.target[i]!), 0) /
        picked.length;
      expect(refresh.performance).toMatchObject({ version: 'v0001', samples: picked.length });
      expect(refresh.performance.realisedMae).toBeCloseTo(expectedMae, 9);
      expect(refresh.performance.validationMae).toBe(trained.validation.metrics.mae);

      // The drift alert is quiet for the clean stream: its rule was evaluated after Prometheus saw the check.
      const seenAt = await eventually('the clean check scraped', async () => {
        const r = await prom.query('drift_checks_total');
        return r.length === 1 && r[0]!.value[1] === '1' ? Date.now() : undefined;
      });
      const quiet = await eventually('the drift rule evaluated after that', async () => {
        const rule = (await prom.rules()).find((r) => r.name === 'FeatureDrift');
        return rule && Date.parse(rule.lastEvaluation) > seenAt ? rule : undefined;
      });
      expect(quiet.state).toBe('inactive');
      expect(await prom.query(quiet.query)).toEqual([]);
      expect((await prom.alerts()).filter((a) => a.labels.alertname === 'FeatureDrift')).toEqual([]);

      const driftFrom = new Date().toISOString();
      const drifted = picked.map((i) => {
        const row = rowOf(i);
        for (const name of priceLike) if (name in row) row[name] = row[name]! * 1.6;
        row.volatility = row.volatility! * 3;
        return row;
      });
      await predict(url, drifted, dates);
      await api.predictionLog.flush();
      const driftWindow = { from: driftFrom, to: new Date().toISOString() };
      const first = await monitor(driftWindow, 'monitor-drift');
      expect(first.drift.verdict).toBe('drift');
      expect(first.drift.driftedFeatures).toEqual(expect.arrayContaining(['stock_price', 'volatility']));
      expect(first.retraining).toMatchObject({ reason: 'drift', status: 'started' });
      // The same episode checked again: the cool-down holds, no second retraining.
      const second = await monitor(driftWindow, 'monitor-drift-again');
      expect(second.retraining).toEqual({ ...first.retraining, status: 'cooling-down' });

      const retrained = await client.workflow.getHandle(first.retraining!.workflowId!).result();
      expect(retrained.outcome).toMatch(/deployed|rejected/);
      const runs = await eventually('both pipeline runs listed', async () => {
        const ids: string[] = [];
        const query = `TaskQueue = '${taskQueue}' AND WorkflowType = 'trainingPipelineWorkflow'`;
        for await (const wf of client.workflow.list({ query })) ids.push(wf.workflowId);
        return ids.length >= 2 ? ids : undefined;
      });
      expect(runs.filter((id) => id.startsWith('retraining-'))).toEqual([first.retraining!.workflowId]);
    });

    // Drift alert: its expression has data and the alert is pending; production rules keep `for: 5m`
    // (promtool's unit tests prove the firing after it), so pending is what a live drift shows at once.
    const alert = await eventually('the drift alert pending or firing', async () =>
      (await prom.alerts()).find((a) => a.labels.alertname === 'FeatureDrift'),
    );
    expect(alert.labels.model).toBe('cashflow-forecaster');
    expect(await prom.query('retraining_triggered_total{reason="drift"}')).toEqual([
      expect.objectContaining({ value: [expect.any(Number), '1'] }),
    ]);
    await eventually('the retrained run scraped', async () => {
      const r = await prom.query('sum(pipeline_runs_total)');
      return r[0]?.value[1] === '2' ? true : undefined;
    });

    // Every dashboard panel's expression and every alert rule's signal has data.
    const rules = (await prom.rules()).filter((r) => r.type === 'alerting');
    expect(rules.map((r) => r.name).sort()).toEqual([
      'ApiErrorRateHigh',
      'ApiLatencyP99High',
      'FeatureDrift',
      'ModelAccuracyDrop',
      'ProcessCpuHigh',
      'ProcessMemoryHigh',
      'TargetDown',
    ]);
    const expressions = [
      ...dashboardExpressions(),
      ...rules.map((r) => ({ where: `alert ${r.name}`, expr: alertSignal(r.query).signal })),
    ];
    const empty: string[] = [];
    for (const { where, expr } of expressions) {
      if ((await prom.query(expr)).length === 0) empty.push(`${where}: ${expr}`);
    }
    expect(empty).toEqual([]);
  }, 240_000);
});
