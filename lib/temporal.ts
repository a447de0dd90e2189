/** Temporal client connections for the CLI, the API and the stack launcher (workers use NativeConnection). */
import { Client, Connection } from '@temporalio/client';
import type { Config } from './config.js';
import { withTimeout } from './object-store.js';

export async function connectClient(temporal: Config['temporal']): Promise<Client> {
  const connection = await Connection.connect({ address: temporal.address, connectTimeout: '5s' });
  return new Client({ connection, namespace: temporal.namespace });
}

/**
 * True once the frontend answers and the namespace exists: the dev server opens its port a moment before
 * it has registered the default namespace, so a bare TCP check is not enough.
 */
export async function temporalNamespaceReady(
  temporal: Pick<Config['temporal'], 'address' | 'namespace'>,
  timeoutMs = 2000,
): Promise<{ serverVersion: string }> {
  const connection = await Connection.connect({ address: temporal.address, connectTimeout: timeoutMs });
  try {
    await withTimeout(
      connection.workflowService.describeNamespace({ namespace: temporal.namespace }),
      timeoutMs,
      `Temporal at ${temporal.address}`,
    );
    const info = await connection.workflowService.getSystemInfo({});
    return { serverVersion: info.serverVersion ?? 'unknown' };
  } finally {
    await connection.close();
  }
}
