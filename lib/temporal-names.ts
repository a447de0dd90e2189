/**
 * Task queues and workflow ids in one place. Pure (no I/O): imported by workflows, workers and clients.
 */
export const taskQueues = {
  /** Orchestration and the I/O-bound activities. */
  pipeline: 'cashflow-pipeline',
} as const;

/** `2026-11-21T19:05:03.123Z` -> `20261121T190503Z`: sortable, readable in the Temporal UI's list. */
export function compactTimestamp(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
}

export const workflowIds = {
  storeProbe: (at: Date) => `store-probe-${compactTimestamp(at)}`,
};
