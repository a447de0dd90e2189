/**
 * Starts one real Temporal dev server (headless, in memory), one real MinIO and one real PostgreSQL cluster
 * (both in a temporary folder) on free ports for the whole integration run, bundles the workflow code once,
 * and hands the addresses to the tests through `inject()`. Everything is stopped and removed at the end.
 * TEST_DATABASE_URL (or DATABASE_URL) names a running PostgreSQL to use instead of starting one; tests
 * then create their own databases on it (test/integration/database.ts).
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
import { startScratchPostgres } from '../../infra/postgres.js';
import { redactDatabaseUrl } from '../../lib/db/url.js';

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
    /** A database of the run on the real PostgreSQL (migrated by the tests that need the schema). */
    databaseUrl: string;
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
  const givenDatabase = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || undefined;
  const [temporal, minio, bundle, postgres] = await Promise.all([
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
    givenDatabase
      ? { url: givenDatabase, proc: undefined }
      : freePort().then((port) =>
          startScratchPostgres(dir, {
            port,
            logDir,
            database: 'cashflow_it',
            binDir: config.database.local.binDir,
          }),
        ),
  ]);
  const workflowBundlePath = join(dir, 'workflow-bundle.js');
  writeFileSync(workflowBundlePath, bundle.code);
  console.log(
    `[integration setup] real Temporal dev server on 127.0.0.1:${temporalPort} and MinIO on 127.0.0.1:${minioPort} ` +
      `ready in ${((Date.now() - started) / 1000).toFixed(1)}s (logs in ${logDir}); PostgreSQL ` +
      (postgres.proc ? `started at ${postgres.url}` : `given: ${redactDatabaseUrl(postgres.url)}`),
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
  project.provide('databaseUrl', postgres.url);

  return async () => {
    await Promise.all([temporal.stop(), minio.stop(), postgres.proc?.stop()]);
    rmSync(dir, { recursive: true, force: true });
  };
}
