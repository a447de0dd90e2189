/**
 * Starts a training pipeline run and follows it with a progress display until it ends.
 *
 *   npm run train                                   # the bundled S&P 500 sample, deploy when the gate passes
 *   npm run train -- --input '{"source":{"kind":"synthetic","rows":100000,"symbols":20,"seed":1}}'
 *   npm run train -- --no-deploy --detach           # start and return; follow in the Temporal UI
 */
import { parseArgs } from 'node:util';
import type { Client, WorkflowHandle } from '@temporalio/client';
import { loadConfig } from '../lib/config.js';
import { connectClient } from '../lib/temporal.js';
import { taskQueues, workflowIds } from '../lib/temporal-names.js';
import type { TrainingPipelineInput, TrainingPipelineOutput } from '../workflows/pipeline-types.js';
import { progressQuery, type trainingPipelineWorkflow } from '../workflows/training-pipeline.js';

export async function startTrainingRun(client: Client, input: Partial<TrainingPipelineInput>) {
  const kind = input.source?.kind ?? 'sample';
  return client.workflow.start<typeof trainingPipelineWorkflow>('trainingPipelineWorkflow', {
    taskQueue: taskQueues.pipeline,
    workflowId: workflowIds.trainingPipeline(kind, new Date()),
    args: [input],
  });
}

/** Prints the stage, and the running activities' latest heartbeat, whenever they change. */
export async function followRun(
  handle: WorkflowHandle<typeof trainingPipelineWorkflow>,
  print: (line: string) => void = console.log,
): Promise<TrainingPipelineOutput> {
  const result = handle.result();
  let done = false;
  void result.finally(() => (done = true)).catch(() => undefined);
  let last = '';
  while (!done) {
    try {
      const progress = await handle.query(progressQuery);
      const description = await handle.describe();
      const beats = (description.raw.pendingActivities ?? [])
        .map((a) => {
          const details = a.heartbeatDetails?.payloads?.[0]?.data;
          return details ? Buffer.from(details).toString('utf8') : a.activityType?.name;
        })
        .filter(Boolean);
      const line = `[${progress.stagesDone}/${progress.stagesTotal}] ${progress.stage}: ${progress.detail}${beats.length ? ` | ${beats.join(' | ')}` : ''}`;
      if (line !== last) print(line);
      last = line;
    } catch {
      // the first workflow task may not have run yet: the query has no handler until it does
    }
    await Promise.race([result.catch(() => undefined), new Promise((r) => setTimeout(r, 1000))]);
  }
  return result;
}

export function summarise(out: TrainingPipelineOutput): string {
  const m = out.validation.metrics;
  const lines = [
    `outcome: ${out.outcome}${out.reasons.length ? ` (${out.reasons.join('; ')})` : ''}`,
    `data: ${out.dataset.sourceLabel}, ${out.dataset.rows} rows ${out.dataset.firstDate}..${out.dataset.lastDate}, hash ${out.dataset.dataHash.slice(0, 12)}${out.dataset.reused ? ' (already stored)' : ''}`,
    `holdout: MAE ${m.mae?.toFixed(3)}, RMSE ${m.rmse?.toFixed(3)}, R2 ${m.r2?.toFixed(3)}, direction ${m.directionalAccuracy?.toFixed(3)}, MASE ${m.mase?.toFixed(3)}, P10-P90 coverage ${m.intervalCoverage?.toFixed(3)}`,
    `drift: ${out.drift.driftedFeatures.length}/${out.drift.featuresChecked} features over threshold${out.drift.driftedFeatures.length ? ` (${out.drift.driftedFeatures.join(', ')})` : ''}`,
    `stages (s): ${Object.entries(out.stageSeconds)
      .map(([k, v]) => `${k} ${v.toFixed(1)}`)
      .join(', ')}`,
  ];
  if (out.validation.champion) lines.push(`champion: ${out.validation.champion.version}`);
  if (out.deployment) {
    const { name, version, alias, reused } = out.deployment;
    const kept = reused
      ? ` (reused: ${alias} already serves this data, parameters and code version; nothing new registered)`
      : '';
    lines.push(`model: ${name} ${version}${alias ? ` -> ${alias}` : ''}${kept}`);
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      input: { type: 'string' },
      'no-deploy': { type: 'boolean', default: false },
      detach: { type: 'boolean', default: false },
    },
  });
  const input = (values.input ? JSON.parse(values.input) : {}) as Partial<TrainingPipelineInput>;
  if (values['no-deploy']) input.deploy = false;
  const config = loadConfig();
  const client = await connectClient(config.temporal);
  try {
    const handle = await startTrainingRun(client, input);
    console.log(`started ${handle.workflowId} on ${config.temporal.address}`);
    if (values.detach) return;
    const out = await followRun(handle);
    console.log(summarise(out));
  } finally {
    await client.connection.close();
  }
}

/** "workflow failed: activity ingestData failed: InvalidDataset: ... lacks the column(s) close": the whole chain. */
export function describeFailure(err: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = err; e instanceof Error; e = e.cause) {
    const type = (e as { type?: string }).type;
    parts.push(type ? `${type}: ${e.message}` : e.message);
  }
  return parts.join(' <- ') || String(err);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((err: unknown) => {
    console.error(`training run failed: ${describeFailure(err)}`);
    process.exit(1);
  });
}
