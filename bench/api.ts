/**
 * Load test of the prediction API on loopback with autocannon: a MinIO and the API start as child
 * processes (a linear test model registered and promoted), next to a Fastify hello-world for the ceiling.
 * Reports p50/p99 latency at a fixed 1,000 requests/s and the maximum throughput, and writes
 * bench/results/api-<model>-model.md.   npm run bench:api [-- --duration 10] [--model real|linear]
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, freemem, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { execSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { loadConfig } from '../lib/config.js';
import { createObjectStore } from '../lib/object-store.js';
import { createObjectStoreRegistry } from '../models/registry/object-store-registry.js';
import { freePort, startMinio } from '../infra/servers.js';
import { startProcess, waitUntilReady, type ManagedProcess } from '../infra/processes.js';
import { resolveTool } from '../infra/tools.js';
import { referenceRow, registerTestVersion } from '../models/linear/versions.js';
import { registerSampleModel } from './sample-model.js';

const { values } = parseArgs({
  options: { duration: { type: 'string', default: '10' }, model: { type: 'string', default: 'real' } },
});
// `real`: the forests and cashflow net the pipeline deploys, served by api/server.ts. `linear`: a trivial
// test model, to see the HTTP path's own cost.
const realModel = values.model !== 'linear';
const duration = Number(values.duration);
const token = randomBytes(16).toString('hex');
const dir = mkdtempSync(join(tmpdir(), 'bench-api-'));
const procs: ManagedProcess[] = [];

interface Run {
  target: string;
  mode: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

async function load(
  target: string,
  mode: string,
  url: string,
  options: { body?: string; rate?: number; connections?: number },
): Promise<Run> {
  const result = await autocannon({
    url,
    duration,
    connections: options.connections ?? 10,
    ...(options.rate ? { overallRate: options.rate } : {}),
    ...(options.body
      ? {
          method: 'POST',
          body: options.body,
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        }
      : {}),
  });
  const run = {
    target,
    mode,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
  console.log(
    `${target.padEnd(12)} ${mode.padEnd(14)} ${run.rps.toFixed(0).padStart(7)} req/s  p50 ${run.p50} ms  p99 ${run.p99} ms  errors ${run.errors} non-2xx ${run.non2xx}`,
  );
  return run;
}

async function main(): Promise<void> {
  const config = loadConfig();
  const logDir = join(dir, 'logs');
  const [minioPort, apiPort, helloPort] = [await freePort(), await freePort(), await freePort()];
  const accessKey = 'bench-' + randomBytes(4).toString('hex');
  const secretKey = randomBytes(16).toString('hex');
  procs.push(
    await startMinio({
      bin: resolveTool(config, 'minio'),
      port: minioPort,
      consolePort: null,
      dataDir: join(dir, 'minio'),
      accessKey,
      secretKey,
      logDir,
    }),
  );
  const s3 = {
    ...config.s3,
    endpoint: `http://127.0.0.1:${minioPort}`,
    accessKey,
    secretKey,
    bucket: 'bench',
  };
  const store = createObjectStore(s3);
  await store.ensureBucket();
  const registry = createObjectStoreRegistry(store);
  let row: Record<string, number> = referenceRow;
  if (realModel) {
    console.log('training the production model on the sample data ...');
    row = await registerSampleModel(registry, 'cashflow-forecaster');
  } else {
    await registerTestVersion(registry, { name: 'cashflow-forecaster', bias: 1 });
    await registry.setAlias('cashflow-forecaster', 'production', 'v0001');
  }

  const env = {
    ...process.env,
    S3_ENDPOINT: s3.endpoint,
    S3_ACCESS_KEY: accessKey,
    S3_SECRET_KEY: secretKey,
    S3_BUCKET: 'bench',
    API_PORT: String(apiPort),
    API_TOKENS: token,
    // The per-token limit would stop a load test at 100 requests: lifted for the benchmark only.
    RATE_LIMIT_PER_MINUTE: '1000000000',
    LOG_LEVEL: 'warn',
  };
  const entry = realModel ? 'api/server.ts' : 'bench/api-server.ts';
  const api = startProcess('api', 'node', ['--import', 'tsx', entry], {
    logFile: join(logDir, 'api.log'),
    env,
  });
  const hello = startProcess(
    'hello',
    'node',
    ['--import', 'tsx', 'bench/hello-server.ts', String(helloPort)],
    { logFile: join(logDir, 'hello.log') },
  );
  procs.push(api, hello);
  const apiUrl = `http://127.0.0.1:${apiPort}`;
  await waitUntilReady('API', async () => (await fetch(`${apiUrl}/ready`)).ok, { process: api });
  await waitUntilReady('hello-world', async () => (await fetch(`http://127.0.0.1:${helloPort}/`)).ok, {
    process: hello,
  });

  const single = JSON.stringify({ data: row });
  const batch = JSON.stringify({ instances: Array.from({ length: 100 }, () => row) });
  const helloUrl = `http://127.0.0.1:${helloPort}/`;
  const predictUrl = `${apiUrl}/predict`;
  const uptimeBefore = execSync('uptime').toString().trim();
  // Warm-up (JIT, connection pools), not reported.
  await autocannon({ url: helloUrl, duration: 3, connections: 10 });
  await autocannon({
    url: predictUrl,
    duration: 3,
    connections: 10,
    method: 'POST',
    body: single,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
  });
  const runs = [
    await load('hello-world', 'max', helloUrl, {}),
    await load('single-row', 'max', predictUrl, { body: single }),
    await load('batch-100', 'max', predictUrl, { body: batch }),
    await load('hello-world', '1,000 req/s', helloUrl, { rate: 1000 }),
    await load('single-row', '1,000 req/s', predictUrl, { body: single, rate: 1000 }),
    await load('batch-100', '1,000 req/s', predictUrl, { body: batch, rate: 1000 }),
    await load('batch-100', '100 req/s', predictUrl, { body: batch, rate: 100 }),
  ];
  const uptimeAfter = execSync('uptime').toString().trim();
  const file = join('bench', 'results', `api-${realModel ? 'real' : 'linear'}-model.md`);
  writeFileSync(file, report(runs, uptimeBefore, uptimeAfter));
  console.log(`wrote ${file}`);
}

function report(runs: Run[], uptimeBefore: string, uptimeAfter: string): string {
  const find = (target: string, mode: string) =>
    runs.find((r) => r.target === target && r.mode === mode) as Run;
  const ratio = find('single-row', 'max').rps / find('hello-world', 'max').rps;
  const p99 = find('single-row', '1,000 req/s').p99;
  const cpu = cpus()[0]?.model ?? 'unknown';
  const memInfo = readFileSync('/proc/meminfo', 'utf8').split('\n')[0] ?? '';
  const rows = runs.map(
    (r) =>
      `| ${r.target} | ${r.mode} | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.errors} | ${r.non2xx} |`,
  );
  return [
    '# Prediction API load test',
    '',
    `Command: \`npm run bench:api -- --duration ${duration} --model ${realModel ? 'real' : 'linear'}\` (autocannon, 10 connections, ${duration} s per line, loopback).`,
    `Date: ${new Date().toISOString()}. Machine: ${cpus().length} CPUs (\`nproc\`), ${cpu}; ${memInfo.replace(/\s+/g, ' ')}` +
      ` (${(freemem() / 2 ** 30).toFixed(1)} GiB free of ${(totalmem() / 2 ** 30).toFixed(1)} GiB).`,
    '',
    'Load on the machine (it is shared with other people working concurrently, so numbers move between runs):',
    '',
    `- before: \`${uptimeBefore}\``,
    `- after: \`${uptimeAfter}\``,
    '',
    realModel
      ? 'Setup: `api/server.ts` (auth, TypeBox validation, rate limiting, metrics, prediction log at the default 10 % sample ' +
        'written to MinIO) serving the production model the pipeline deploys with its default parameters (two 100-tree ' +
        'forests and the TF.js cashflow net, trained on the bundled S&P 500 data), `LOG_LEVEL=warn`; the request is the ' +
        'features of the last day of that data. autocannon runs in the parent; the hello-world is a bare Fastify route ' +
        'in another child.'
      : 'Setup: the API (`bench/api-server.ts`: the real app, auth, TypeBox validation, rate limiting, metrics, ' +
        'prediction log at the default 10 % sample written to MinIO) with the linear test model, `LOG_LEVEL=warn`; ' +
        'autocannon runs in the parent; the hello-world is a bare Fastify route in another child.',
    'Client and server share the 2 cores.',
    '',
    '| target | rate | req/s | p50 ms | p99 ms | errors | non-2xx |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: |',
    ...rows,
    '',
    `- single-row p99 at 1,000 req/s: ${p99} ms (target < 5 ms): **${p99 < 5 ? 'met' : 'not met'}**.`,
    `- single-row max throughput / hello-world max: ${ratio.toFixed(2)} (target ≥ 0.5): **${ratio >= 0.5 ? 'met' : 'not met'}**.`,
    '',
  ].join('\n');
}

main()
  .catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(async () => {
    for (const p of procs.reverse()) await p.stop();
    rmSync(dir, { recursive: true, force: true });
  });
