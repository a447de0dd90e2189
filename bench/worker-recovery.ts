/**
 * How long a training run takes to recover from a training worker killed mid-training. Real Temporal dev
 * server and MinIO on free ports, the real worker entry files as child processes; a training pipeline run on
 * the bundled sample; once a training activity has heart-beaten, the training worker gets SIGKILL and a new
 * one is started at once (so the numbers are Temporal's detection and retry, not a launcher's restart delay).
 * Measures, from the kill: the first training activity running again on the new worker, and the run's end.
 * Appends one row to bench/results/worker-recovery.md.
 *
 *   npx tsx bench/worker-recovery.ts
 */
import { appendFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { loadConfig } from '../lib/config.js';
import { taskQueues, trainingQueueFor } from '../lib/temporal-names.js';
import { codeVersion } from '../lib/versions.js';
import { activityRunning, pollsTaskQueue, taskQueueKinds, type TaskQueueKind } from '../lib/temporal.js';
import { startProcess, waitUntilReady, type ManagedProcess } from '../infra/processes.js';
import { freePort, startScratchServers } from '../infra/servers.js';
import { training as trainingProfile } from '../workflows/activity-profiles.js';
import type { trainingPipelineWorkflow } from '../workflows/training-pipeline.js';

const root = resolve(import.meta.dirname, '..');
const resultsFile = join(root, 'bench/results/worker-recovery.md');
const config = loadConfig();
const dir = mkdtempSync(join(tmpdir(), 'cashflow-recovery-'));
const logDir = join(dir, 'logs');
const seconds = (ms: number) => (ms / 1000).toFixed(1);
const loadAtStart = loadavg()
  .map((l) => l.toFixed(2))
  .join(' ');

const servers = await startScratchServers(config, logDir);
const env: NodeJS.ProcessEnv = { ...process.env, STATE_DIR: dir, LOG_LEVEL: 'warn', ...servers.env };
for (const key of [
  'PIPELINE_WORKER_METRICS_PORT',
  'PIPELINE_WORKER_SDK_METRICS_PORT',
  'TRAINING_WORKER_METRICS_PORT',
  'TRAINING_WORKER_SDK_METRICS_PORT',
]) {
  env[key] = String(await freePort());
}
const connection = await Connection.connect({ address: env.TEMPORAL_ADDRESS });
const client = new Client({ connection, namespace: config.temporal.namespace });
const workers: ManagedProcess[] = [];

function worker(name: string, entry: string): ManagedProcess {
  const proc = startProcess(name, process.execPath, ['--import', 'tsx', entry], {
    cwd: root,
    env,
    logFile: join(logDir, `${name}-${workers.length}.log`),
  });
  workers.push(proc);
  return proc;
}

/** Ready means this very process polls the queue (a dead one stays listed as a poller for a while). */
async function polling(proc: ManagedProcess, queue: string, kind: TaskQueueKind) {
  await waitUntilReady(
    `${proc.name} on ${queue}`,
    () => pollsTaskQueue(connection, config.temporal.namespace, queue, kind, proc.child.pid ?? -1),
    { process: proc, timeoutMs: 120_000, intervalMs: 250 },
  );
}

const trainingQueue = trainingQueueFor(taskQueues.pipeline);
try {
  const pipelineWorker = worker('worker-pipeline', 'workers/pipeline.ts');
  let trainingWorker = worker('worker-training', 'workers/training.ts');
  await polling(pipelineWorker, taskQueues.pipeline, taskQueueKinds.workflow);
  await polling(trainingWorker, trainingQueue, taskQueueKinds.activity);

  const handle = await client.workflow.start<typeof trainingPipelineWorkflow>('trainingPipelineWorkflow', {
    taskQueue: taskQueues.pipeline,
    workflowId: `recovery-${Date.now()}`,
    args: [{ source: { kind: 'sample' } }],
  });
  const training = () =>
    handle
      .describe()
      .then((d) => (d.raw.pendingActivities ?? []).filter((a) => a.activityType?.name?.startsWith('train')));
  await waitUntilReady(
    'a training activity heart-beating',
    async () => (await training()).some((a) => a.state === activityRunning && a.heartbeatDetails),
    { timeoutMs: 120_000, intervalMs: 100 },
  );
  const killedAt = Date.now();
  trainingWorker.child.kill('SIGKILL');
  await trainingWorker.exited;
  trainingWorker = worker('worker-training', 'workers/training.ts');
  await polling(trainingWorker, trainingQueue, taskQueueKinds.activity);
  const newWorkerPollingAt = Date.now();

  let restartedAt: number | undefined;
  const completed = handle.result();
  while (restartedAt === undefined) {
    const retried = (await training()).some((a) => a.state === activityRunning && (a.attempt ?? 1) > 1);
    if (retried) restartedAt = Date.now();
    else if (await Promise.race([completed.then(() => true), sleep(200).then(() => false)])) break;
  }
  const out = await completed;
  const completedAt = Date.now();
  const row = [
    new Date().toISOString().slice(0, 16),
    codeVersion(),
    typeof trainingProfile.heartbeatTimeout === 'number'
      ? `${trainingProfile.heartbeatTimeout / 1000} seconds`
      : String(trainingProfile.heartbeatTimeout),
    seconds(newWorkerPollingAt - killedAt),
    restartedAt === undefined ? 'not seen' : seconds(restartedAt - killedAt),
    seconds(completedAt - killedAt),
    `${out.outcome} ${out.deployment?.version ?? ''}`.trim(),
  ];
  if (!existsSync(resultsFile)) {
    writeFileSync(
      resultsFile,
      [
        '# Recovery from a training worker killed mid-training',
        '',
        'Command: `npx tsx bench/worker-recovery.ts` (one row per run, appended).',
        `Machine: ${cpus().length} × ${cpus()[0]?.model.trim()}, ${Math.round(totalmem() / 2 ** 30)} GiB memory, Node ${process.versions.node}.`,
        '',
        'A training pipeline run on the bundled sample (default parameters); once a training activity has',
        'heart-beaten, the training worker gets SIGKILL and a new one starts at once. Times are seconds from',
        'the kill: the new worker polling, the first training activity running again on it (attempt 2), and',
        'the run completing.',
        '',
        '| date (UTC) | code | training heartbeat timeout | new worker polling s | activity restarted s | run completed s | outcome | load when started |',
        '| --- | --- | --- | ---: | ---: | ---: | --- | --- |',
        '',
      ].join('\n'),
    );
  }
  appendFileSync(resultsFile, `| ${row.join(' | ')} | ${loadAtStart} |\n`);
  console.log(
    `killed the training worker; new worker polling after ${row[3]} s, activity restarted after ${row[4]} s, run completed after ${row[5]} s (${row[6]})`,
  );
} finally {
  await connection.close();
  for (const proc of workers.reverse()) await proc.stop();
  await servers.stop();
  rmSync(dir, { recursive: true, force: true });
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
