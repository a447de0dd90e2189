/**
 * Running the local stack launcher as `npm start` does, for the tests: an environment of free ports in a
 * state folder of the test's own, a launcher run to its end or kept running with its output watched, and
 * the processes it recorded (infra/run-state.ts).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { freePort } from '../../infra/servers.js';
import { readRunRecord, type RunRecord } from '../../infra/run-state.js';

const root = resolve(import.meta.dirname, '../..');
const launcher = ['--import', 'tsx', 'infra/stack.ts'];

export async function stackEnv(stateDir: string, extra: NodeJS.ProcessEnv = {}): Promise<NodeJS.ProcessEnv> {
  const env: NodeJS.ProcessEnv = { ...process.env, STATE_DIR: stateDir, LOG_LEVEL: 'warn', ...extra };
  const ports = ['TEMPORAL_PORT', 'TEMPORAL_UI_PORT', 'MINIO_PORT', 'MINIO_CONSOLE_PORT', 'API_PORT'];
  ports.push('POSTGRES_PORT');
  ports.push('TEMPORAL_METRICS_PORT', 'PROMETHEUS_PORT', 'PIPELINE_WORKER_METRICS_PORT');
  ports.push(
    'PIPELINE_WORKER_SDK_METRICS_PORT',
    'TRAINING_WORKER_METRICS_PORT',
    'TRAINING_WORKER_SDK_METRICS_PORT',
  );
  for (const key of ports) {
    env[key] = String(await freePort());
  }
  delete env.TEMPORAL_ADDRESS;
  delete env.S3_ENDPOINT;
  delete env.DATABASE_URL;
  return env;
}

export function runStackOnce(
  env: NodeJS.ProcessEnv,
  args: string[] = ['--no-training'],
): Promise<{ code: number | null; output: string }> {
  const run = startLauncher(env, ['--once', ...args]);
  return run.exited.then((code) => ({ code, output: run.output() }));
}

export interface LauncherRun {
  child: ChildProcess;
  output(): string;
  /** Resolves with the first match of `pattern` in the output after character `from`, at most `timeoutMs` on. */
  waitFor(pattern: RegExp, options?: { from?: number; timeoutMs?: number }): Promise<RegExpExecArray>;
  exited: Promise<number | null>;
}

export function startLauncher(env: NodeJS.ProcessEnv, args: string[]): LauncherRun {
  const child = spawn(process.execPath, [...launcher, ...args], { cwd: root, env });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  let ended = false;
  void exited.then(() => (ended = true));
  return {
    child,
    output: () => output,
    exited,
    async waitFor(pattern, { from = 0, timeoutMs = 180_000 } = {}) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const match = pattern.exec(output.slice(from));
        if (match) return match;
        if (ended || Date.now() > deadline) {
          const why = ended ? 'the launcher exited' : `not within ${timeoutMs / 1000} s`;
          throw new Error(`${pattern} not in the launcher's output (${why}):\n${output.slice(-4000)}`);
        }
        await new Promise((r) => setTimeout(r, 100));
      }
    },
  };
}

/** The pid the launcher recorded for a child (`temporal`, `minio`, `worker-training`, ...). */
export function recordedChild(stateDir: string, name: string): RunRecord['children'][number] {
  const child = readRunRecord(stateDir)?.children.find((c) => c.name === name);
  if (!child) throw new Error(`no ${name} in the run record of ${stateDir}`);
  return child;
}

export function processesUsing(dir: string): string[] {
  try {
    return execFileSync('pgrep', ['-af', dir], { encoding: 'utf8' }).trim().split('\n').filter(Boolean);
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
}
