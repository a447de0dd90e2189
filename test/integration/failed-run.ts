/**
 * Runs a training pipeline that is expected to fail, on real workers, and returns what a test needs to
 * check the failure chain: the ApplicationFailure at its root, the activity it came from, and the run's
 * history (attempts, cancellations).
 */
import { randomUUID } from 'node:crypto';
import type { ActivityFailure, ApplicationFailure } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import type { ActivityDeps } from '../../activities/index.js';
import type { TrainingPipelineInput } from '../../workflows/pipeline-types.js';
import type { trainingPipelineWorkflow } from '../../workflows/training-pipeline.js';
import { activityFailureChain } from './failure-chain.js';
import { integrationConfig, withWorker } from './harness.js';

type Event = temporal.api.history.v1.IHistoryEvent;

export interface FailedRun {
  workflowId: string;
  runId: string;
  activity: ActivityFailure;
  cause: ApplicationFailure;
  events: Event[];
}

export async function runToFailure(
  deps: ActivityDeps,
  input: Partial<TrainingPipelineInput>,
  replace: Parameters<typeof withWorker>[3] = {},
): Promise<FailedRun> {
  return withWorker(
    deps,
    async ({ taskQueue, client }) => {
      const handle = await client.workflow.start<typeof trainingPipelineWorkflow>(
        'trainingPipelineWorkflow',
        {
          taskQueue,
          workflowId: `failing-${randomUUID()}`,
          args: [input],
        },
      );
      const failure = await handle.result().then(
        () => undefined,
        (err: unknown) => err,
      );
      const { activity, cause } = activityFailureChain(failure);
      const history = await handle.fetchHistory();
      return {
        workflowId: handle.workflowId,
        runId: handle.firstExecutionRunId,
        activity,
        cause,
        events: history.events ?? [],
      };
    },
    integrationConfig(),
    replace,
  );
}

/** The attempts each scheduling of `activityType` was started with (one entry per scheduled activity). */
export function attemptsOf(events: Event[], activityType: string): number[] {
  const scheduled = new Set(
    events
      .filter((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === activityType)
      .map((e) => Number(e.eventId)),
  );
  return events
    .filter((e) => e.activityTaskStartedEventAttributes && scheduled.has(scheduledEventOf(e)!))
    .map((e) => e.activityTaskStartedEventAttributes!.attempt ?? 0);
}

/** The event's scheduling, for the events about one activity (started, completed, cancelled, ...). */
function scheduledEventOf(e: Event): number | undefined {
  const attributes =
    e.activityTaskStartedEventAttributes ??
    e.activityTaskCompletedEventAttributes ??
    e.activityTaskFailedEventAttributes ??
    e.activityTaskTimedOutEventAttributes ??
    e.activityTaskCancelRequestedEventAttributes ??
    e.activityTaskCanceledEventAttributes;
  return attributes ? Number(attributes.scheduledEventId) : undefined;
}

/** Names of the history's events (EVENT_TYPE_ dropped) about each scheduling of `activityType`, in order. */
export function activityEvents(events: Event[], activityType: string): string[][] {
  const scheduled = events
    .filter((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === activityType)
    .map((e) => Number(e.eventId));
  return scheduled.map((id) => [
    'ACTIVITY_TASK_SCHEDULED',
    ...events.filter((e) => scheduledEventOf(e) === id).map(eventName),
  ]);
}

export function eventName(e: Event): string {
  return String(temporal.api.enums.v1.EventType[e.eventType ?? 0]).replace(/^EVENT_TYPE_/, '');
}
