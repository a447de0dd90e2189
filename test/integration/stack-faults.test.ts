/**
 * The launcher as `npm start` runs it (real servers on free ports, a state folder of its own), under faults,
 * in turn: the training worker killed mid-training, MinIO killed under a stream of /predict requests, the
 * Temporal dev server killed; the launcher restarts each while the rest keeps serving. Then the launcher
 * itself is killed with SIGKILL and the next start stops what it left behind. Each recovery time is printed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, Connection } from '@temporalio/client';
import { latestSampleRow } from '../../cli/sample-request.js';
import { runStoreProbe } from '../../cli/store-probe.js';
import { stillRunning } from '../../infra/process-identity.js';
import { readRunRecord } from '../../infra/run-state.js';
import { loadConfig } from '../../lib/config.js';
import { createObjectStore } from '../../lib/object-store.js';
import { activityRunning } from '../../lib/temporal.js';
import { createObjectStoreRegistry } from '../../models/registry/object-store-registry.js';
import {
  processesUsing,
  recordedChild,
  runStackOnce,
  stackEnv,
  startLauncher,
  type LauncherRun,
} from '../support/stack-launcher.js';

const stateDir = mkdtempSync(join(tmpdir(), 'cashflow-faults-'));
// A small training on the sample, long enough (trees and epochs heart-beating for seconds) to be killed in.
const trainInput = JSON.stringify({
  range: { from: '2014-01-01' },
  model: { nEstimators: 40, cashflowEpochs: 10 },
  gate: { maxMase: 2, minDirectionalAccuracy: 0.3, minIntervalCoverage: 0.3 },
});
const seconds = (ms: number) => (ms / 1000).toFixed(1);
const report = (line: string) => console.log(`[stack faults] ${line}`);

let env: NodeJS.ProcessEnv;
let launcher: LauncherRun;
let client: Client;

const versions = () => {
  const config = loadConfig(env);
  return createObjectStoreRegistry(createObjectStore(config.s3)).listVersions(config.api.model.name);
};
const kill = (name: string) => process.kill(recordedChild(stateDir, name).pid, 'SIGKILL');

beforeAll(async () => {
  // Requests of the stream below are not to be rate-limited: a 429 would count as a failed request.
  env = await stackEnv(stateDir, { RATE_LIMIT_PER_MINUTE: '1000000' });
  launcher = startLauncher(env, ['--train-input', trainInput]);
  await launcher.waitFor(/Temporal dev server: ready/);
  client = new Client({
    connection: await Connection.connect({ address: `127.0.0.1:${env.TEMPORAL_PORT}` }),
  });
});

afterAll(async () => {
  await client?.connection.close();
  if (launcher.child.exitCode === null) {
    launcher.child.kill('SIGTERM');
    await launcher.exited;
  }
  rmSync(stateDir, { recursive: true, force: true });
});

describe.sequential('the launcher supervises', () => {
  it('restarts the training worker killed mid-training; the run completes with one version', async () => {
    const [, workflowId] = await launcher.waitFor(/training: (training-sample-\S+) on/);
    const handle = client.workflow.getHandle(workflowId!);
    const training = async () =>
      ((await handle.describe()).raw.pendingActivities ?? []).filter(
        (a) => a.activityType?.name?.startsWith('train') && a.state === activityRunning,
      );
    // Mid-training: a tree or an epoch done, as the activity's own heartbeat says.
    for (;;) {
      const beats = (await training()).map((a) => a.heartbeatDetails?.payloads?.[0]?.data ?? []);
      if (beats.some((data) => /"(trees|epoch)"/.test(Buffer.from(data).toString()))) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const from = launcher.output().length;
    const killedAt = Date.now();
    kill('worker-training');

    let retriedAt: number | undefined;
    while (retriedAt === undefined) {
      if ((await training()).some((a) => (a.attempt ?? 1) > 1)) retriedAt = Date.now();
      else await new Promise((r) => setTimeout(r, 200));
    }
    const [, restart] = await launcher.waitFor(/worker-training restarted and ready, ([\d.]+) s after/, {
      from,
    });
    await launcher.waitFor(/outcome: deployed/, { from });
    const completedAt = Date.now();

    expect(launcher.output().slice(from)).toMatch(
      /worker-training exited unexpectedly \(SIGKILL\); restarting/,
    );
    // The launcher prints the served model after the outcome line, once it has read the alias back.
    await launcher.waitFor(/model: cashflow-forecaster v0001 -> production\n/, { from });
    expect(await versions()).toEqual(['v0001']);
    report(
      `training worker SIGKILLed mid-training: restarted by the launcher in ${restart} s, training running again ` +
        `after ${seconds(retriedAt - killedAt)} s, run completed after ${seconds(completedAt - killedAt)} s, one version`,
    );
  }, 300_000);

  it('restarts MinIO killed under a stream of /predict requests; no request fails', async () => {
    const [, token] = await launcher.waitFor(/API token\s+(\S+)/);
    const body = JSON.stringify({ data: (await latestSampleRow()).data });
    const statuses = new Map<string, number>();
    let streaming = true;
    const stream = async () => {
      while (streaming) {
        const outcome = await fetch(`http://127.0.0.1:${env.API_PORT}/predict`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body,
        }).then(
          (res) => String(res.status),
          (err: unknown) => `error ${err instanceof Error ? err.message : String(err)}`,
        );
        statuses.set(outcome, (statuses.get(outcome) ?? 0) + 1);
      }
    };
    const clients = Array.from({ length: 4 }, stream);
    await new Promise((r) => setTimeout(r, 1000));
    const from = launcher.output().length;
    const killedAt = Date.now();
    kill('minio');
    const [, restart] = await launcher.waitFor(/minio restarted and ready, ([\d.]+) s after/, {
      from,
      timeoutMs: 60_000,
    });
    const recoveredAt = Date.now();
    await new Promise((r) => setTimeout(r, 1000));
    streaming = false;
    await Promise.all(clients);

    const total = [...statuses.values()].reduce((a, b) => a + b, 0);
    expect(Object.fromEntries(statuses)).toEqual({ '200': total });
    const ready = await fetch(`http://127.0.0.1:${env.API_PORT}/ready`);
    expect(ready.status).toBe(200);
    report(
      `MinIO SIGKILLed under /predict traffic: restarted by the launcher in ${restart} s ` +
        `(${seconds(recoveredAt - killedAt)} s from the kill); ${total} requests, 0 failed`,
    );
  }, 120_000);

  it('restarts the Temporal dev server; the workers poll again and history is kept', async () => {
    await launcher.waitFor(/The stack is up/);
    const from = launcher.output().length;
    const killedAt = Date.now();
    kill('temporal');
    const [, restart] = await launcher.waitFor(/temporal restarted and ready, ([\d.]+) s after/, { from });
    await launcher.waitFor(/worker-pipeline: polling cashflow-pipeline again/, { from });
    await launcher.waitFor(/worker-training: polling cashflow-pipeline-training again/, { from });

    const connection = await Connection.connect({ address: `127.0.0.1:${env.TEMPORAL_PORT}` });
    try {
      const probe = await runStoreProbe(new Client({ connection }), 'after a Temporal restart');
      expect(probe.result.verified).toBe(true);
      const probedAt = Date.now();
      const [, workflowId] = /training: (training-sample-\S+) on/.exec(launcher.output())!;
      const run = await new Client({ connection }).workflow.getHandle(workflowId!).describe();
      expect(run.status.name).toBe('COMPLETED');
      report(
        `Temporal SIGKILLed: restarted by the launcher in ${restart} s; a store probe through it and both ` +
          `workers completed ${seconds(probedAt - killedAt)} s after the kill; the training run's history is kept`,
      );
    } finally {
      await connection.close();
    }
    expect(launcher.child.exitCode).toBeNull();
  }, 180_000);
});

describe.sequential('after the launcher is killed with SIGKILL', () => {
  it('the next start stops the processes it left, comes up on the same ports, and reuses the model', async () => {
    const left = readRunRecord(stateDir)!.children;
    expect(left.map((c) => c.name).sort()).toEqual(
      ['api', 'minio', 'postgres', 'prometheus', 'temporal', 'worker-pipeline', 'worker-training'].sort(),
    );
    launcher.child.kill('SIGKILL');
    await launcher.exited;
    // The children outlive it, holding the ports and the data folders.
    expect(left.filter(stillRunning).map((c) => c.name)).toEqual(left.map((c) => c.name));

    const next = await runStackOnce(env, ['--train-input', trainInput]);
    expect(next.code, next.output).toBe(0);
    expect(next.output).toMatch(
      /an earlier launcher died without stopping temporal pid \d+, minio pid \d+, .*: stopping them first/,
    );
    expect(left.filter(stillRunning)).toEqual([]);
    // Same data, parameters and code as production: the start keeps v0001 and says so.
    expect(next.output).toMatch(/model: cashflow-forecaster v0001 -> production \(reused: /);
    expect(next.output).toMatch(
      /API: serving v0001; POST \/predict with the features of \S+ answered HTTP 200/,
    );
    expect(processesUsing(stateDir)).toEqual([]);
    expect(readRunRecord(stateDir)).toBeUndefined();
    report(`the next start stopped ${left.length} processes the killed launcher left, and reused v0001`);
  }, 300_000);
});
