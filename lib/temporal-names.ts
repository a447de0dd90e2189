/**
 * Task queues, workflow ids and search attributes in one place. Pure (no I/O): imported by workflows,
 * workers and clients.
 */
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

export const taskQueues = {
  /** Orchestration and the I/O-bound activities. */
  pipeline: 'cashflow-pipeline',
  /** CPU-heavy model training: scale these workers with cores, apart from orchestration. */
  training: 'cashflow-training',
} as const;

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
