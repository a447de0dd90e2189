/** Helpers shared by the stage activities: where a run's intermediate artifacts live, and heartbeats. */
import { Context } from '@temporalio/activity';
import { decodeFeatureSet, sliceRows } from '../lib/feature-store.js';
import type { FeatureSet } from '../lib/features.js';
import { heartbeatIntervalMs } from '../lib/heartbeats.js';
import type { ObjectStore } from '../lib/object-store.js';
import type { FeatureSetRef } from '../workflows/pipeline-types.js';

/** The workflow run this activity works for (pipeline activities are always started by a workflow). */
export function runIdentity(): { workflowId: string; runId: string } {
  const execution = Context.current().info.workflowExecution;
  if (!execution) throw new Error('this activity must be started by a workflow');
  return { workflowId: execution.workflowId, runId: execution.runId };
}

/** Prefix for the objects one workflow run produces before deployment. */
export function runPrefix(): string {
  const { workflowId, runId } = runIdentity();
  return `runs/${workflowId}/${runId}`;
}

export async function loadFeatureSet(store: ObjectStore, ref: FeatureSetRef): Promise<FeatureSet> {
  return decodeFeatureSet(await store.get(ref.key));
}

export function splitOf(
  set: FeatureSet,
  ref: FeatureSetRef,
  split: 'train' | 'validation' | 'holdout',
): FeatureSet {
  const [start, end] = ref.splits[split];
  return sliceRows(set, start, end);
}

/** Heartbeats at most every `intervalMs`, so a fast progress callback does not flood the server. */
export function throttledHeartbeat(intervalMs = 1000): (details: Record<string, unknown>) => void {
  let last = 0;
  return (details) => {
    const now = Date.now();
    if (now - last >= intervalMs) {
      last = now;
      Context.current().heartbeat(details);
    }
  };
}

/**
 * Runs `work` while heart-beating every interval with the latest progress it reports, whether progress moved
 * or not: the heartbeat says the worker is alive, and one slow tree or epoch must not read as a dead worker.
 * For work that leaves this thread free (training runs on worker threads).
 */
export async function whileHeartbeating<T>(
  first: Record<string, unknown>,
  work: (progress: (details: Record<string, unknown>) => void) => Promise<T>,
): Promise<T> {
  const context = Context.current();
  let latest = first;
  context.heartbeat(latest);
  const timer = setInterval(() => context.heartbeat(latest), heartbeatIntervalMs);
  try {
    return await work((details) => (latest = details));
  } finally {
    clearInterval(timer);
  }
}
