/**
 * Task queues, workflow ids and search attributes in one place. Pure (no I/O): imported by workflows,
 * workers and clients.
 */
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

export const taskQueues = {
  /** Orchestration and the I/O-bound activities. */
  pipeline: 'cashflow-pipeline',
} as const;

/**
 * CPU-heavy model training runs on its own queue next to the pipeline's (`cashflow-pipeline-training`),
 * so training workers scale apart from orchestration. Derived from the workflow's queue, so a run on any
 * queue (a test's, a staging one) finds its own training workers.
 */
export function trainingQueueFor(pipelineQueue: string): string {
  return `${pipelineQueue}-training`;
}

/** Registered on the dev server at start (infra/servers.ts); visible and filterable in the Temporal UI. */
export const searchAttributes = {
  source: defineSearchAttributeKey('CashflowSource', SearchAttributeType.KEYWORD),
  dataHash: defineSearchAttributeKey('CashflowDataHash', SearchAttributeType.KEYWORD),
  outcome: defineSearchAttributeKey('CashflowOutcome', SearchAttributeType.KEYWORD),
};

/** `2026-11-21T19:05:03.123Z` -> `20261121T190503Z`: sortable, readable in the Temporal UI's list. */
export function compactTimestamp(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
}

export const workflowIds = {
  storeProbe: (at: Date) => `store-probe-${compactTimestamp(at)}`,
  /** e.g. `training-sample-20261121T190503Z`: what ran, on which data, when. */
  trainingPipeline: (sourceKind: string, at: Date) => `training-${sourceKind}-${compactTimestamp(at)}`,
};
