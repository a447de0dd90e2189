/**
 * Named timeout and retry profiles for activities, defined once. Workflow-safe: no I/O.
 */
import { ActivityCancellationType, type ActivityOptions } from '@temporalio/workflow';
import { heartbeatTimeoutMs } from '../lib/heartbeats.js';

/** Short calls to the object store or an HTTP API: retried quickly, a minute at most per attempt. */
export const io: ActivityOptions = {
  startToCloseTimeout: '1 minute',
  retry: {
    initialInterval: '1 second',
    backoffCoefficient: 2,
    maximumInterval: '30 seconds',
    maximumAttempts: 5,
  },
};

/**
 * Reading, validating and transforming datasets: minutes for millions of rows. These activities heartbeat
 * between steps that run on the worker's main thread (parsing 2M rows is one such step), so their timeout
 * stays long enough for the longest step.
 */
export const dataStage: ActivityOptions = {
  startToCloseTimeout: '30 minutes',
  heartbeatTimeout: '2 minutes',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumAttempts: 3 },
};

/**
 * Model training, sent to the training task queue (trainingQueueFor). Training heartbeats every second on a
 * timer (lib/heartbeats.ts), so a killed training worker's attempt is retried on another within seconds of
 * the heartbeat timeout; the first retry follows at once.
 */
export const training: ActivityOptions = {
  startToCloseTimeout: '2 hours',
  heartbeatTimeout: heartbeatTimeoutMs,
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumAttempts: 3 },
  cancellationType: ActivityCancellationType.WAIT_CANCELLATION_COMPLETED,
};
