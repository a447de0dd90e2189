/**
 * The launcher's run record against real processes: a live child is recognised by pid, start time and
 * command line (a recycled pid is not), a live launcher makes the next one refuse with the command that
 * stops it, and a dead launcher's children are found and stopped.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { identityOf, listenersOf, listensOn, stillRunning } from '../../../infra/process-identity.js';
import { startProcess, type ManagedProcess } from '../../../infra/processes.js';
import {
  leftoversOf,
  readRunRecord,
  runRecordFile,
  stopLeftovers,
  writeRunRecord,
  type RunRecord,
} from '../../../infra/run-state.js';

const started: ManagedProcess[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((p) => p.stop()));
});

function sleeper(dir: string, name: string): ManagedProcess {
  const proc = startProcess(name, 'sleep', ['300'], { logFile: join(dir, `${name}.log`) });
  started.push(proc);
  return proc;
}

describe('process identity', () => {
  it('knows a process by pid, start time and command line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cashflow-identity-'));
    const proc = sleeper(dir, 'a');
    const identity = identityOf(proc.child.pid!)!;
    expect(identity.command).toBe('sleep 300');
    expect(identity.started).toMatch(/^[\w-]+:\d+$/);
    expect(stillRunning(identity)).toBe(true);
    // The same pid with another start time or command is another process (a recycled pid).
    expect(stillRunning({ ...identity, started: `${identity.started}0` })).toBe(false);
    expect(stillRunning({ ...identity, command: 'sleep 301' })).toBe(false);
  });

  it('tells which process listens on a port', async () => {
    const server = createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    try {
      expect(listensOn([process.pid], port)).toBe(true);
      expect(listensOn([process.ppid], port)).toBe(false);
      expect(listenersOf(port).map((p) => p.pid)).toEqual([process.pid]);
    } finally {
      await new Promise((r) => server.close(r));
    }
    expect(listenersOf(port)).toEqual([]);
  });
});

describe('run record', () => {
  it('a new launcher refuses while the recorded one lives, naming the command that stops it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cashflow-record-'));
    const otherLauncher = sleeper(dir, 'launcher');
    const record: RunRecord = { launcher: identityOf(otherLauncher.child.pid!)!, children: [] };
    writeFileSync(runRecordFile(dir), JSON.stringify(record));
    expect(() => leftoversOf(dir)).toThrow(
      `a stack launcher (pid ${otherLauncher.child.pid}) already runs on ${dir}; stop it with: kill ${otherLauncher.child.pid}`,
    );
  });

  it('finds and stops the children a dead launcher left, and only those still running', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cashflow-record-'));
    const [temporal, minio, gone] = [sleeper(dir, 'temporal'), sleeper(dir, 'minio'), sleeper(dir, 'gone')];
    writeRunRecord(dir, [
      { name: 'temporal', pid: temporal.child.pid },
      { name: 'minio', pid: minio.child.pid },
      { name: 'gone', pid: gone.child.pid },
    ]);
    await gone.stop();
    // The launcher that wrote it (this process) is "dead": another pid with another start time.
    const record = readRunRecord(dir)!;
    writeFileSync(
      runRecordFile(dir),
      JSON.stringify({ ...record, launcher: { ...record.launcher, pid: 1, started: 'another-boot:1' } }),
    );

    const leftovers = leftoversOf(dir);
    expect(leftovers.map((p) => [p.name, p.pid])).toEqual([
      ['temporal', temporal.child.pid],
      ['minio', minio.child.pid],
    ]);
    await stopLeftovers(leftovers, 2000);
    await Promise.all([temporal.exited, minio.exited]);
    expect(leftovers.some(stillRunning)).toBe(false);
  });

  it('reads a missing or half-written record as none', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cashflow-record-'));
    expect(leftoversOf(dir)).toEqual([]);
    writeFileSync(runRecordFile(dir), '{"launcher": {"pid": 12');
    expect(leftoversOf(dir)).toEqual([]);
  });
});
