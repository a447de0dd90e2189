/**
 * Replays a recorded history of a complete trainingPipelineWorkflow run (ingestion to deployment, recorded
 * from the real Temporal dev server by the integration test with RECORD_PIPELINE_HISTORY=1) on the current
 * workflow code: a change that makes the code non-deterministic fails here before it breaks running
 * workflows. A second history is a run that failed in training on the code before siblings were cancelled
 * and failed runs cleaned up (unknown engine; the net completed, the other forest was still retrying):
 * those changes are behind patched() markers, so it replays along the old path.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { bundleWorkflowCode, DefaultLogger, Runtime, Worker } from '@temporalio/worker';

type RecordedHistory = { events: { eventType: string }[] };
const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`../../fixtures/${name}`, import.meta.url), 'utf8')) as RecordedHistory;
const history = fixture('training-pipeline-history.json');
const failedHistory = fixture('training-pipeline-failed-history.json');

describe('trainingPipelineWorkflow replay', () => {
  let bundle: Awaited<ReturnType<typeof bundleWorkflowCode>>;
  beforeAll(async () => {
    Runtime.install({ logger: new DefaultLogger('WARN') });
    bundle = await bundleWorkflowCode({
      workflowsPath: fileURLToPath(new URL('../../../workflows/index.ts', import.meta.url)),
      logger: { log() {}, trace() {}, debug() {}, info() {}, warn: console.warn, error: console.error },
    });
  }, 60_000);

  it('replays a recorded run ending in a deployment without a determinism error', async () => {
    const types = history.events.map((e) => e.eventType);
    expect(types[0]).toBe('EVENT_TYPE_WORKFLOW_EXECUTION_STARTED');
    expect(types.at(-1)).toBe('EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED');
    expect(types.filter((t) => t === 'EVENT_TYPE_ACTIVITY_TASK_COMPLETED')).toHaveLength(8);

    await expect(
      Worker.runReplayHistory({ workflowBundle: bundle }, history, 'recorded-pipeline-run'),
    ).resolves.toBeUndefined();
  }, 60_000);

  it('replays a run that failed in training, recorded before the training stage could cancel', async () => {
    const types = failedHistory.events.map((e) => e.eventType);
    expect(types.at(-1)).toBe('EVENT_TYPE_WORKFLOW_EXECUTION_FAILED');
    expect(types).not.toContain('EVENT_TYPE_ACTIVITY_TASK_CANCEL_REQUESTED');

    await expect(
      Worker.runReplayHistory({ workflowBundle: bundle }, failedHistory, 'recorded-failed-run'),
    ).resolves.toBeUndefined();
  }, 60_000);
});
