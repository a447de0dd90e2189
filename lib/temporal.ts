/** Temporal client connections for the CLI, the API and the stack launcher (workers use NativeConnection). */
import { Client, Connection } from '@temporalio/client';
import proto from '@temporalio/proto';
import type { Config } from './config.js';
import { withTimeout } from './object-store.js';

export async function connectClient(temporal: Config['temporal']): Promise<Client> {
  const connection = await Connection.connect({ address: temporal.address, connectTimeout: '5s' });
  return new Client({ connection, namespace: temporal.namespace });
}

/**
 * The namespace's server answers within `timeoutMs`: it exists and the server says its version. The dev
 * server opens its port a moment before it has registered the default namespace, so a bare TCP check is
 * not enough.
 */
export async function describeTemporal(
  connection: Connection,
  temporal: Pick<Config['temporal'], 'address' | 'namespace'>,
  timeoutMs: number,
): Promise<{ serverVersion: string }> {
  const what = `Temporal at ${temporal.address}`;
  const service = connection.workflowService;
  await withTimeout(service.describeNamespace({ namespace: temporal.namespace }), timeoutMs, what);
  const info = await withTimeout(service.getSystemInfo({}), timeoutMs, what);
  return { serverVersion: info.serverVersion ?? 'unknown' };
}

/** Connects, checks the namespace (describeTemporal) and disconnects: readiness for the launcher. */
export async function temporalNamespaceReady(
  temporal: Pick<Config['temporal'], 'address' | 'namespace'>,
  timeoutMs = 2000,
): Promise<{ serverVersion: string }> {
  const connection = await Connection.connect({ address: temporal.address, connectTimeout: timeoutMs });
  try {
    return await describeTemporal(connection, temporal, timeoutMs);
  } finally {
    await connection.close();
  }
}

const { TaskQueueType, PendingActivityState } = proto.temporal.api.enums.v1;

/** Which of a task queue's two halves a describeTaskQueue call is about: workflow tasks or activity tasks. */
export const taskQueueKinds = {
  workflow: TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
  activity: TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY,
} as const;
export type TaskQueueKind = (typeof taskQueueKinds)[keyof typeof taskQueueKinds];

/** A pending activity that a worker is running now (not scheduled, not backing off between attempts). */
export const activityRunning = PendingActivityState.PENDING_ACTIVITY_STATE_STARTED;

/**
 * Whether the process `pid` on this host polls `queue`: a worker's default identity is `<pid>@<host>`. A
 * worker that died stays listed as a poller for a while, so "some poller" would also be true of the dead.
 */
export async function pollsTaskQueue(
  connection: Connection,
  namespace: string,
  queue: string,
  kind: TaskQueueKind,
  pid: number,
): Promise<boolean> {
  const res = await connection.workflowService.describeTaskQueue({
    namespace,
    taskQueue: { name: queue },
    taskQueueType: kind,
  });
  return (res.pollers ?? []).some((p) => p.identity?.startsWith(`${pid}@`));
}
