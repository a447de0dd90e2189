/**
 * The drift monitor: compares the API's logged live inputs of a window with the served model's training
 * baseline, stores the report, publishes the drift metrics, and on drift starts one retraining run per
 * cool-down (workflows/retraining.ts). The daily schedule runs it; it can be started by hand too.
 */
import { proxyActivities } from '@temporalio/workflow';
import type { PipelineActivities } from '../activities/index.js';
import { dataStage } from './activity-profiles.js';
import {
  monitoringDefaults,
  resolveRetraining,
  type DriftMonitorInput,
  type DriftMonitorOutput,
} from './monitoring-types.js';
import { startRetraining } from './retraining.js';

const data = proxyActivities<PipelineActivities>(dataStage);

export async function driftMonitorWorkflow(input: DriftMonitorInput = {}): Promise<DriftMonitorOutput> {
  const modelName = input.modelName ?? monitoringDefaults.modelName;
  const hours = input.windowHours ?? monitoringDefaults.driftWindowHours;
  const now = Date.now(); // workflow time: the run's start, the same on replay
  const window = input.window ?? {
    from: new Date(now - hours * 3_600_000).toISOString(),
    to: new Date(now).toISOString(),
  };
  const drift = await data.checkLiveDrift({
    modelName,
    alias: input.alias ?? monitoringDefaults.alias,
    window,
    threshold: input.threshold ?? monitoringDefaults.threshold,
    minSamples: input.minSamples ?? monitoringDefaults.minSamples,
  });
  if (drift.verdict !== 'drift') return { drift };
  const retraining = await startRetraining(modelName, 'drift', resolveRetraining(input.retraining));
  return { drift, retraining };
}
