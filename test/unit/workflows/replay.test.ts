/**
 * Replays a recorded history of a complete trainingPipelineWorkflow run (ingestion to deployment, recorded
 * from the real Temporal dev server by the integration test with RECORD_PIPELINE_HISTORY=1) on the current
 * workflow code: a change that makes the code non-deterministic fails here before it breaks running
 * workflows.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bundleWorkflowCode, DefaultLogger, Runtime, Worker } from '@temporalio/worker';

const history = JSON.parse(
  readFileSync(new URL('../../fixtures/training-pipeline-history.json', import.meta.url), 'utf8'),
) as {
  events: { eventType: string }[];
};

describe('trainingPipelineWorkflow replay', () => {
  it('replays a recorded run ending in a deployment without a determinism error', async () => {
    const types = history.events.map((e) => e.eventType);
    expect(types[0]).toBe('EVENT_TYPE_WORKFLOW_EXECUTION_STARTED');
    expect(types.at(-1)).toBe('EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED');
    expect(types.filter((t) => t === 'EVENT_TYPE_ACTIVITY_TASK_COMPLETED')).toHaveLength(8);

    Runtime.install({ logger: new DefaultLogger('WARN') });
    const bundle = await bundleWorkflowCode({
      workflowsPath: fileURLToPath(new URL('../../../workflows/index.ts', import.meta.url)),
      logger: { log() {}, trace() {}, debug() {}, info() {}, warn: console.warn, error: console.error },
    });
    await expect(
      Worker.runReplayHistory({ workflowBundle: bundle }, history, 'recorded-pipeline-run'),
    ).resolves.toBeUndefined();
  }, 60_000);
});
