/**
 * Child processes that must not outlive us. Each runs in its own process group (detached), so stopping it
 * stops everything it started (tsx's node child, a server's helpers), and so a terminal's Ctrl-C reaches
 * only us: we then stop the children in order instead of all at once.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync, readdirSync } from 'node:fs';

export interface ManagedProcess {
  name: string;
  child: ChildProcess;
  logFile: string;
  /** Resolves with the exit once the process has ended (never rejects). */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stop(graceMs?: number): Promise<void>;
}

const running = new Set<ManagedProcess>();
let exitHookInstalled = false;

/** Last resort if we die without a graceful stop (uncaught error, process.exit): kill the groups outright. */
function killChildrenOnExit(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const proc of running) killGroup(proc.child, 'SIGKILL');
  });
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

function killLeader(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.exitCode !== null || child.signalCode !== null) return;
  try {
    child.kill(signal);
  } catch {
    // already gone
  }
}

/** Live (non-zombie) processes in a process group, read from /proc. */
export function groupMembers(pgid: number): number[] {
  const members: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Fields after the command name (which may hold spaces): state, ppid, pgrp, ...
      const [state, , pgrp] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(pgrp) === pgid && state !== 'Z') members.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return members;
}

export function tailOf(file: string, lines = 20): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}

export function startProcess(
  name: string,
  command: string,
  args: string[],
  options: {
    logFile: string;
    env?: NodeJS.ProcessEnv;
    cwd?: string;
    /** Run as this user (a server that refuses to run as root, started by root). */
    user?: { uid: number; gid: number };
    /**
     * How a stop asks the process to end: by default SIGTERM to its whole group. A server that shuts its
     * own helpers down in order (PostgreSQL: SIGINT to the postmaster is its fast shutdown) is sent the
     * signal alone; the group is still killed if anything outlives the grace time.
     */
    stopSignal?: { signal: NodeJS.Signals; leaderOnly: boolean };
  },
): ManagedProcess {
  killChildrenOnExit();
  const fd = openSync(options.logFile, 'a');
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    detached: true,
    stdio: ['ignore', fd, fd],
    ...(options.user ? { uid: options.user.uid, gid: options.user.gid } : {}),
  });
  closeSync(fd);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal }));
    child.on('error', () => resolve({ code: -1, signal: null }));
  });
  const proc: ManagedProcess = {
    name,
    child,
    logFile: options.logFile,
    exited,
    async stop(graceMs = 10_000) {
      const { signal, leaderOnly } = options.stopSignal ?? { signal: 'SIGTERM', leaderOnly: false };
      if (leaderOnly) killLeader(child, signal);
      else killGroup(child, signal);
      const timer = setTimeout(() => killGroup(child, 'SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
      // The group may still hold grandchildren that outlived their parent: kill them and wait until they
      // are gone, so "stopped" really means no process is left behind.
      const pgid = child.pid;
      if (pgid !== undefined) {
        const deadline = Date.now() + 5000;
        while (groupMembers(pgid).length > 0 && Date.now() < deadline) {
          try {
            process.kill(-pgid, 'SIGKILL');
          } catch {
            // gone between the look and the kill
          }
          await new Promise((r) => setTimeout(r, 20));
        }
      }
      running.delete(proc);
    },
  };
  running.add(proc);
  void exited.then(() => running.delete(proc));
  return proc;
}

/** Waits for `ready`; when it fails, stops the process (so a retry finds its port free) and rethrows. */
export async function stopUnlessReady(
  proc: ManagedProcess,
  ready: () => Promise<void>,
): Promise<ManagedProcess> {
  try {
    await ready();
    return proc;
  } catch (err) {
    await proc.stop();
    throw err;
  }
}

/**
 * Polls `check` until it returns true. Fails early, with the end of the process's log, if the process exits
 * first, and fails after `timeoutMs` saying what it waited for.
 */
export async function waitUntilReady(
  what: string,
  check: () => Promise<boolean>,
  options: { timeoutMs?: number; intervalMs?: number; process?: ManagedProcess } = {},
): Promise<void> {
  const { timeoutMs = 60_000, intervalMs = 200, process: proc } = options;
  const deadline = Date.now() + timeoutMs;
  let exitInfo: string | undefined;
  void proc?.exited.then(({ code, signal }) => (exitInfo = signal ?? `exit code ${code}`));
  let lastError = '';
  while (Date.now() < deadline) {
    if (exitInfo !== undefined && proc) {
      throw new Error(
        `${what} exited (${exitInfo}) before it was ready. End of ${proc.logFile}:\n${tailOf(proc.logFile)}`,
      );
    }
    try {
      if (await check()) return;
    } catch (err) {
      lastError = err instanceof Error ? err.message : String(err);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
  const log = proc ? `\nEnd of ${proc.logFile}:\n${tailOf(proc.logFile)}` : '';
  throw new Error(
    `${what} was not ready after ${timeoutMs / 1000}s${lastError ? ` (last error: ${lastError})` : ''}${log}`,
  );
}
