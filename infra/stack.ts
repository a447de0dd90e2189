/**
 * The local stack: Temporal dev server (SQLite under STATE_DIR, web UI, server metrics), MinIO (data under
 * STATE_DIR, console), the pipeline and training workers (each with its metrics endpoints), the API and
 * Prometheus scraping all of them. Each is waited on until it really answers (and is the process just
 * started); then the monitoring schedules are applied, the store probe runs through all of them, the training
 * pipeline trains and deploys a model on the bundled S&P 500 data, and the URLs are printed.
 *
 * While it runs it supervises: a child that dies is restarted with a growing pause while the others keep
 * serving (infra/supervisor.ts); a child that keeps dying stops the stack with the reason. Ctrl-C or SIGTERM
 * stops everything, workers given their drain time (WORKER_DRAIN_SECONDS); a second Ctrl-C kills at once.
 * What an earlier launcher killed with SIGKILL left running is stopped at the next start (run-state.ts).
 * Restarting keeps workflow history, buckets and models.
 *
 *   npm start                                  # install what is missing, then this
 *   npm run stack -- --once                    # the same, then stop (a smoke test of the whole stack)
 *   npm run stack -- --once --no-training      # start, run the probe only, stop
 *   npm run stack -- --train-input '{"model":{"nEstimators":20}}'   # train the sample with other options
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { describeConfig, loadConfig, type Config } from '../lib/config.js';
import { createObjectStore } from '../lib/object-store.js';
import { connectClient, temporalNamespaceReady } from '../lib/temporal.js';
import { taskQueues } from '../lib/temporal-names.js';
import { applySchedules } from '../lib/schedules.js';
import { allSchedules } from '../schedules/index.js';
import { parseTokenFile } from '../lib/token-set.js';
import { runStoreProbe } from '../cli/store-probe.js';
import { followRun, startTrainingRun, summarise } from '../cli/train.js';
import type { TrainingPipelineInput } from '../workflows/pipeline-types.js';
import { leftoversOf, removeRunRecord, stopLeftovers, writeRunRecord } from './run-state.js';
import { showPrediction } from './stack-api.js';
import { startDatabase } from './stack-postgres.js';
import { countTargets, scrapedTargets, stackTargets } from './stack-monitoring.js';
import {
  apiService,
  minioService,
  prometheusService,
  temporalService,
  workerServices,
  type StackContext,
} from './stack-services.js';
import { printUrls } from './stack-urls.js';
import { createSupervisor, type Supervisor } from './supervisor.js';

export interface StackOptions {
  help: boolean;
  /** Start, run the start-up workflows, print the URLs, stop. */
  once: boolean;
  /** Train on start (the stack test leaves it out: training is tested on its own). */
  training: boolean;
  /** The training run's input; the bundled sample unless `--train-input` says otherwise. */
  trainInput: Partial<TrainingPipelineInput>;
}

export function parseStackOptions(args: string[]): StackOptions {
  const { values } = parseArgs({
    args,
    options: {
      help: { type: 'boolean', default: false },
      once: { type: 'boolean', default: false },
      'no-training': { type: 'boolean', default: false },
      'train-input': { type: 'string' },
    },
  });
  const extra = values['train-input'] ? (JSON.parse(values['train-input']) as object) : {};
  return {
    help: values.help,
    once: values.once,
    training: !values['no-training'],
    trainInput: { source: { kind: 'sample' }, ...extra },
  };
}

interface Stack extends StackContext {
  /** This launcher wrote the state folder's run record (see run-state.ts). */
  claimed: boolean;
  say: (message: string) => void;
  supervisor: Supervisor;
  stop: (reason: string, exitCode: number) => Promise<void>;
}

