import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../lib/config.js';
import {
  apiService,
  minioService,
  prometheusService,
  temporalService,
  workerServices,
} from '../../../infra/stack-services.js';
import { stackTargets } from '../../../infra/stack-monitoring.js';

describe('stack services', () => {
  it('give each worker its configured drain time and a margin before SIGKILL; servers stop last', () => {
    const ctx = { config: loadConfig({ WORKER_DRAIN_SECONDS: '45' }), logDir: '/tmp/unused' };
    const workers = workerServices(ctx);
    expect(workers.map((w) => [w.name, w.queue, w.stopGraceMs])).toEqual([
      ['worker-pipeline', 'cashflow-pipeline', 60_000],
      ['worker-training', 'cashflow-pipeline-training', 60_000],
    ]);
    const layers = [
      temporalService(ctx),
      minioService(ctx),
      ...workers,
      apiService(ctx, {}),
      prometheusService(ctx, stackTargets(ctx.config)),
    ].map((s) => [s.name, s.layer]);
    // Stopped highest layer first: Prometheus, the API, both workers together, then the servers.
    expect(layers).toEqual([
      ['temporal', 0],
      ['minio', 0],
      ['worker-pipeline', 1],
      ['worker-training', 1],
      ['api', 2],
      ['prometheus', 3],
    ]);
  });
});
