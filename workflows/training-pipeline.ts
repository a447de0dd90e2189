/**
 * The training pipeline: ingestion -> features -> (random forest, risk classifier, cashflow net in
 * parallel) -> validation -> drift -> deployment. Activities exchange object-store references only. A
 * challenger the gate rejects ends the run with outcome `rejected` and the reasons, not a failure.
 */
import {
  CancellationScope,
  defineQuery,
  patched,
  proxyActivities,
  setHandler,
  upsertMemo,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { PipelineActivities, TrainingActivities } from '../activities/index.js';
import { searchAttributes, trainingQueueFor } from '../lib/temporal-names.js';
import { dataStage, io, training } from './activity-profiles.js';
import { allOrCancel } from './all-or-cancel.js';
import {
  pipelineStages,
  resolvePipelineInput,
  type PipelineProgress,
  type PipelineStage,
  type TrainingPipelineInput,
  type TrainingPipelineOutput,
} from './pipeline-types.js';

const data = proxyActivities<PipelineActivities>(dataStage);
const quick = proxyActivities<PipelineActivities>(io);

export const progressQuery = defineQuery<PipelineProgress>('progress');

/**
 * Runs the pipeline and reports its outcome and stage times to the worker's metrics through an activity
 * (workflow code has no metrics registry). `patched` keeps histories recorded before this existed
 * replayable.
 */
export async function trainingPipelineWorkflow(
  rawInput: Partial<TrainingPipelineInput> = {},
): Promise<TrainingPipelineOutput> {
  const stageSeconds: Record<string, number> = {};
  const record = async (outcome: TrainingPipelineOutput['outcome'] | 'failed') => {
    if (patched('pipeline-run-metrics')) await quick.recordPipelineRun({ outcome, stageSeconds });
  };
  let output: TrainingPipelineOutput;
  try {
    output = await runPipeline(rawInput, stageSeconds);
  } catch (err) {
    // Metrics must not hide the run's own failure.
    await record('failed').catch(() => undefined);
    // Every activity has stopped by now (training siblings are cancelled and awaited): what this run wrote
    // under its prefix belongs to no version. Not cancellable: a cancelled run is cleaned up too.
    if (patched('discard-failed-run-objects')) {
      await CancellationScope.nonCancellable(() => quick.discardRunObjects({})).catch(() => undefined);
    }
    throw err;
  }
  await record(output.outcome);
  return output;
}

async function runPipeline(
  rawInput: Partial<TrainingPipelineInput>,
  stageSeconds: Record<string, number>,
): Promise<TrainingPipelineOutput> {
  const input = resolvePipelineInput(rawInput);
  const trainers = proxyActivities<TrainingActivities>({
    ...training,
    taskQueue: trainingQueueFor(workflowInfo().taskQueue),
  });
  const progress: PipelineProgress = {
    stage: 'starting',
    stagesDone: 0,
    stagesTotal: pipelineStages.length,
    detail: '',
  };
  setHandler(progressQuery, () => progress);

  async function stage<T>(name: PipelineStage, detail: string, run: () => Promise<T>): Promise<T> {
    progress.stage = name;
    progress.detail = detail;
    const started = Date.now(); // workflow time: deterministic on replay
    const result = await run();
    stageSeconds[name] = (Date.now() - started) / 1000;
    progress.stagesDone++;
    return result;
  }

  // One definition of the splits: ingestion refuses data too short for them, features makes them.
  const splits = { horizon: input.horizon, validationFraction: 0.15, holdoutFraction: 0.15 };
  upsertSearchAttributes([{ key: searchAttributes.source, value: input.source.kind }]);
  const dataset = await stage('ingestion', `reading ${input.source.kind} data`, () =>
    data.ingestData({ source: input.source, range: input.range, macro: input.macro, history: splits }),
  );
  upsertSearchAttributes([{ key: searchAttributes.dataHash, value: dataset.dataHash }]);
  upsertMemo({
    source: dataset.sourceLabel,
    dataset: dataset.key,
    rows: dataset.rows,
    from: dataset.firstDate,
    to: dataset.lastDate,
  });

  const features = await stage('features', `indicators and splits on ${dataset.rows} rows`, () =>
    data.buildFeatures({ dataset, riskThreshold: 0.03, features: input.features, ...splits }),
  );

  const { model } = input;
  const forest = {
    engine: model.engine,
    nEstimators: model.nEstimators,
    maxDepth: model.maxDepth,
    minLeafSize: model.minLeafSize,
    seed: model.seed,
    features,
  };
  const trainings = [
    () => trainers.trainRandomForest({ ...forest, role: 'prediction' }),
    () => trainers.trainRandomForest({ ...forest, role: 'risk' }),
    () =>
      trainers.trainCashflowModel({
        features,
        epochs: model.cashflowEpochs,
        hiddenUnits: model.cashflowHiddenUnits,
        seed: model.seed,
      }),
  ] as const;
  const [prediction, risk, cashflow] = await stage(
    'training',
    'random forest, risk classifier and cashflow net in parallel',
    // When one training fails, the others are cancelled rather than left to finish for a failed run.
    () =>
      patched('cancel-training-siblings')
        ? allOrCancel(trainings)
        : Promise.all([trainings[0](), trainings[1](), trainings[2]()]),
  );

  const validation = await stage('validation', 'holdout metrics, champion and gate', () =>
    data.validateModels({
      features,
      prediction,
      risk,
      cashflow,
      modelName: model.name,
      gate: input.gate,
      championAlias: input.alias,
    }),
  );
  const drift = await stage('drift', 'PSI, KS and Wasserstein per feature', () =>
    data.checkDrift({ features, wassersteinThreshold: 0.25, psiThreshold: 0.25 }),
  );

  const finish = (
    outcome: TrainingPipelineOutput['outcome'],
    reasons: string[],
    deployment?: TrainingPipelineOutput['deployment'],
  ) => {
    progress.stage = 'done';
    progress.outcome = outcome;
    progress.detail = reasons.join('; ');
    upsertSearchAttributes([{ key: searchAttributes.outcome, value: outcome }]);
    upsertMemo({ outcome, ...(deployment ? { version: deployment.version } : {}) });
    return {
      outcome,
      reasons,
      dataset,
      features,
      validation,
      drift,
      ...(deployment ? { deployment } : {}),
      stageSeconds,
    };
  };

  if (!validation.passed) return finish('rejected', validation.reasons);
  if (!input.deploy) {
    progress.stagesDone++;
    return finish('validated', ['deployment not requested']);
  }
  const deployment = await stage('deployment', `registering ${model.name} and switching ${input.alias}`, () =>
    quick.deployModel({
      modelName: model.name,
      dataset,
      features,
      artifacts: [prediction, risk, cashflow],
      validation,
      parameters: { ...model, horizon: input.horizon, gate: input.gate },
      details: {
        cashflowBackend: cashflow.summary.backend,
        driftReport: drift.reportKey,
        workflowType: workflowInfo().workflowType,
      },
      alias: input.alias,
    }),
  );
  return finish('deployed', [], deployment);
}
