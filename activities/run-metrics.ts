/**
 * The metrics of what the workflows decided: workflow code cannot touch a metrics registry, so the
 * pipeline and the monitors report through these activities.
 */
import type { WorkerMetrics } from '../lib/worker-metrics.js';
import type { RetrainingReason } from './retraining-claim.js';

export function createRunMetricActivities(deps: { metrics: WorkerMetrics }) {
  const { metrics } = deps;
  return {
    async recordRetrainingStarted(input: { reason: RetrainingReason; workflowId: string }): Promise<void> {
      metrics.retrainingTriggered.inc({ reason: input.reason });
    },

    async recordPipelineRun(input: {
      /** The run's outcome, or `failed`. */
      outcome: string;
      stageSeconds: Record<string, number>;
    }): Promise<void> {
      metrics.pipelineRuns.inc({ outcome: input.outcome });
      for (const [stage, seconds] of Object.entries(input.stageSeconds)) {
        metrics.stageDuration.observe({ stage }, seconds);
      }
    },
  };
}
