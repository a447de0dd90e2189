import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startProcess, waitUntilReady } from '../../infra/processes.js';

const dir = mkdtempSync(join(tmpdir(), 'cashflow-proc-'));

/** Running, as opposed to gone or a zombie waiting for a reaper (PID 1 in a container may never reap). */
function running(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

describe('managed processes', () => {
  it('stop() ends the whole process group, grandchildren included', async () => {
    const marker = `cashflow-test-${process.pid}-${Date.now()}`;
    const proc = startProcess('sleeper', 'sh', ['-c', `sleep 300 & sleep 301; echo ${marker}`], {
      logFile: join(dir, 'sleeper.log'),
    });
    await new Promise((r) => setTimeout(r, 200));
    const pids = execFileSync('pgrep', ['-g', String(proc.child.pid)], { encoding: 'utf8' })
      .trim()
      .split('\n');
    expect(pids.length).toBeGreaterThanOrEqual(3); // sh and both sleeps

    await proc.stop(2000);
    for (const pid of pids) expect(running(Number(pid))).toBe(false);
  });

  it('stop() can ask the leader alone to end with its own signal, as PostgreSQL wants SIGINT', async () => {
    // The leader exits 7 on SIGINT and would exit 9 on SIGTERM; its helper must not be signalled by the stop.
    const script = 'trap "exit 7" INT; trap "exit 9" TERM; sleep 300 & while :; do sleep 0.05; done';
    const proc = startProcess('leader', 'sh', ['-c', script], {
      logFile: join(dir, 'leader.log'),
      stopSignal: { signal: 'SIGINT', leaderOnly: true },
    });
    await new Promise((r) => setTimeout(r, 200));
    const pids = execFileSync('pgrep', ['-g', String(proc.child.pid)], { encoding: 'utf8' })
      .trim()
      .split('\n');
    await proc.stop(5000);
    expect(await proc.exited).toEqual({ code: 7, signal: null });
    // What outlived the leader (its sleep) is still cleared from the group.
    for (const pid of pids) expect(running(Number(pid))).toBe(false);
  });

  it('waitUntilReady fails at once with the log when the process exits before it is ready', async () => {
    const proc = startProcess('crasher', 'sh', ['-c', 'echo "port already in use" >&2; exit 3'], {
      logFile: join(dir, 'crasher.log'),
    });
    const started = Date.now();
    await expect(
      waitUntilReady('crasher', async () => false, { process: proc, timeoutMs: 30_000 }),
    ).rejects.toThrow(/crasher exited \(exit code 3\) before it was ready[\s\S]*port already in use/);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('waitUntilReady names what it waited for and the last error on timeout', async () => {
    await expect(
      waitUntilReady(
        'the thing',
        async () => {
          throw new Error('connection refused');
        },
        { timeoutMs: 300, intervalMs: 50 },
      ),
    ).rejects.toThrow(/the thing was not ready after 0.3s \(last error: connection refused\)/);
  });
});
