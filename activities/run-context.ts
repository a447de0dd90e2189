/** Helpers shared by the stage activities: where a run's intermediate artifacts live, and heartbeats. */
import { Context } from '@temporalio/activity';
import { decodeFeatureSet, sliceRows } from '../lib/feature-store.js';
import type { FeatureSet } from '../lib/features.js';
import { heartbeatIntervalMs } from '../lib/heartbeats.js';
import type { ObjectStore } from '../lib/object-store.js';
import type { FeatureSetRef } from './features.js';

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
 * Runs `work` while heart-beating: `beat(details)` reports progress (at most every `intervalMs`), and a
 * timer re-sends the latest details every `intervalMs` even when no progress comes (loading, binning). A
 * cancellation reaches an activity only in a heartbeat's answer, so this is what lets a training whose
 * sibling failed, or whose run is gone, stop within seconds instead of finishing and writing its artifact.
 */
export async function withHeartbeats<T>(
  work: (beat: (details: Record<string, unknown>) => void) => Promise<T>,
  intervalMs = heartbeatIntervalMs,
): Promise<T> {
  const context = Context.current();
  let details: Record<string, unknown> = {};
  let last = 0;
  const send = () => {
    last = Date.now();
    context.heartbeat(details);
  };
  const timer = setInterval(() => {
    if (Date.now() - last >= intervalMs) send();
  }, intervalMs);
  try {
    return await work((next) => {
      details = next;
      if (Date.now() - last >= intervalMs) send();
    });
  } finally {
    clearInterval(timer);
  }
}

/** Throws the cancellation (a CancelledFailure the worker reports as such) if it was requested. */
export function stopIfCancelled(): void {
  Context.current().cancellationSignal.throwIfAborted();
}
