/**
 * Starting a retraining run from an alarm, once per cool-down: the claim activity decides (and remembers)
 * whether this alarm may start one and under which workflow id; the child then starts with that id and
 * REJECT_DUPLICATE, so a replayed or retried monitor can never start a second run for the same claim. The
 * child is abandoned on completion of the monitor: training outlives the check that asked for it.
 */
import { ParentClosePolicy, WorkflowIdReusePolicy, proxyActivities, startChild } from '@temporalio/workflow';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import type { PipelineActivities } from '../activities/index.js';
import { io } from './activity-profiles.js';
import type { RetrainingReason } from '../activities/retraining-claim.js';
import type { RetrainingOutcome, RetrainingPolicy } from './monitoring-types.js';
import type { trainingPipelineWorkflow } from './training-pipeline.js';

const quick = proxyActivities<PipelineActivities>(io);

export async function startRetraining(
  modelName: string,
  reason: RetrainingReason,
  policy: RetrainingPolicy,
): Promise<RetrainingOutcome> {
  if (policy.input === false) return { reason, status: 'disabled' };
  const claim = await quick.claimRetraining({
    modelName,
    reason,
    cooldownHours: policy.cooldownHours,
    at: new Date().toISOString(), // workflow time: the same on replay
  });
  if (!claim.start) return { reason, status: 'cooling-down', workflowId: claim.workflowId };
  try {
    await startChild<typeof trainingPipelineWorkflow>('trainingPipelineWorkflow', {
      workflowId: claim.workflowId,
      args: [{ ...policy.input, model: { ...policy.input.model, name: modelName } }],
      workflowIdReusePolicy: WorkflowIdReusePolicy.REJECT_DUPLICATE,
      parentClosePolicy: ParentClosePolicy.ABANDON,
    });
  } catch (err) {
    // The claim's run exists already (this monitor run was retried after starting it): nothing more to do.
    if (err instanceof WorkflowExecutionAlreadyStartedError) {
      return { reason, status: 'cooling-down', workflowId: claim.workflowId };
    }
    throw err;
  }
  await quick.recordRetrainingStarted({ reason, workflowId: claim.workflowId });
  return { reason, status: 'started', workflowId: claim.workflowId };
}