function prepareStack(config: Config): Stack {
  const started = Date.now();
  const say = (msg: string) => console.log(`[stack ${((Date.now() - started) / 1000).toFixed(1)}s] ${msg}`);
  const logDir = join(config.stateDir, 'logs');
  mkdirSync(logDir, { recursive: true });
  let stopping = false;
  const stack: Stack = {
    claimed: false,
    config,
    logDir,
    say,
    supervisor: createSupervisor({
      say,
      onGiveUp: (reason) => {
        console.error(`[stack] ${reason}`);
        void stack.stop('a process keeps crashing', 1);
      },
      onChange: () => recordProcesses(stack),
    }),
    async stop(reason, exitCode) {
      if (stopping) return;
      stopping = true;
      say(`stopping (${reason})`);
      await stack.supervisor.stopAll((name) => say(`  ${name} stopped`));
      // A launcher that refused to start (another one runs) leaves that one's record alone.
      if (stack.claimed) removeRunRecord(config.stateDir);
      process.exit(exitCode);
    },
  };
  return stack;
}

function recordProcesses(stack: Stack): void {
  const children = stack.supervisor.running().map(({ service, proc }) => ({
    name: service.name,
    pid: proc.child.pid,
  }));
  writeRunRecord(stack.config.stateDir, children);
  stack.claimed = true;
}

/** The first signal stops gracefully (workers drain); a second one kills everything at once. */
function handleStopSignals(stack: Stack): void {
  let received = 0;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => {
      if (++received === 1) return void stack.stop(signal, 0);
      stack.say(`${signal} again: killing every process now`);
      process.exit(130); // processes.ts kills the children's process groups on exit
    });
  }
}

/** Stops what a launcher killed with SIGKILL left running on this state folder, then claims the folder. */
async function clearLeftovers(stack: Stack): Promise<void> {
  const leftovers = leftoversOf(stack.config.stateDir);
  if (leftovers.length > 0) {
    const list = leftovers.map((p) => `${p.name} pid ${p.pid}`).join(', ');
    stack.say(`an earlier launcher died without stopping ${list}: stopping them first`);
    await stopLeftovers(leftovers);
    stack.say('  stopped');
  }
  recordProcesses(stack);
}

async function startServers(stack: Stack): Promise<void> {
  const { config, say, supervisor } = stack;
  if (config.temporal.external) {
    say(`Temporal: using ${config.temporal.address} (TEMPORAL_ADDRESS)`);
    await temporalNamespaceReady(config.temporal, 5000);
  } else {
    say(`Temporal dev server: starting on ${config.temporal.address} ...`);
    await supervisor.add({
      ...temporalService(stack),
      // Workers reconnect by themselves; say when they poll again, so a restart's end is visible.
      afterRestart: () => workersPollAgain(stack),
    });
    say('Temporal dev server: ready');
  }
  if (config.s3.external) {
    say(`object store: using ${config.s3.endpoint} (S3_ENDPOINT)`);
  } else {
    say(`MinIO: starting on ${config.s3.endpoint} ...`);
    await supervisor.add(minioService(stack));
    say('MinIO: ready');
  }
  await createObjectStore(config.s3).ensureBucket();
  await startDatabase(stack);
}

async function workersPollAgain(stack: Stack): Promise<void> {
  const workers = new Map(workerServices(stack).map((w) => [w.name, w]));
  for (const { service, proc } of stack.supervisor.running()) {
    const worker = workers.get(service.name);
    if (!worker) continue;
    await worker.recheck(proc, 120_000);
    stack.say(`${worker.name}: polling ${worker.queue} again`);
  }
}

async function startWorkers(stack: Stack): Promise<void> {
  stack.say('workers: starting (the pipeline worker bundles the workflow code) ...');
  await Promise.all(
    workerServices(stack).map(async (worker) => {
      await stack.supervisor.add(worker);
      stack.say(`${worker.name}: polling ${worker.queue}`);
    }),
  );
}

/** The local API's bearer token: the configured ones, else one made once and kept in STATE_DIR. */
function localApiToken(config: Config): { token: string; env: NodeJS.ProcessEnv } {
  if (config.api.tokens.length > 0) return { token: config.api.tokens[0]!, env: {} };
  const file = config.api.tokensFile ?? join(config.stateDir, 'api-tokens.txt');
  if (!existsSync(file)) {
    writeFileSync(
      file,
      `# bearer tokens of the local API, one per line\n${randomBytes(24).toString('base64url')}\n`,
      { mode: 0o600 },
    );
  }
  const token = parseTokenFile(readFileSync(file, 'utf8'))[0];
  if (!token) throw new Error(`${file} holds no token: add one line with a token, or set API_TOKENS`);
  return { token, env: { API_TOKENS_FILE: file } };
}

