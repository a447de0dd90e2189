import { describe, expect, it } from 'vitest';
import { expectActivityFailure } from './failure-chain.js';
import { activityDeps, freshStore, withWorker } from './harness.js';
import type { storeProbeWorkflow } from '../../workflows/store-probe.js';

describe('storeProbeWorkflow on the real Temporal and MinIO', () => {
  it('writes an object through the worker and reads the same bytes back', async () => {
    const store = await freshStore();
    const { workflowId, result } = await withWorker(activityDeps(store), async ({ taskQueue, client }) => {
      const workflowId = `store-probe-test-${Date.now()}`;
      const result = await client.workflow.execute<typeof storeProbeWorkflow>('storeProbeWorkflow', {
        taskQueue,
        workflowId,
        args: [{ note: 'integration test' }],
      });
      return { workflowId, result };
    });

    expect(result).toMatchObject({ bucket: store.bucket, key: `probes/${workflowId}.json`, verified: true });
    const stored = JSON.parse((await store.get(result.key)).toString()) as Record<string, string>;
    expect(stored.workflowId).toBe(workflowId);
    expect(stored.note).toBe('integration test');
    expect(result.size).toBe((await store.get(result.key)).length);
  });

  it('fails without retrying when the store returns other bytes than it accepted', async () => {
    const real = await freshStore();
    const corrupting = {
      ...real,
      get: async (key: string) => Buffer.concat([await real.get(key), Buffer.from('!')]),
    };
    const failure = await withWorker(activityDeps(corrupting), async ({ taskQueue, client }) =>
      client.workflow
        .execute<typeof storeProbeWorkflow>('storeProbeWorkflow', {
          taskQueue,
          workflowId: `store-probe-corrupt-${Date.now()}`,
          args: [{ note: 'corrupted read' }],
        })
        .then(
          () => undefined,
          (err: unknown) => err,
        ),
    );

    expectActivityFailure(failure, {
      type: 'IntegrityCheckFailed',
      nonRetryable: true,
      message: /do not match/,
    });
  });
});
