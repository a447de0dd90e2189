/**
 * The local stack launcher end to end, as `npm start` runs it: real servers on free ports in a temporary
 * state folder. Run twice, it keeps workflow history and objects, and leaves no process behind.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Client, Connection } from '@temporalio/client';
import { loadConfig } from '../../lib/config.js';
import { createObjectStore } from '../../lib/object-store.js';
import { freePort, startMinio, startTemporalDevServer } from '../../infra/servers.js';
import { resolveTool } from '../../infra/tools.js';
import { processesUsing, runStackOnce, stackEnv } from '../support/stack-launcher.js';

const stateDir = mkdtempSync(join(tmpdir(), 'cashflow-stack-'));
afterAll(() => rmSync(stateDir, { recursive: true, force: true }));

describe('local stack launcher', () => {
  it('starts everything, runs the probe, prints the URLs, stops cleanly, and keeps state across restarts', async () => {
    const first = await runStackOnce(await stackEnv(stateDir));
    expect(first.code, first.output).toBe(0);
    expect(first.output).toMatch(
      /store probe: store-probe-\S+ completed, wrote s3:\/\/cashflow\/probes\/\S+ \(\d+ bytes, verified=true\)/,
    );
    expect(first.output).toMatch(
      /API health: healthy \(object store reachable=true, temporal reachable=true\)/,
    );
    expect(first.output).toMatch(/Temporal UI\s+http:\/\/127\.0\.0\.1:\d+\/namespaces\/default\/workflows/);
    expect(first.output).toMatch(/MinIO console\s+http:\/\/127\.0\.0\.1:\d+\/browser\/cashflow/);
    // Prometheus scrapes the API, both workers, their Temporal SDK exporters, Temporal, MinIO and itself.
    expect(first.output).toMatch(/Prometheus: ready, 8 of 8 targets up/);
    expect(first.output).toMatch(/Prometheus\s+http:\/\/127\.0\.0\.1:\d+\/targets/);
    expect(first.output).toMatch(/schedule cashflow-daily-drift-check: created/);
    // Its own PostgreSQL cluster in the state folder, created on the first start, migrated before the workers.
    expect(first.output).toMatch(/PostgreSQL: created a cluster in \S+\/postgres/);
    expect(first.output).toMatch(/PostgreSQL: created database cashflow\n[^\n]*PostgreSQL: ready/);
    expect(first.output).toMatch(
      /PostgreSQL: (schema up to date|applied \d+ migration)[\s\S]*workers: starting/,
    );
    expect(first.output).toMatch(/PostgreSQL\s+postgres:\/\/cashflow@127\.0\.0\.1:\d+\/cashflow/);
    expect(processesUsing(stateDir)).toEqual([]);

    // Probe ids carry the second they started in; make sure the second run gets another one.
    await new Promise((r) => setTimeout(r, 1100));
    const second = await runStackOnce(await stackEnv(stateDir));
    expect(second.code, second.output).toBe(0);
    expect(second.output).toMatch(/schedule cashflow-daily-drift-check: updated/);
    expect(second.output).toMatch(/PostgreSQL: cluster in \S+\/postgres\n/);
    expect(second.output).toMatch(/PostgreSQL: schema up to date/);
    expect(processesUsing(stateDir)).toEqual([]);

    // Reopen the same state with the servers alone: both runs' history and objects are still there.
    const config = loadConfig({ STATE_DIR: stateDir });
    const [port, minioPort] = [await freePort(), await freePort()];
    const logDir = join(stateDir, 'verify-logs');
    const temporal = await startTemporalDevServer({
      bin: resolveTool(config, 'temporal'),
      port,
      uiPort: null,
      dbFile: join(stateDir, 'temporal.sqlite'),
      namespace: 'default',
      logDir,
    });
    const minio = await startMinio({
      bin: resolveTool(config, 'minio'),
      port: minioPort,
      consolePort: null,
      dataDir: join(stateDir, 'minio'),
      accessKey: config.s3.accessKey,
      secretKey: config.s3.secretKey,
      logDir,
    });
    try {
      const connection = await Connection.connect({ address: `127.0.0.1:${port}` });
      const client = new Client({ connection });
      const probes: string[] = [];
      for await (const wf of client.workflow.list({ query: `WorkflowType = 'storeProbeWorkflow'` })) {
        expect(wf.status.name).toBe('COMPLETED');
        probes.push(wf.workflowId);
      }
      await connection.close();
      expect(probes).toHaveLength(2);

      const store = createObjectStore({ ...config.s3, endpoint: `http://127.0.0.1:${minioPort}` });
      expect((await store.list('probes/')).sort()).toEqual(probes.map((id) => `probes/${id}.json`).sort());
    } finally {
      await Promise.all([temporal.stop(), minio.stop()]);
    }
  }, 240_000);
});