async function startApi(stack: Stack): Promise<{ url: string; token: string }> {
  const url = `http://${stack.config.api.host}:${stack.config.api.port}`;
  stack.say(`API: starting on ${url} ...`);
  const { token, env } = localApiToken(stack.config);
  await stack.supervisor.add(apiService(stack, env));
  stack.say('API: ready');
  return { url, token };
}

async function startMonitoring(stack: Stack): Promise<string> {
  const { config, say } = stack;
  say(`Prometheus: starting on port ${config.monitoring.prometheusPort} ...`);
  const targets = stackTargets(config);
  await stack.supervisor.add(prometheusService(stack, targets));
  const url = `http://127.0.0.1:${config.monitoring.prometheusPort}`;
  const health = await scrapedTargets(url, countTargets(targets));
  const down = health.filter((t) => t.health !== 'up');
  say(`Prometheus: ready, ${health.length - down.length} of ${health.length} targets up`);
  for (const t of down) say(`  DOWN ${t.job} ${t.instance}: ${t.lastError}`);
  return url;
}

/** Schedules, the store probe through every process, then (unless left out) a training run to a served model. */
async function runStartUpWorkflows(
  stack: Stack,
  options: StackOptions,
): Promise<{ probeId: string; trainingId?: string; deployed?: string }> {
  const { config, say } = stack;
  const client = await connectClient(config.temporal);
  try {
    for (const r of await applySchedules(client, allSchedules({ config, taskQueue: taskQueues.pipeline }))) {
      say(`schedule ${r.scheduleId}: ${r.result}`);
    }
    const probe = await runStoreProbe(client, 'stack start-up check');
    say(
      `store probe: ${probe.workflowId} completed, wrote s3://${probe.result.bucket}/${probe.result.key} (${probe.result.size} bytes, verified=${probe.result.verified})`,
    );
    if (!options.training) return { probeId: probe.workflowId };
    const handle = await startTrainingRun(client, options.trainInput);
    say(`training: ${handle.workflowId} on ${JSON.stringify(options.trainInput)}`);
    const out = await followRun(handle, (line) => say(`  ${line}`));
    for (const line of summarise(out).split('\n')) say(`  ${line}`);
    return { probeId: probe.workflowId, trainingId: handle.workflowId, deployed: out.deployment?.version };
  } finally {
    await client.connection.close();
  }
}

async function reportApiHealth(stack: Stack, apiUrl: string): Promise<void> {
  const health = (await (await fetch(`${apiUrl}/health`)).json()) as {
    status: string;
    dependencies: { objectStore: { reachable: boolean }; temporal: { reachable: boolean } };
  };
  stack.say(
    `API health: ${health.status} (object store reachable=${health.dependencies.objectStore.reachable}, temporal reachable=${health.dependencies.temporal.reachable})`,
  );
}

async function main(): Promise<void> {
  const options = parseStackOptions(process.argv.slice(2));
  if (options.help) {
    console.log(
      `Usage: npm run stack [-- --once] [--no-training] [--train-input '<pipeline input JSON>']\n\nEnvironment:\n${describeConfig()}`,
    );
    return;
  }
  const stack = prepareStack(loadConfig());
  handleStopSignals(stack);
  try {
    stack.say(`state in ${stack.config.stateDir}, logs in ${stack.logDir}`);
    await clearLeftovers(stack);
    await startServers(stack);
    await startWorkers(stack);
    const api = await startApi(stack);
    const prometheusUrl = await startMonitoring(stack);
    const runs = await runStartUpWorkflows(stack, options);
    await reportApiHealth(stack, api.url);
    if (runs.deployed) await showPrediction(api.url, api.token, runs.deployed, stack.say);
    printUrls(stack.config, { ...runs, ...api, prometheusUrl });
  } catch (err) {
    console.error(`[stack] FAILED: ${err instanceof Error ? err.message : String(err)}`);
    return stack.stop('start-up failed', 1);
  }
  if (options.once) return stack.stop('--once', 0);
  stack.say('press Ctrl-C to stop');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((err: unknown) => {
    console.error(`[stack] ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
}
