/**
 * Named timeout and retry profiles for activities, defined once. Workflow-safe: no I/O.
 */
import { ActivityCancellationType, type ActivityOptions } from '@temporalio/workflow';

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

/** Reading, validating and transforming datasets: minutes for millions of rows, heart-beating as it goes. */
export const dataStage: ActivityOptions = {
  startToCloseTimeout: '30 minutes',
  heartbeatTimeout: '2 minutes',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumAttempts: 3 },
};

/**
 * Model training, sent to the training task queue (trainingQueueFor). Training heart-beats every second from its progress callback,
 * so a 1-minute heartbeat timeout finds a dead worker quickly without false alarms on a busy machine.
 */
export const training: ActivityOptions = {
  startToCloseTimeout: '2 hours',
  heartbeatTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumAttempts: 3 },
  cancellationType: ActivityCancellationType.WAIT_CANCELLATION_COMPLETED,
};
