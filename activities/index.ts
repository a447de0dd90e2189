/**
 * All activities, built from their dependencies. Workers call `createActivities`; workflows import only the
 * type of what it returns.
 */
import type { ObjectStore } from '../lib/object-store.js';
import { createStoreProbeActivities } from './store-probe.js';

export interface ActivityDeps {
  store: ObjectStore;
}

export function createActivities(deps: ActivityDeps) {
  return {
    ...createStoreProbeActivities(deps),
  };
}

/** What workflows proxy: `proxyActivities<Activities>(profile)`. */
export type Activities = ReturnType<typeof createActivities>;
