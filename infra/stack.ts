/**
 * The local stack: Temporal dev server (SQLite under STATE_DIR, web UI, server metrics), MinIO (data under
 * STATE_DIR, console), the pipeline and training workers (each with its metrics endpoints), the API and
 * Prometheus scraping all of them. Each is waited on until it really answers; then the monitoring
 * schedules are applied, the store probe runs through all of them, the training pipeline trains and
 * deploys a model on the bundled S&P 500 data, and the URLs are printed. Ctrl-C or SIGTERM stops everything in reverse order;
 * restarting keeps workflow history, buckets and models.
 *
 *   npm start                                  # install what is missing, then this
 *   npm run stack -- --once                    # the same, then stop (a smoke test of the whole stack)
 *   npm run stack -- --once --no-training      # start, run the probe only, stop
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Connection } from '@temporalio/client';
import { describeConfig, loadConfig } from '../lib/config.js';
import { createObjectStore } from '../lib/object-store.js';
import { connectClient, temporalNamespaceReady } from '../lib/temporal.js';
import { taskQueues, trainingQueueFor } from '../lib/temporal-names.js';
import { applySchedules, scheduleDefinitions } from '../lib/schedules.js';
import { runStoreProbe } from '../cli/store-probe.js';
import { followRun, startTrainingRun, summarise } from '../cli/train.js';
import { startProcess, tailOf, waitUntilReady, type ManagedProcess } from './processes.js';
import { showPrediction } from './stack-api.js';
import { startMinio, startTemporalDevServer } from './servers.js';
import { countTargets, scrapedTargets, stackTargets, startPrometheusFor } from './stack-monitoring.js';
import { resolveTool } from './tools.js';

const root = resolve(import.meta.dirname, '..');
const started = Date.now();
const say = (msg: string) => console.log(`[stack ${((Date.now() - started) / 1000).toFixed(1)}s] ${msg}`);

if (process.argv.includes('--help')) {
  console.log(`Usage: npm run stack [-- --once] [--no-training]\n\nEnvironment:\n${describeConfig()}`);
  process.exit(0);
}
const once = process.argv.includes('--once');
// The stack test starts and stops the stack twice; training is tested on its own.
const skipTraining = process.argv.includes('--no-training');
const config = loadConfig();
const logDir = join(config.stateDir, 'logs');
mkdirSync(logDir, { recursive: true });

const processes: ManagedProcess[] = [];
let stopping = false;

async function stopAll(reason: string, exitCode: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    say(`stopping (${reason})`);
    for (const proc of [...processes].reverse()) {
      await proc.stop();
      say(`  ${proc.name} stopped`);
    }
  }
  process.exit(exitCode);
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => void stopAll(signal, 0));
}

/** A child that dies while the stack runs takes the stack down with it: a half stack only confuses. */
function supervise(proc: ManagedProcess): ManagedProcess {
  processes.push(proc);
  void proc.exited.then(({ code, signal }) => {
    if (stopping) return;
    console.error(
      `${proc.name} exited unexpectedly (${signal ?? `exit code ${code}`}). End of ${proc.logFile}:`,
    );
    console.error(tailOf(proc.logFile));
    void stopAll(`${proc.name} exited`, 1);
  });
  return proc;
}

function nodeProcess(name: string, entry: string, env: NodeJS.ProcessEnv = {}): ManagedProcess {
  return startProcess(name, process.execPath, ['--import', 'tsx', entry], {
    cwd: root,
    logFile: join(logDir, `${name}.log`),
    env: {
      ...process.env,
      TEMPORAL_ADDRESS: config.temporal.address,
      S3_ENDPOINT: config.s3.endpoint,
      ...env,
    },
  });
}

