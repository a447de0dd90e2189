/**
 * A supervisor, not a domino: a child that dies while the stack runs is restarted after a growing pause,
 * the others keep serving (the API serves through a MinIO outage; workers and Temporal retry each other),
 * and the supervisor says what happened with the end of the child's log. Only a child that keeps crashing
 * makes it give up, and then it says so and the caller stops everything.
 */
import { tailOf, type ManagedProcess } from './processes.js';

export interface Service {
  name: string;
  /** Stop order: higher layers stop first, a layer's services at once (the workers drain side by side). */
  layer: number;
  /** How long a stop waits for the process to exit by itself before SIGKILL. */
  stopGraceMs: number;
  /** Starts the process and resolves once it is ready: it answers, and it is the process just started. */
  start(): Promise<ManagedProcess>;
  /** Called after a restart with the new process, e.g. to re-check what depends on it. */
  afterRestart?(proc: ManagedProcess): Promise<void>;
}

export interface RestartPolicy {
  /** Pause before the first restart; it doubles with each crash in the window, up to `maxBackoffMs`. */
  initialBackoffMs: number;
  maxBackoffMs: number;
  /** Give up when one child crashes this many times within `windowMs`. */
  maxCrashes: number;
  windowMs: number;
}

/** 1, 2, 4, 8 s pauses; a fifth crash within two minutes is a child that cannot run: stop and say why. */
export const defaultRestartPolicy: RestartPolicy = {
  initialBackoffMs: 1000,
  maxBackoffMs: 30_000,
  maxCrashes: 5,
  windowMs: 120_000,
};

export interface Supervisor {
  /** Starts the service and watches it; a failure of this first start is the caller's (no retry). */
  add(service: Service): Promise<ManagedProcess>;
  /** The running process of each service, in the order they were added. */
  running(): { service: Service; proc: ManagedProcess }[];
  /** Stops every service, highest layer first; nothing is restarted from now on. */
  stopAll(onStopped?: (name: string) => void): Promise<void>;
}

export function createSupervisor(options: {
  say: (message: string) => void;
  /** A child crashed `maxCrashes` times within the window; the caller stops the stack. */
  onGiveUp: (reason: string) => void;
  /** The set of running processes changed (a restart): e.g. rewrite the state file. */
  onChange?: () => void;
  policy?: RestartPolicy;
}): Supervisor {
  const policy = options.policy ?? defaultRestartPolicy;
  const entries: { service: Service; proc: ManagedProcess; crashes: number[] }[] = [];
  let stopping = false;

  function watch(entry: (typeof entries)[number]): void {
    const proc = entry.proc;
    void proc.exited.then((exit) => {
      if (stopping || entry.proc !== proc) return;
      void recover(entry, `${exit.signal ?? `exit code ${exit.code}`}`);
    });
  }

  async function recover(entry: (typeof entries)[number], how: string): Promise<void> {
    const { service } = entry;
    const diedAt = Date.now();
    entry.crashes = [...entry.crashes.filter((t) => diedAt - t < policy.windowMs), diedAt];
    const crashes = entry.crashes.length;
    const log = `End of ${entry.proc.logFile}:\n${tailOf(entry.proc.logFile)}`;
    if (crashes >= policy.maxCrashes) {
      stopping = true;
      options.onGiveUp(
        `${service.name} crashed ${crashes} times within ${policy.windowMs / 1000} s (last: ${how}); giving up. ${log}`,
      );
      return;
    }
    const backoff = Math.min(policy.initialBackoffMs * 2 ** (crashes - 1), policy.maxBackoffMs);
    options.say(
      `${service.name} exited unexpectedly (${how}); restarting in ${backoff / 1000} s (crash ${crashes} of ${policy.maxCrashes} allowed within ${policy.windowMs / 1000} s). ${log}`,
    );
    await new Promise((r) => setTimeout(r, backoff));
    if (stopping) return;
    try {
      entry.proc = await service.start();
    } catch (err) {
      // A restart that fails before it is ready is one more crash: same pause-and-count path.
      if (stopping) return;
      options.say(`${service.name} failed to restart: ${err instanceof Error ? err.message : String(err)}`);
      return recover(entry, 'failed to restart');
    }
    if (stopping) {
      await entry.proc.stop(service.stopGraceMs);
      return;
    }
    watch(entry);
    options.onChange?.();
    options.say(
      `${service.name} restarted and ready, ${((Date.now() - diedAt) / 1000).toFixed(1)} s after it exited`,
    );
    await service.afterRestart?.(entry.proc).catch((err: unknown) => {
      options.say(`after restarting ${service.name}: ${err instanceof Error ? err.message : String(err)}`);
    });
  }

  return {
    async add(service) {
      const proc = await service.start();
      const entry = { service, proc, crashes: [] };
      entries.push(entry);
      if (stopping) {
        await proc.stop(service.stopGraceMs);
      } else {
        watch(entry);
        options.onChange?.();
      }
      return proc;
    },
    running: () => entries.map(({ service, proc }) => ({ service, proc })),
    async stopAll(onStopped) {
      stopping = true;
      const layers = [...new Set(entries.map((e) => e.service.layer))].sort((a, b) => b - a);
      for (const layer of layers) {
        await Promise.all(
          entries
            .filter((e) => e.service.layer === layer)
            .map(async (e) => {
              await e.proc.stop(e.service.stopGraceMs);
              onStopped?.(e.service.name);
            }),
        );
      }
    },
  };
}
