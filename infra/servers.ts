/**
 * Starting the Temporal dev server and MinIO and waiting until they really answer. Shared by the local
 * stack launcher and the integration-test setup, so both run the servers the same way.
 */
import { createServer } from 'node:net';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../lib/config.js';
import { temporalNamespaceReady } from '../lib/temporal.js';
import { searchAttributes } from '../lib/temporal-names.js';
import { listenersOf, listensOn } from './process-identity.js';
import {
  groupMembers,
  startProcess,
  stopUnlessReady,
  waitUntilReady,
  type ManagedProcess,
} from './processes.js';
import { resolveTool } from './tools.js';

function ephemeralRange(): [number, number] {
  try {
    const [low, high] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8')
      .trim()
      .split(/\s+/)
      .map(Number);
    if (low && high) return [low, high];
  } catch {
    // not Linux: use the IANA range
  }
  return [49152, 65535];
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

const handedOut = new Set<number>();

/**
 * A port that is free now, chosen below the kernel's ephemeral range. Ports the kernel hands out (`listen(0)`,
 * the source ports of outgoing connections, the dev server's internal listeners) come from that range, so a
 * port chosen outside it cannot be taken by them between this check and the server binding it.
 */
export async function freePort(): Promise<number> {
  const [ephemeralLow] = ephemeralRange();
  const low = 20_000;
  const high = Math.min(ephemeralLow, 32_768);
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = low + Math.floor(Math.random() * (high - low));
    if (handedOut.has(port)) continue;
    if (await canListen(port)) {
      handedOut.add(port);
      return port;
    }
  }
  throw new Error(`no free port between ${low} and ${high} after 200 tries`);
}

/** Fails at once, naming the holder, when a process already listens on `port`: the server could not bind it. */
export function assertPortFree(port: number, what: string): void {
  const holder = listenersOf(port)[0];
  if (holder) {
    throw new Error(`${what}: port ${port} is already taken by pid ${holder.pid} (${holder.command})`);
  }
}

/**
 * The process just started (or one of its group) listens on `port`. Part of every readiness check: another
 * process on the same port (an earlier run's orphan) answers the same requests, and must not pass for it.
 */
export function ownsPort(proc: ManagedProcess, port: number): boolean {
  return proc.child.pid !== undefined && listensOn(groupMembers(proc.child.pid), port);
}

export interface TemporalDevServerOptions {
  bin: string;
  port: number;
  /** Web UI port, or null for a headless server (tests). */
  uiPort: number | null;
  /** SQLite file that keeps workflow history across restarts, or null for in-memory (tests). */
  dbFile: string | null;
  namespace: string;
  logDir: string;
  metricsPort?: number;
}

export async function startTemporalDevServer(options: TemporalDevServerOptions): Promise<ManagedProcess> {
  mkdirSync(options.logDir, { recursive: true });
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(options.port)];
  args.push('--namespace', options.namespace, '--log-level', 'warn', '--log-format', 'json');
  if (options.uiPort === null) args.push('--headless');
  else args.push('--ui-port', String(options.uiPort));
  if (options.dbFile !== null) args.push('--db-filename', options.dbFile);
  if (options.metricsPort !== undefined) args.push('--metrics-port', String(options.metricsPort));
  // The dev server takes types in the CLI's spelling (Keyword); the SDK's keys say KEYWORD.
  for (const key of Object.values(searchAttributes)) args.push('--search-attribute', `${key.name}=Keyword`);
  assertPortFree(options.port, 'Temporal dev server');
  const proc = startProcess('temporal', options.bin, args, { logFile: join(options.logDir, 'temporal.log') });
  const address = `127.0.0.1:${options.port}`;
  // A cold start (new SQLite file, UI assets) has been seen to take more than 5 s: wait on the API, not a clock.
  return stopUnlessReady(proc, () =>
    waitUntilReady(
      `Temporal dev server on ${address}`,
      async () => {
        await temporalNamespaceReady({ address, namespace: options.namespace }, 1000);
        return ownsPort(proc, options.port);
      },
      { process: proc, timeoutMs: 90_000, intervalMs: 250 },
    ),
  );
}

