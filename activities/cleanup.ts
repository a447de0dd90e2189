/**
 * What a failed run leaves behind: its intermediate artifacts (`runs/<workflow>/<run>/`: models, drift
 * report) belong to no registered version and nothing will read them, so the workflow discards them once
 * every activity of the run has stopped. Datasets and feature sets are shared by content hash and stay.
 */
import type { ObjectStore } from '../lib/object-store.js';
import { runPrefix } from './run-context.js';

export type DiscardRunObjectsInput = Record<string, never>;

export interface DiscardRunObjectsOutput {
  removed: string[];
}

export function createCleanupActivities(deps: { store: ObjectStore }) {
  return {
    /** Removes every object under this run's prefix; idempotent, so a retry finishes the job. */
    async discardRunObjects(_input: DiscardRunObjectsInput): Promise<DiscardRunObjectsOutput> {
      const keys = await deps.store.list(`${runPrefix()}/`);
      for (const key of keys) await deps.store.remove(key);
      return { removed: keys };
    },
  };
}
