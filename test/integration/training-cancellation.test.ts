/**
 * When one training fails, its siblings are cancelled and stop (they heartbeat, so the cancellation
 * reaches them), the run fails with the first failure, and nothing the run wrote under its prefix is left
 * behind. Real Temporal and MinIO, real training activities.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { ApplicationFailure } from '@temporalio/common';
import { createTrainingActivities } from '../../activities/index.js';
import type { TrainTabularInput } from '../../activities/training.js';
import type { TrainingPipelineInput } from '../../workflows/pipeline-types.js';
import { activityEvents, attemptsOf, eventName, runToFailure } from './failed-run.js';
import { activityDeps, isolatedStore } from './harness.js';

const base: Partial<TrainingPipelineInput> = {
  source: { kind: 'sample' },
  range: { from: '2014-01-01' },
  // A net that trains for minutes: it is still running when its sibling fails.
  model: { nEstimators: 10, maxDepth: 4, cashflowEpochs: 5_000, seed: 7 },
};

describe('a failing training', () => {
  it('cancels the running siblings, fails the run with its own failure and leaves no run objects', async () => {
    const store = await isolatedStore('cancel');
    const deps = activityDeps(store);
    const real = createTrainingActivities(deps);
    const run = await runToFailure(deps, base, {
      // The risk classifier fails once the others are well under way; the prediction forest is real.
      trainRandomForest: async (input: TrainTabularInput) => {
        if (input.role === 'prediction') return real.trainRandomForest(input);
        await sleep(4_000);
        throw ApplicationFailure.nonRetryable('the risk classifier diverged', 'TrainingDiverged');
      },
    });

    expect(run.activity.activityType).toBe('trainRandomForest');
    expect(run.cause).toMatchObject({ type: 'TrainingDiverged', nonRetryable: true });

    // The net had started, was asked to stop, and stopped, before the run failed. (The server writes the
    // started event of an activity with a retry policy when the activity closes, so only its presence counts.)
    const [cashflow] = activityEvents(run.events, 'trainCashflowModel');
    expect([...cashflow!].sort()).toEqual([
      'ACTIVITY_TASK_CANCELED',
      'ACTIVITY_TASK_CANCEL_REQUESTED',
      'ACTIVITY_TASK_SCHEDULED',
      'ACTIVITY_TASK_STARTED',
    ]);
    expect(cashflow!.at(-1)).toBe('ACTIVITY_TASK_CANCELED');
    const names = run.events.map(eventName);
    expect(names.lastIndexOf('ACTIVITY_TASK_CANCELED')).toBeLessThan(
      names.indexOf('WORKFLOW_EXECUTION_FAILED'),
    );
    expect(attemptsOf(run.events, 'trainRandomForest')).toEqual([1, 1]);

    // The prediction forest finished and wrote its artifact; the failed run discarded it.
    const forests = activityEvents(run.events, 'trainRandomForest');
    expect(forests.map((events) => events.at(-1))).toEqual(
      expect.arrayContaining(['ACTIVITY_TASK_COMPLETED', 'ACTIVITY_TASK_FAILED']),
    );
    expect(activityEvents(run.events, 'discardRunObjects')).toEqual([
      ['ACTIVITY_TASK_SCHEDULED', 'ACTIVITY_TASK_STARTED', 'ACTIVITY_TASK_COMPLETED'],
    ]);
    expect(await store.list('runs/')).toEqual([]);
    // Datasets and feature sets are shared by content hash and stay for the next run.
    expect((await store.list('datasets/')).length).toBeGreaterThan(0);
    expect((await store.list('features/')).length).toBeGreaterThan(0);
  }, 120_000);

  it('refuses an unknown engine on the first attempt, naming it, and stops the net', async () => {
    const store = await isolatedStore('cancel');
    const run = await runToFailure(activityDeps(store), {
      ...base,
      model: { ...base.model, engine: 'gradient-boosting' },
    });
    expect(run.activity.activityType).toBe('trainRandomForest');
    expect(run.cause).toMatchObject({ type: 'InvalidInput', nonRetryable: true });
    expect(run.cause.message).toBe(
      'model.engine "gradient-boosting" is not a model engine; known: histogram-forest, ml-random-forest',
    );
    expect(attemptsOf(run.events, 'trainRandomForest')).toEqual([1, 1]);
    const [cashflow] = activityEvents(run.events, 'trainCashflowModel');
    expect(cashflow).toContain('ACTIVITY_TASK_CANCEL_REQUESTED');
    expect(cashflow!.at(-1)).toBe('ACTIVITY_TASK_CANCELED');
    expect(await store.list('runs/')).toEqual([]);
  }, 120_000);
});
