/**
 * Node's default process metrics plus the two denominators the CPU and memory alerts need: how many cores
 * the process may use and how much memory the machine (or its cgroup) allows. Without them "CPU over 80 %"
 * could only mean 80 % of one core, and memory could only be judged in bytes.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism, totalmem } from 'node:os';
import { Gauge, collectDefaultMetrics, type Registry } from 'prom-client';

function cgroupMemoryLimit(): number | undefined {
  try {
    const raw = readFileSync('/sys/fs/cgroup/memory.max', 'utf8').trim();
    const n = Number(raw);
    return raw === 'max' || !Number.isFinite(n) ? undefined : n;
  } catch {
    return undefined;
  }
}

export function registerProcessMetrics(registry: Registry): void {
  collectDefaultMetrics({ register: registry });
  new Gauge({
    name: 'process_cpu_cores',
    help: 'CPU cores available to this process (the denominator of the CPU alert).',
    registers: [registry],
  }).set(availableParallelism());
  const limit = Math.min(totalmem(), cgroupMemoryLimit() ?? Number.POSITIVE_INFINITY);
  new Gauge({
    name: 'process_memory_limit_bytes',
    help: 'Memory this process may use: the machine total or its cgroup limit, whichever is lower.',
    registers: [registry],
  }).set(limit);
}
