/**
 * A round trip through the whole stack: the workflow asks the worker to write an object to the store and
 * read it back. The stack launcher runs it after start-up, so a green launch means Temporal, the worker
 * and the object store really work together.
 */
import { proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { PipelineActivities } from '../activities/index.js';
import type { ProbeObjectStoreOutput } from '../activities/store-probe.js';
import { io } from './activity-profiles.js';

const { probeObjectStore } = proxyActivities<PipelineActivities>(io);

export interface StoreProbeInput {
  /** Free text stored in the probe object, e.g. who started the probe. */
  note: string;
}

export async function storeProbeWorkflow(input: StoreProbeInput): Promise<ProbeObjectStoreOutput> {
  const { workflowId, runId } = workflowInfo();
  return probeObjectStore({ key: `probes/${workflowId}.json`, note: input.note, workflowId, runId });
}
