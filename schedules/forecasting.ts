/**
 * The forecasting domain's monitoring loop, declared once: weekly retraining, a daily drift check, and a
 * market-data refresh every 5 minutes (which also measures realised performance).
 *
 * Overlap: training SKIPs (a week's run still going means the next would train on the same data); the
 * refresh SKIPs (the next tick comes in 5 minutes anyway); the drift check uses BUFFER_ONE, so a check due
 * while another runs (after a manual trigger or a backfill) still runs afterwards and no day goes
 * unchecked, while at most one waits if something is stuck. Catch-up windows say how late a missed action
 * (server down) is still worth taking: a day for training and the drift check, one tick for the refresh.
 */
import { ScheduleOverlapPolicy, type ScheduleOptions } from '@temporalio/client';
import type { ScheduleContext, ScheduleDomain } from '../lib/schedules.js';
import type { DriftMonitorInput, MarketRefreshInput } from '../workflows/monitoring-types.js';
import type { TrainingPipelineInput } from '../workflows/pipeline-types.js';

const ids = {
  weeklyRetraining: 'cashflow-weekly-retraining',
  dailyDriftCheck: 'cashflow-daily-drift-check',
  marketRefresh: 'cashflow-market-refresh',
} as const;

function schedules({ config, taskQueue }: ScheduleContext): ScheduleOptions[] {
  const m = config.monitoring;
  const source = m.marketDataSource;
  const model = { name: config.api.model.name };
  // Retraining deploys to the alias the API serves and the monitors watch.
  const training: Partial<TrainingPipelineInput> = { source, model, alias: config.api.model.alias };
  const retraining = { cooldownHours: m.retrainCooldownHours, input: training };
  const drift: DriftMonitorInput = {
    modelName: model.name,
    alias: config.api.model.alias,
    windowHours: m.driftWindowHours,
    threshold: m.driftThreshold,
    minSamples: m.driftMinSamples,
    retraining,
  };
  const refresh: MarketRefreshInput = {
    source,
    modelName: model.name,
    alias: config.api.model.alias,
    accuracyDropThreshold: m.accuracyDropThreshold,
    minSamples: m.driftMinSamples,
    retraining,
  };
  return [
    {
      scheduleId: ids.weeklyRetraining,
      // Sunday 02:00 UTC: markets are closed and the week's data is complete.
      spec: { calendars: [{ dayOfWeek: 'SUNDAY', hour: 2, minute: 0, comment: 'weekly retraining' }] },
      action: {
        type: 'startWorkflow',
        workflowType: 'trainingPipelineWorkflow',
        workflowId: 'scheduled-training',
        taskQueue,
        args: [training],
      },
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 day' },
      state: { note: 'Weekly retraining on the configured source (MARKET_DATA_SOURCE)' },
    },
    {
      scheduleId: ids.dailyDriftCheck,
      // 06:00 UTC, after the API has served a full day of traffic.
      spec: { calendars: [{ hour: 6, minute: 0, comment: 'daily drift check' }] },
      action: {
        type: 'startWorkflow',
        workflowType: 'driftMonitorWorkflow',
        workflowId: 'scheduled-drift-check',
        taskQueue,
        args: [drift],
      },
      policies: { overlap: ScheduleOverlapPolicy.BUFFER_ONE, catchupWindow: '1 day' },
      state: { note: 'Live inputs of the last DRIFT_WINDOW_HOURS against the training baseline' },
    },
    {
      scheduleId: ids.marketRefresh,
      spec: { intervals: [{ every: '5 minutes' }] },
      action: {
        type: 'startWorkflow',
        workflowType: 'marketRefreshWorkflow',
        workflowId: 'scheduled-market-refresh',
        taskQueue,
        args: [refresh],
      },
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '5 minutes' },
      state: { note: 'Re-ingest market data and measure realised performance' },
    },
  ];
}

export const forecastingSchedules = { ids, schedules } satisfies ScheduleDomain<typeof ids>;