/**
 * A headless, in-memory Temporal dev server and a MinIO with its data in `dir`, on free ports: what a
 * benchmark needs beside the processes it measures. The environment points a worker process at them.
 */
export async function startScratchServers(
  config: Config,
  dir: string,
  credentials: { accessKey: string; secretKey: string } = config.s3,
): Promise<{ env: NodeJS.ProcessEnv; stop: () => Promise<void> }> {
  const [temporalPort, minioPort] = [await freePort(), await freePort()];
  const temporal = await startTemporalDevServer({
    bin: resolveTool(config, 'temporal'),
    port: temporalPort,
    uiPort: null,
    dbFile: null,
    namespace: config.temporal.namespace,
    logDir: dir,
  });
  const minio = await startMinio({
    bin: resolveTool(config, 'minio'),
    port: minioPort,
    consolePort: null,
    dataDir: join(dir, 'minio'),
    accessKey: credentials.accessKey,
    secretKey: credentials.secretKey,
    logDir: dir,
  });
  return {
    env: {
      TEMPORAL_ADDRESS: `127.0.0.1:${temporalPort}`,
      S3_ENDPOINT: `http://127.0.0.1:${minioPort}`,
      S3_ACCESS_KEY: credentials.accessKey,
      S3_SECRET_KEY: credentials.secretKey,
    },
    stop: async () => {
      await Promise.all([temporal.stop(), minio.stop()]);
    },
  };
}

export interface MinioOptions {
  bin: string;
  port: number;
  /** Web console port, or null to switch the console off (tests). */
  consolePort: number | null;
  dataDir: string;
  accessKey: string;
  secretKey: string;
  logDir: string;
}

export async function startMinio(options: MinioOptions): Promise<ManagedProcess> {
  mkdirSync(options.dataDir, { recursive: true });
  mkdirSync(options.logDir, { recursive: true });
  const args = ['server', options.dataDir, '--address', `127.0.0.1:${options.port}`, '--quiet'];
  if (options.consolePort !== null) args.push('--console-address', `127.0.0.1:${options.consolePort}`);
  assertPortFree(options.port, 'MinIO');
  const proc = startProcess('minio', options.bin, args, {
    logFile: join(options.logDir, 'minio.log'),
    env: {
      ...process.env,
      MINIO_ROOT_USER: options.accessKey,
      MINIO_ROOT_PASSWORD: options.secretKey,
      MINIO_BROWSER: options.consolePort === null ? 'off' : 'on',
      // Metrics are scraped by the project's Prometheus without a bearer token.
      MINIO_PROMETHEUS_AUTH_TYPE: 'public',
      MINIO_UPDATE: 'off',
    },
  });
  const url = `http://127.0.0.1:${options.port}/minio/health/ready`;
  return stopUnlessReady(proc, () =>
    waitUntilReady(
      `MinIO on 127.0.0.1:${options.port}`,
      async () => (await fetch(url)).ok && ownsPort(proc, options.port),
      { process: proc, timeoutMs: 60_000 },
    ),
  );
}

export interface PrometheusOptions {
  bin: string;
  port: number;
  configFile: string;
  dataDir: string;
  logDir: string;
  /** Retention of the local TSDB; a laptop keeps a week. */
  retention?: string;
}

export async function startPrometheus(options: PrometheusOptions): Promise<ManagedProcess> {
  mkdirSync(options.dataDir, { recursive: true });
  mkdirSync(options.logDir, { recursive: true });
  const address = `127.0.0.1:${options.port}`;
  const args = [
    `--config.file=${options.configFile}`,
    `--storage.tsdb.path=${options.dataDir}`,
    `--storage.tsdb.retention.time=${options.retention ?? '7d'}`,
    `--web.listen-address=${address}`,
    '--log.level=warn',
  ];
  assertPortFree(options.port, 'Prometheus');
  const proc = startProcess('prometheus', options.bin, args, {
    logFile: join(options.logDir, 'prometheus.log'),
  });
  return stopUnlessReady(proc, () =>
    waitUntilReady(
      `Prometheus on ${address}`,
      async () => (await fetch(`http://${address}/-/ready`)).ok && ownsPort(proc, options.port),
      { process: proc, timeoutMs: 60_000 },
    ),
  );
}
