/** The activity behind storeProbeWorkflow: write an object, read it back, compare hashes. */
import { ApplicationFailure } from '@temporalio/activity';
import type { ObjectStore } from '../lib/object-store.js';
import { sha256Hex } from '../lib/object-store.js';

export interface ProbeObjectStoreInput {
  key: string;
  note: string;
  workflowId: string;
  runId: string;
}

export interface ProbeObjectStoreOutput {
  bucket: string;
  key: string;
  size: number;
  sha256: string;
  /** True when the bytes read back hash to what was written. */
  verified: boolean;
}

export function createStoreProbeActivities(deps: { store: ObjectStore }) {
  return {
    async probeObjectStore(input: ProbeObjectStoreInput): Promise<ProbeObjectStoreOutput> {
      const body = JSON.stringify({ ...input, writtenAt: new Date().toISOString() }, null, 2);
      const written = await deps.store.put(input.key, body, { 'Content-Type': 'application/json' });
      const readBack = await deps.store.get(input.key);
      const verified = sha256Hex(readBack) === written.sha256;
      if (!verified) {
        // The store returned other bytes than it accepted: retrying would hide a real integrity problem.
        throw ApplicationFailure.nonRetryable(
          `s3://${written.bucket}/${input.key} read back ${readBack.length} bytes that do not match the ${written.size} written`,
          'IntegrityCheckFailed',
        );
      }
      return { bucket: written.bucket, key: input.key, size: written.size, sha256: written.sha256, verified };
    },
  };
}