/** The local API's bearer token: the configured ones, else one made once and kept in STATE_DIR. */
function localApiToken(): { token: string; env: NodeJS.ProcessEnv } {
  if (config.api.tokens.length > 0) return { token: config.api.tokens[0]!, env: {} };
  const file = config.api.tokensFile ?? join(config.stateDir, 'api-tokens.txt');
  if (!existsSync(file)) {
    writeFileSync(
      file,
      `# bearer tokens of the local API, one per line\n${randomBytes(24).toString('base64url')}\n`,
      { mode: 0o600 },
    );
  }
  const token = readFileSync(file, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l && !l.startsWith('#'));
  if (!token) throw new Error(`${file} holds no token: add one line with a token, or set API_TOKENS`);
  return { token, env: { API_TOKENS_FILE: file } };
}

async function main(): Promise<void> {
  say(`state in ${config.stateDir}, logs in ${logDir}`);
  if (config.temporal.external) {
    say(`Temporal: using ${config.temporal.address} (TEMPORAL_ADDRESS)`);
    await temporalNamespaceReady(config.temporal, 5000);
  } else {
    say(`Temporal dev server: starting on ${config.temporal.address} ...`);
    const proc = await startTemporalDevServer({
      bin: resolveTool(config, 'temporal'),
      port: config.temporal.port,
      uiPort: config.temporal.uiPort,
      dbFile: join(config.stateDir, 'temporal.sqlite'),
      namespace: config.temporal.namespace,
      logDir,
      metricsPort: config.monitoring.temporalMetricsPort,
    });
    supervise(proc);
    say('Temporal dev server: ready');
  }

  if (config.s3.external) {
    say(`object store: using ${config.s3.endpoint} (S3_ENDPOINT)`);
  } else {
    say(`MinIO: starting on ${config.s3.endpoint} ...`);
    const proc = await startMinio({
      bin: resolveTool(config, 'minio'),
      port: config.s3.port,
      consolePort: config.s3.consolePort,
      dataDir: join(config.stateDir, 'minio'),
      accessKey: config.s3.accessKey,
      secretKey: config.s3.secretKey,
      logDir,
    });
    supervise(proc);
    say('MinIO: ready');
  }
  const store = createObjectStore(config.s3);
  await store.ensureBucket();

  say('workers: starting (the pipeline worker bundles the workflow code) ...');
  const workers = [
    {
      proc: supervise(nodeProcess('worker-pipeline', 'workers/pipeline.ts')),
      queue: taskQueues.pipeline,
      type: 1,
    },
    {
      proc: supervise(nodeProcess('worker-training', 'workers/training.ts')),
      queue: trainingQueueFor(taskQueues.pipeline),
      type: 2,
    },
  ];
  const connection = await Connection.connect({ address: config.temporal.address });
  try {
    // Ready means polling: the task queue lists the worker as a poller (type 1 workflow, 2 activity tasks).
    for (const { proc, queue, type } of workers) {
      await waitUntilReady(
        `${proc.name} on ${queue}`,
        async () => {
          const res = await connection.workflowService.describeTaskQueue({
            namespace: config.temporal.namespace,
            taskQueue: { name: queue },
            taskQueueType: type,
          });
          return (res.pollers ?? []).length > 0;
        },
        { process: proc, timeoutMs: 120_000, intervalMs: 500 },
      );
      say(`${proc.name}: polling ${queue}`);
    }
  } finally {
    await connection.close();
  }

  const apiUrl = `http://${config.api.host}:${config.api.port}`;
  say(`API: starting on ${apiUrl} ...`);
  const { token, env: tokenEnv } = localApiToken();
  // Poll the production alias every 2 s locally, so a model the pipeline deploys is served at once.
  const api = supervise(nodeProcess('api', 'api/server.ts', { MODEL_POLL_SECONDS: '2', ...tokenEnv }));
  await waitUntilReady('API', async () => (await fetch(`${apiUrl}/health`)).ok, {
    process: api,
    timeoutMs: 60_000,
  });
  say('API: ready');

  say(`Prometheus: starting on port ${config.monitoring.prometheusPort} ...`);
  const targets = stackTargets(config);
  const prometheus = await startPrometheusFor(config, targets, {
    stateDir: config.stateDir,
    logDir,
    port: config.monitoring.prometheusPort,
    scrapeInterval: '5s',
    evaluationInterval: '5s',
  });
  supervise(prometheus.proc);
  const health = await scrapedTargets(prometheus.url, countTargets(targets));
  const down = health.filter((t) => t.health !== 'up');
  say(`Prometheus: ready, ${health.length - down.length} of ${health.length} targets up`);
  for (const t of down) say(`  DOWN ${t.job} ${t.instance}: ${t.lastError}`);

  const client = await connectClient(config.temporal);
  let probeId: string;
  let trainingId: string | undefined;
  let deployed: string | undefined;
  try {
    for (const r of await applySchedules(client, scheduleDefinitions(config, taskQueues.pipeline))) {
      say(`schedule ${r.scheduleId}: ${r.result}`);
    }
    const probe = await runStoreProbe(client, 'stack start-up check');
    probeId = probe.workflowId;
    say(
      `store probe: ${probe.workflowId} completed, wrote s3://${probe.result.bucket}/${probe.result.key} (${probe.result.size} bytes, verified=${probe.result.verified})`,
    );
    if (!skipTraining) {
      const handle = await startTrainingRun(client, { source: { kind: 'sample' } });
      trainingId = handle.workflowId;
      say(`training: ${handle.workflowId} on the bundled S&P 500 data`);
      const out = await followRun(handle, (line) => say(`  ${line}`));
      for (const line of summarise(out).split('\n')) say(`  ${line}`);
      deployed = out.deployment?.version;
    }
  } finally {
    await client.connection.close();
  }
  const apiHealth = (await (await fetch(`${apiUrl}/health`)).json()) as {
    status: string;
    dependencies: { objectStore: { reachable: boolean }; temporal: { reachable: boolean } };
  };
  say(
    `API health: ${apiHealth.status} (object store reachable=${apiHealth.dependencies.objectStore.reachable}, temporal reachable=${apiHealth.dependencies.temporal.reachable})`,
  );

  if (deployed) await showPrediction(apiUrl, token, deployed, say);

  const ns = encodeURIComponent(config.temporal.namespace);
  console.log('');
  console.log('The stack is up:');
  if (!config.temporal.external) {
    console.log(`  Temporal UI     http://127.0.0.1:${config.temporal.uiPort}/namespaces/${ns}/workflows`);
    console.log(
      `  probe run       http://127.0.0.1:${config.temporal.uiPort}/namespaces/${ns}/workflows/${probeId}`,
    );
    if (trainingId) {
      console.log(
        `  training run    http://127.0.0.1:${config.temporal.uiPort}/namespaces/${ns}/workflows/${trainingId}`,
      );
    }
  }
  console.log(`  Temporal gRPC   ${config.temporal.address}`);
  if (!config.s3.external) {
    console.log(
      `  MinIO console   http://127.0.0.1:${config.s3.consolePort}/browser/${config.s3.bucket}  (user ${config.s3.accessKey})`,
    );
  }
  console.log(`  S3 API          ${config.s3.endpoint}  bucket ${config.s3.bucket}`);
  console.log(`  API health      ${apiUrl}/health`);
  console.log(`  API docs        ${apiUrl}/docs`);
  console.log(`  API token       ${token}  (Authorization: Bearer ...)`);
  console.log(`  Prometheus      ${prometheus.url}/targets  (alerts: ${prometheus.url}/alerts)`);
  console.log(`  schedules       http://127.0.0.1:${config.temporal.uiPort}/namespaces/${ns}/schedules`);
  console.log('');
  if (once) await stopAll('--once', 0);
  say('press Ctrl-C to stop');
}

main().catch((err: unknown) => {
  console.error(`[stack] FAILED: ${err instanceof Error ? err.message : String(err)}`);
  void stopAll('start-up failed', 1);
});
