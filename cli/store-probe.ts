/**
 * Starts storeProbeWorkflow and waits for its result.
 *   npm run probe        (against the servers the configuration points at)
 */
import type { Client } from '@temporalio/client';
import { taskQueues, workflowIds } from '../lib/temporal-names.js';
import type { ProbeObjectStoreOutput } from '../activities/store-probe.js';
import type { storeProbeWorkflow } from '../workflows/store-probe.js';

export async function runStoreProbe(
  client: Client,
  note: string,
): Promise<{ workflowId: string; runId: string; result: ProbeObjectStoreOutput }> {
  const handle = await client.workflow.start<typeof storeProbeWorkflow>('storeProbeWorkflow', {
    taskQueue: taskQueues.pipeline,
    workflowId: workflowIds.storeProbe(new Date()),
    args: [{ note }],
    workflowExecutionTimeout: '2 minutes',
  });
  const result = await handle.result();
  return { workflowId: handle.workflowId, runId: handle.firstExecutionRunId, result };
}

async function main(): Promise<void> {
  const { loadConfig } = await import('../lib/config.js');
  const { connectClient } = await import('../lib/temporal.js');
  const client = await connectClient(loadConfig().temporal);
  try {
    const { workflowId, result } = await runStoreProbe(client, 'started from the command line');
    console.log(JSON.stringify({ workflowId, ...result }, null, 2));
  } finally {
    await client.connection.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
