/**
 * The market-data refresh (every 5 minutes on its schedule): re-ingests the configured source, which is a
 * cheap no-op when the content has not changed (datasets are keyed by their hash), then joins the logged
 * predictions whose horizon has passed with what happened. A realised MAE worse than the validation MAE by
 * more than the threshold is the accuracy alarm, which starts a retraining run (once per cool-down).
 */
import { proxyActivities } from '@temporalio/workflow';
import type { PipelineActivities } from '../activities/index.js';
import { dataStage } from './activity-profiles.js';
import {
  monitoringDefaults,
  resolveRetraining,
  type MarketRefreshInput,
  type MarketRefreshOutput,
} from './monitoring-types.js';
import { startRetraining } from './retraining.js';

const data = proxyActivities<PipelineActivities>(dataStage);

export async function marketRefreshWorkflow(input: MarketRefreshInput = {}): Promise<MarketRefreshOutput> {
  const modelName = input.modelName ?? monitoringDefaults.modelName;
  const dataset = await data.ingestData({
    source: input.source ?? { kind: 'sample' },
    range: {},
    macro: false,
  });
  const now = Date.now(); // workflow time
  const hours = input.windowHours ?? monitoringDefaults.realisedWindowHours;
  const performance = await data.measureRealisedPerformance({
    modelName,
    alias: input.alias ?? monitoringDefaults.alias,
    dataset,
    window: { from: new Date(now - hours * 3_600_000).toISOString(), to: new Date(now).toISOString() },
    accuracyDropThreshold: input.accuracyDropThreshold ?? monitoringDefaults.accuracyDropThreshold,
    minSamples: input.minSamples ?? monitoringDefaults.minSamples,
  });
  const ref = {
    key: dataset.key,
    dataHash: dataset.dataHash,
    lastDate: dataset.lastDate,
    reused: dataset.reused,
  };
  if (performance.verdict !== 'degraded') return { dataset: ref, performance };
  const retraining = await startRetraining(modelName, 'accuracy', resolveRetraining(input.retraining));
  return { dataset: ref, performance, retraining };
}
