/**
 * A macro-enabled run offline: the pipeline joins the real daily VIX that the PyPI package arch ships
 * (installed by `npm run install-infra`) to the S&P 500 sample on their 2014-2018 overlap, and the served
 * model then uses `vix`; treasury_10y and dollar_index have no offline source and are not inputs. Without
 * the installed data the run fails at once, non-retryably, saying how to install it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import app from '../../api/app.js';
import { loadConfig } from '../../lib/config.js';
import { packageData, packageDataFolder } from '../../lib/package-data.js';
import { defaultLoaders } from '../../models/loaders.js';
import type { TrainingPipelineInput } from '../../workflows/pipeline-types.js';
import type { trainingPipelineWorkflow } from '../../workflows/training-pipeline.js';
import { auth, testApiConfig } from '../support/api-app.js';
import { expectActivityFailure } from './failure-chain.js';
import { activityDeps, integrationConfig, isolatedStore, withWorker } from './harness.js';

const sources = loadConfig().sources;
const installed = existsSync(
  join(packageDataFolder(sources.packageDataDir, packageData.arch), 'arch/data/vix/vix.csv.gz'),
);
const seedApiBody = readFileSync(new URL('../fixtures/seed-api-reference-request.json', import.meta.url));

// Small models: this checks the data path, not forecast quality (the closing metrics come from full runs).
const archRun: Partial<TrainingPipelineInput> = {
  source: { kind: 'sample' },
  range: { from: '2014-01-01', to: '2018-12-31' },
  macro: 'arch',
  model: { nEstimators: 20, maxDepth: 6, cashflowEpochs: 5, seed: 7 },
  gate: { maxMase: 2, minDirectionalAccuracy: 0, minIntervalCoverage: 0.3 },
};

describe('a macro-enabled run on package data, offline', () => {
  it.skipIf(!installed)(
    "trains on arch's VIX over the 2014-2018 overlap and serves a model that uses it",
    async () => {
      const store = await isolatedStore('macro-arch');
      const run = await withWorker(activityDeps(store), ({ taskQueue, client }) =>
        client.workflow.execute<typeof trainingPipelineWorkflow>('trainingPipelineWorkflow', {
          taskQueue,
          workflowId: `macro-arch-${Date.now()}`,
          args: [archRun],
        }),
      );
      expect(run.outcome).toBe('deployed');
      expect(run.features.featureNames).toEqual([
        ...['stock_price', 'volatility', 'volume', 'sma_20', 'sma_50', 'rsi', 'macd'],
        ...['bollinger_upper', 'bollinger_lower', 'vix'],
      ]);
      expect(run.dataset.sourceLabel).toContain('+ macro vix from arch 8.0.0 arch/data/vix/vix.csv.gz');
      expect(run.dataset).toMatchObject({ firstDate: '2014-01-02', lastDate: '2018-12-31' });
      // The first day has no VIX yet (arch's file starts 2014-01-03); no row is given an invented value.
      expect(run.features.exampleRow.vix).toBe(25.42); // VIX close of 2018-12-21, the last labelled row's day

      const config = integrationConfig();
      const api = Fastify({ logger: false });
      await api.register(app, {
        store,
        temporal: config.temporal,
        api: testApiConfig(),
        loaders: defaultLoaders(),
      });
      try {
        for (
          let i = 0;
          i < 100 && !(await api.inject({ url: '/ready' })).json<{ model?: unknown }>().model;
          i++
        )
          await new Promise((r) => setTimeout(r, 100));
        const res = await api.inject({
          method: 'POST',
          url: '/predict',
          headers: { ...auth(), 'content-type': 'application/json' },
          payload: seedApiBody,
        });
        expect(res.statusCode).toBe(200);
        const notUsed = 'is not used by this version (cashflow-forecaster v0001) and was ignored';
        expect(res.json<{ warnings: unknown[] }>().warnings).toEqual([
          { field: 'data.treasury_10y', message: notUsed },
          { field: 'data.dollar_index', message: notUsed },
        ]);
        const models = await api.inject({ url: '/models', headers: auth() });
        expect(models.json<{ serving: { fields: { used: string[] } } }>().serving.fields.used).toContain(
          'vix',
        );
      } finally {
        await api.close();
      }
    },
  );

  it('fails at once, non-retryably, when the package data is not installed', async () => {
    const store = await isolatedStore('macro-missing');
    const deps = activityDeps(store, {
      sources: { ...sources, packageDataDir: join(store.bucket, 'nowhere') },
    });
    const failure = await withWorker(deps, ({ taskQueue, client }) =>
      client.workflow
        .execute<typeof trainingPipelineWorkflow>('trainingPipelineWorkflow', {
          taskQueue,
          workflowId: `macro-missing-${Date.now()}`,
          args: [archRun],
        })
        .then(
          () => undefined,
          (err: unknown) => err,
        ),
    );
    expectActivityFailure(failure, {
      type: 'PackageDataUnavailable',
      nonRetryable: true,
      message: /arch 8.0.0 arch\/data\/vix\/vix.csv.gz is not installed at .*: run `npm run install-infra`/,
    });
  });
});
