/**
 * The whole training pipeline on the real Temporal and MinIO, on a slice of the bundled S&P 500 data.
 */
import { describe, expect, it } from 'vitest';
import { Worker } from '@temporalio/worker';
import { readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { loadConfig } from '../../lib/config.js';
import { resolveTool } from '../../infra/tools.js';
import { inject } from 'vitest';
import { createObjectStoreRegistry } from '../../models/registry/object-store-registry.js';
import type { ModelRegistry } from '../../models/registry/types.js';
import type { TrainingPipelineInput } from '../../workflows/pipeline-types.js';
import { progressQuery, type trainingPipelineWorkflow } from '../../workflows/training-pipeline.js';
import { expectActivityFailure } from './failure-chain.js';
import { activityDeps, isolatedStore, withWorker } from './harness.js';

// Small models on a slice of the real data: these tests check the pipeline's mechanics, so the first run's
// gate only refuses a model that is not a forecast at all; the gate itself is tested with a strict one.
const historyFixture = new URL('../fixtures/training-pipeline-history.json', import.meta.url);

const small: Partial<TrainingPipelineInput> = {
  source: { kind: 'sample' },
  range: { from: '2014-01-01' },
  model: { nEstimators: 20, maxDepth: 6, cashflowEpochs: 5, seed: 7 },
  gate: { maxMase: 2, minDirectionalAccuracy: 0.3, minIntervalCoverage: 0.3 },
};

describe('trainingPipelineWorkflow', () => {
  it('takes the sample data to a deployed model with lineage, then rejects a challenger that fails the gate', async () => {
    const store = await isolatedStore('pipeline');
    const registry = createObjectStoreRegistry(store);
    const { first, second, history } = await withWorker(
      activityDeps(store),
      async ({ taskQueue, client }) => {
        const start = (id: string, input: Partial<TrainingPipelineInput>) =>
          client.workflow.start<typeof trainingPipelineWorkflow>('trainingPipelineWorkflow', {
            taskQueue,
            workflowId: `${id}-${Date.now()}`,
            args: [input],
          });
        const handle = await start('pipeline-first', small);
        const first = {
          ...(await handle.result()),
          workflowId: handle.workflowId,
          runId: handle.firstExecutionRunId,
        };
        const progress = await handle.query(progressQuery);
        expect(progress).toMatchObject({ stage: 'done', stagesDone: 6, stagesTotal: 6, outcome: 'deployed' });
        const history = await handle.fetchHistory();

        const strict = await start('pipeline-strict', { ...small, gate: { ...small.gate, maxMase: 0.01 } });
        return { first, second: await strict.result(), history };
      },
    );

    expect(first.outcome).toBe('deployed');
    expect(first.dataset).toMatchObject({
      firstDate: '2014-01-02',
      lastDate: '2020-04-17',
      symbols: ['SPX'],
      quarantinedRows: 0,
    });
    expect(Object.keys(first.stageSeconds)).toEqual([
      'ingestion',
      'features',
      'training',
      'validation',
      'drift',
      'deployment',
    ]);
    expect(first.deployment).toEqual({ name: 'cashflow-forecaster', version: 'v0001', alias: 'production' });

    const manifest = await registry.getManifest('cashflow-forecaster', 'v0001');
    expect(manifest.lineage).toMatchObject({
      dataHash: first.dataset.dataHash,
      workflowId: first.workflowId,
      runId: first.runId,
    });
    expect(manifest.featureSchema).toEqual(first.features.featureNames);
    expect(manifest.featureSchemaHash).toBe(first.features.featureSchemaHash);
    expect(manifest.artifacts.map((a) => a.role).sort()).toEqual(['cashflow', 'prediction', 'risk']);
    for (const artifact of manifest.artifacts) {
      expect((await registry.readArtifact(manifest, artifact.name)).length).toBe(artifact.size);
    }
    expect(manifest.metrics.mase).toBeCloseTo(first.validation.metrics.mase!, 12);
    expect(manifest.details?.cashflowBackend).toMatch(/^(tensorflow|wasm|cpu)$/);
    expect(await registry.getAlias('cashflow-forecaster', 'production')).toMatchObject({ version: 'v0001' });
    expect(await store.exists(first.drift.reportKey)).toBe(true);

    // The challenger fails the gate: a normal outcome with reasons; production stays where it was.
    expect(second.outcome).toBe('rejected');
    expect(second.reasons.join(' ')).toMatch(/MASE .* is above the gate's 0.01/);
    expect(second.validation.champion?.version).toBe('v0001');
    expect(second.deployment).toBeUndefined();
    expect(second.dataset.reused).toBe(true);
    expect(await registry.listVersions('cashflow-forecaster')).toEqual(['v0001']);

    // `RECORD_PIPELINE_HISTORY=1 npm test -- training-pipeline` refreshes the fixture the replay test uses.
    if (process.env.RECORD_PIPELINE_HISTORY) {
      const json = execFileSync(resolveTool(loadConfig(), 'temporal'), [
        ...['workflow', 'show', '--workflow-id', first.workflowId, '--run-id', first.runId],
        ...['--address', inject('temporalAddress'), '--output', 'json'],
      ]);
      writeFileSync(historyFixture, json);
    }
    // The history just recorded replays on the current workflow code without a determinism error.
    await Worker.runReplayHistory(
      { workflowBundle: { code: readFileSync(inject('workflowBundlePath'), 'utf8') } },
      history,
      first.workflowId,
    );
  });

  it('refuses a malformed CSV with a clear, non-retryable error and writes nothing', async () => {
    const store = await isolatedStore('malformed');
    await store.put('uploads/bad.csv', 'date,open,high,low,volume\n2020-01-02,1,2,0.5,100\n');
    const before = await store.list('');
    const failure = await withWorker(activityDeps(store), ({ taskQueue, client }) =>
      client.workflow
        .execute<typeof trainingPipelineWorkflow>('trainingPipelineWorkflow', {
          taskQueue,
          workflowId: `pipeline-malformed-${Date.now()}`,
          args: [{ source: { kind: 'csv', objectKey: 'uploads/bad.csv' } }],
        })
        .then(
          () => undefined,
          (err: unknown) => err,
        ),
    );
    expectActivityFailure(failure, {
      type: 'InvalidDataset',
      nonRetryable: true,
      message: /lacks the column\(s\) close/,
    });
    expect(await store.list('')).toEqual(before);
  });

  it('a retried deployment registers one version', async () => {
    const store = await isolatedStore('idempotent');
    const real = createObjectStoreRegistry(store);
    let failuresLeft = 1;
    // The first attempt registers the version, then fails as if the worker had died before completing.
    const flaky: ModelRegistry = {
      ...real,
      setAlias: async (...args) => {
        if (failuresLeft-- > 0) throw new Error('connection reset after registering');
        return real.setAlias(...args);
      },
    };
    const result = await withWorker(activityDeps(store, { registry: flaky }), ({ taskQueue, client }) =>
      client.workflow.execute<typeof trainingPipelineWorkflow>('trainingPipelineWorkflow', {
        taskQueue,
        workflowId: `pipeline-retry-${Date.now()}`,
        args: [small],
      }),
    );
    expect(failuresLeft).toBe(-1); // failed once, then succeeded on the retry
    expect(result.deployment?.version).toBe('v0001');
    expect(await real.listVersions('cashflow-forecaster')).toEqual(['v0001']);
    expect(await real.getAlias('cashflow-forecaster', 'production')).toMatchObject({ version: 'v0001' });
  });
});
