/**
 * Named timeout and retry profiles for activities, defined once. Workflow-safe: no I/O.
 */
import type { ActivityOptions } from '@temporalio/workflow';

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
