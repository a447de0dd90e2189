/**
 * The launcher's record of what it runs, kept in STATE_DIR/stack-processes.json: its own identity and each
 * child's (pid, start time, command line; see process-identity.ts). A launcher killed with SIGKILL cannot
 * stop its children, and they keep the ports and the data folders; the next start reads the record and
 * stops the ones still running, unless the launcher that wrote it is itself alive (then it refuses and
 * says how to stop that one). A recycled pid is never mistaken for a child: start time and command line
 * must match too.
 */
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { identityOf, stillRunning, type ProcessIdentity } from './process-identity.js';

export interface RunRecord {
  launcher: ProcessIdentity;
  children: (ProcessIdentity & { name: string })[];
}

export class StackAlreadyRunningError extends Error {
  override name = 'StackAlreadyRunningError';
}

export function runRecordFile(stateDir: string): string {
  return join(stateDir, 'stack-processes.json');
}

export function readRunRecord(stateDir: string): RunRecord | undefined {
  try {
    return JSON.parse(readFileSync(runRecordFile(stateDir), 'utf8')) as RunRecord;
  } catch {
    return undefined; // none, or half-written by a launcher killed mid-write: nothing to trust
  }
}

/** Written through a rename, so a reader never sees half a record. */
export function writeRunRecord(stateDir: string, children: { name: string; pid?: number }[]): void {
  const launcher = identityOf(process.pid);
  if (!launcher) return; // no /proc: nothing to record that could be checked later
  const record: RunRecord = {
    launcher,
    children: children.flatMap(({ name, pid }) => {
      const identity = pid === undefined ? undefined : identityOf(pid);
      return identity ? [{ name, ...identity }] : [];
    }),
  };
  const file = runRecordFile(stateDir);
  writeFileSync(`${file}.tmp`, `${JSON.stringify(record, null, 2)}\n`);
  renameSync(`${file}.tmp`, file);
}

export function removeRunRecord(stateDir: string): void {
  rmSync(runRecordFile(stateDir), { force: true });
}

/**
 * What a previous run left running. Throws StackAlreadyRunningError, with the command that stops it, when
 * that run's launcher is still alive: two launchers on one state folder would fight over ports and data.
 */
export function leftoversOf(stateDir: string): RunRecord['children'] {
  const record = readRunRecord(stateDir);
  if (!record) return [];
  if (record.launcher.pid !== process.pid && stillRunning(record.launcher)) {
    throw new StackAlreadyRunningError(
      `a stack launcher (pid ${record.launcher.pid}) already runs on ${stateDir}; stop it with: kill ${record.launcher.pid}`,
    );
  }
  return record.children.filter(stillRunning);
}

/**
 * Stops what a dead launcher left: SIGTERM to each child's process group (each child leads its own), then
 * SIGKILL to what is left after `graceMs`. Only processes whose identity was just checked are signalled.
 */
export async function stopLeftovers(children: RunRecord['children'], graceMs = 10_000): Promise<void> {
  const signal = (child: ProcessIdentity, sig: NodeJS.Signals) => {
    if (!stillRunning(child)) return;
    try {
      process.kill(-child.pid, sig);
    } catch {
      // gone between the check and the signal
    }
  };
  for (const child of children) signal(child, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (children.some(stillRunning) && Date.now() < deadline) await sleep(100);
  for (const child of children) signal(child, 'SIGKILL');
  const killDeadline = Date.now() + 5000;
  while (children.some(stillRunning) && Date.now() < killDeadline) await sleep(50);
}

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}
