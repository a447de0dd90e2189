/**
 * A workflow run that failed in an activity, checked link by link as the Temporal SDK's own tests do:
 * WorkflowFailedError -> ActivityFailure (which activity) -> ApplicationFailure (type, retryability,
 * message). Tests state what they expect of the chain instead of casting each cause by hand.
 */
import { expect } from 'vitest';
import { WorkflowFailedError } from '@temporalio/client';
import { ActivityFailure, ApplicationFailure } from '@temporalio/common';

export interface ActivityFailureChain {
  workflow: WorkflowFailedError;
  activity: ActivityFailure;
  cause: ApplicationFailure;
}

/** Asserts the three links and returns them, typed. */
export function activityFailureChain(err: unknown): ActivityFailureChain {
  expect(err).toBeInstanceOf(WorkflowFailedError);
  const workflow = err as WorkflowFailedError;
  expect(workflow.cause).toBeInstanceOf(ActivityFailure);
  const activity = workflow.cause as ActivityFailure;
  expect(activity.cause).toBeInstanceOf(ApplicationFailure);
  return { workflow, activity, cause: activity.cause as ApplicationFailure };
}

export interface ExpectedActivityFailure {
  /** The activity that failed, when the test cares which. */
  activityType?: string;
  /** The ApplicationFailure's type, e.g. `InvalidDataset`. */
  type: string;
  nonRetryable: boolean;
  message?: RegExp;
}

/** Asserts the whole chain and what its root says. */
export function expectActivityFailure(err: unknown, expected: ExpectedActivityFailure): ActivityFailureChain {
  const chain = activityFailureChain(err);
  if (expected.activityType !== undefined) expect(chain.activity.activityType).toBe(expected.activityType);
  expect(chain.cause.type).toBe(expected.type);
  expect(chain.cause.nonRetryable).toBe(expected.nonRetryable);
  if (expected.message) expect(chain.cause.message).toMatch(expected.message);
  return chain;
}
