/**
 * The supervisor with real (tiny) child processes: a crashed child is restarted after a pause while the
 * others keep running, and a child that keeps crashing makes it give up with the reason and its log.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startProcess, waitUntilReady, type ManagedProcess } from '../../../infra/processes.js';
import { createSupervisor, type Service, type Supervisor } from '../../../infra/supervisor.js';

const dir = mkdtempSync(join(tmpdir(), 'cashflow-supervisor-'));
const fast = { initialBackoffMs: 50, maxBackoffMs: 200, maxCrashes: 3, windowMs: 10_000 };
let supervisor: Supervisor | undefined;
afterEach(async () => supervisor?.stopAll());

/**
 * A service whose process runs `script` in node and is ready once it printed `<name> ready`, like a real
 * service's readiness check; `starts` counts the starts.
 */
function nodeService(name: string, script: string, layer = 0): Service & { starts: number } {
  const logFile = join(dir, `${name}.log`);
  const service = {
    name,
    layer,
    stopGraceMs: 2000,
    starts: 0,
    start: async (): Promise<ManagedProcess> => {
      service.starts++;
      const before = existsSync(logFile) ? readFileSync(logFile, 'utf8').split(`${name} ready`).length : 1;
      const proc = startProcess(name, process.execPath, ['-e', script], { logFile });
      await waitUntilReady(
        name,
        async () => readFileSync(logFile, 'utf8').split(`${name} ready`).length > before,
        {
          process: proc,
          intervalMs: 10,
        },
      );
      return proc;
    },
  };
  return service;
}

const waitFor = async (what: () => boolean) => {
  const deadline = Date.now() + 10_000;
  while (!what()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
};

describe('supervisor', () => {
  it('restarts a child that was killed, keeps the others running, and says what happened', async () => {
    const said: string[] = [];
    let changes = 0;
    supervisor = createSupervisor({
      say: (m) => said.push(m),
      onGiveUp: (reason) => said.push(`GAVE UP ${reason}`),
      onChange: () => changes++,
      policy: fast,
    });
    const steady = nodeService('steady', 'console.log("steady ready"); setInterval(() => {}, 1000)');
    const victim = nodeService('victim', 'console.log("victim ready"); setInterval(() => {}, 1000)');
    const steadyProc = await supervisor.add(steady);
    const first = await supervisor.add(victim);
    expect(changes).toBe(2);

    first.child.kill('SIGKILL');
    await waitFor(() => said.some((m) => m.startsWith('victim restarted and ready')));

    expect(victim.starts).toBe(2);
    expect(steady.starts).toBe(1);
    expect(steadyProc.child.exitCode).toBeNull(); // the other child never stopped
    const running = supervisor.running().find((r) => r.service.name === 'victim')!.proc;
    expect(running.child.pid).not.toBe(first.child.pid);
    expect(running.child.exitCode).toBeNull();
    const report = said.find((m) => m.startsWith('victim exited unexpectedly'))!;
    expect(report).toMatch(/\(SIGKILL\); restarting in 0\.05 s \(crash 1 of 3 allowed within 10 s\)/);
    expect(report).toMatch(/victim ready/); // the end of its log
    expect(changes).toBe(3);
    expect(said.filter((m) => m.startsWith('GAVE UP'))).toEqual([]);
  });

  it('doubles the pause on each crash and gives up on the crash that reaches the limit', async () => {
    const said: string[] = [];
    let gaveUp = '';
    supervisor = createSupervisor({ say: (m) => said.push(m), onGiveUp: (r) => (gaveUp = r), policy: fast });
    const crasher = nodeService(
      'crasher',
      'console.log("crasher ready"); console.error("cannot open the data folder"); setTimeout(() => process.exit(3), 100)',
    );
    await supervisor.add(crasher);
    await waitFor(() => gaveUp !== '');

    expect(crasher.starts).toBe(3);
    expect(
      said.filter((m) => m.startsWith('crasher exited')).map((m) => /restarting in ([\d.]+) s/.exec(m)?.[1]),
    ).toEqual(['0.05', '0.1']);
    expect(gaveUp).toMatch(/^crasher crashed 3 times within 10 s \(last: exit code 3\); giving up/);
    expect(gaveUp).toMatch(/cannot open the data folder/);
  });

  it('stops the highest layer first and a layer at once', async () => {
    supervisor = createSupervisor({ say: () => undefined, onGiveUp: () => undefined, policy: fast });
    // Each child notes when it got SIGTERM and when it exits, 300 ms later.
    const order = join(dir, 'order.txt');
    const script = (name: string) => {
      const note = (what: string) =>
        `require('fs').appendFileSync(${JSON.stringify(order)}, '${name} ${what}\\n')`;
      return `process.on('SIGTERM', () => { ${note('signalled')}; setTimeout(() => { ${note('exits')}; process.exit(0); }, 300); }); console.log('${name} ready'); setInterval(() => {}, 1000)`;
    };
    writeFileSync(order, '');
    for (const [name, layer] of [
      ['server', 0],
      ['worker-a', 1],
      ['worker-b', 1],
      ['api', 2],
    ] as const) {
      await supervisor.add(nodeService(name, script(name), layer));
    }
    const stopped: string[] = [];
    await supervisor.stopAll((name) => stopped.push(name));
    const notes = readFileSync(order, 'utf8').trim().split('\n');
    expect(notes.slice(0, 2)).toEqual(['api signalled', 'api exits']);
    // Both workers were signalled before either exited: the layer stops at once, then the servers.
    expect(notes.slice(2, 4).sort()).toEqual(['worker-a signalled', 'worker-b signalled']);
    expect(notes.slice(4, 6).sort()).toEqual(['worker-a exits', 'worker-b exits']);
    expect(notes.slice(6)).toEqual(['server signalled', 'server exits']);
    expect(stopped.at(-1)).toBe('server');
  });
});
