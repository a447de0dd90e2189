/**
 * Starts one real Temporal dev server (headless, in memory) and one real MinIO (in a temporary folder) on
 * free ports for the whole integration run, bundles the workflow code once, and hands the addresses to the
 * tests through `inject()`. Everything is stopped and removed at the end.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { bundleWorkflowCode } from '@temporalio/worker';
import type { TestProject } from 'vitest/node';
import { loadConfig } from '../../lib/config.js';
import { freePort, startMinio, startTemporalDevServer } from '../../infra/servers.js';
import { resolveTool } from '../../infra/tools.js';

declare module 'vitest' {
  export interface ProvidedContext {
    temporalAddress: string;
    temporalNamespace: string;
    s3: { endpoint: string; accessKey: string; secretKey: string; region: string; bucket: string };
    workflowBundlePath: string;
    /** PID of the MinIO process, for tests that stop the store under a running service. */
    minioPid: number;
    /** Port of the Temporal dev server's own Prometheus metrics. */
    temporalMetricsPort: number;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const config = loadConfig();
  const dir = mkdtempSync(join(tmpdir(), 'cashflow-it-'));
  const logDir = join(dir, 'logs');
  const started = Date.now();

  const [temporalPort, minioPort, temporalMetricsPort] = [
    await freePort(),
    await freePort(),
    await freePort(),
  ];
  const namespace = 'default';
  const accessKey = 'it-' + randomBytes(6).toString('hex');
  const secretKey = randomBytes(16).toString('hex');
  const [temporal, minio, bundle] = await Promise.all([
    startTemporalDevServer({
      bin: resolveTool(config, 'temporal'),
      port: temporalPort,
      uiPort: null,
      dbFile: null,
      namespace,
      logDir,
      metricsPort: temporalMetricsPort,
    }),
    startMinio({
      bin: resolveTool(config, 'minio'),
      port: minioPort,
      consolePort: null,
      dataDir: join(dir, 'minio'),
      accessKey,
      secretKey,
      logDir,
    }),
    bundleWorkflowCode({
      workflowsPath: fileURLToPath(new URL('../../workflows/index.ts', import.meta.url)),
      logger: { log() {}, trace() {}, debug() {}, info() {}, warn: console.warn, error: console.error },
    }),
  ]);
  const workflowBundlePath = join(dir, 'workflow-bundle.js');
  writeFileSync(workflowBundlePath, bundle.code);
  console.log(
    `[integration setup] real Temporal dev server on 127.0.0.1:${temporalPort} and MinIO on 127.0.0.1:${minioPort} ` +
      `ready in ${((Date.now() - started) / 1000).toFixed(1)}s (logs in ${logDir})`,
  );

  project.provide('temporalAddress', `127.0.0.1:${temporalPort}`);
  project.provide('temporalNamespace', namespace);
  project.provide('s3', {
    endpoint: `http://127.0.0.1:${minioPort}`,
    accessKey,
    secretKey,
    region: 'us-east-1',
    bucket: 'cashflow-it',
  });
  project.provide('workflowBundlePath', workflowBundlePath);
  project.provide('minioPid', minio.child.pid ?? -1);
  project.provide('temporalMetricsPort', temporalMetricsPort);

  return async () => {
    await Promise.all([temporal.stop(), minio.stop()]);
    rmSync(dir, { recursive: true, force: true });
  };
}
