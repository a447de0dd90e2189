/**
 * Applying schedules: fixed ids make `apply` idempotent: it creates a missing schedule and updates an
 * existing one in place, keeping its paused state and note. What each domain schedules is declared in
 * schedules/<domain>.ts and collected in schedules/index.ts.
 */
import { ScheduleNotFoundError, type Client, type ScheduleOptions } from '@temporalio/client';
import type { Config } from './config.js';

/** What a domain's schedule declarations are built from. */
export interface ScheduleContext {
  config: Config;
  /** The task queue of the worker that runs the scheduled workflows. */
  taskQueue: string;
}

/** One domain's schedules: their fixed ids and how to build them from the configuration. */
export interface ScheduleDomain<Ids extends Record<string, string> = Record<string, string>> {
  /** Every schedule id of the domain, in the order `schedules` declares them. */
  ids: Ids;
  schedules(context: ScheduleContext): ScheduleOptions[];
}

export async function applySchedules(
  client: Client,
  definitions: ScheduleOptions[],
): Promise<{ scheduleId: string; result: 'created' | 'updated' }[]> {
  const results: { scheduleId: string; result: 'created' | 'updated' }[] = [];
  for (const options of definitions) {
    const handle = client.schedule.getHandle(options.scheduleId);
    const exists = await handle.describe().then(
      () => true,
      (err: unknown) => {
        if (err instanceof ScheduleNotFoundError) return false;
        throw err;
      },
    );
    if (!exists) {
      await client.schedule.create(options);
      results.push({ scheduleId: options.scheduleId, result: 'created' });
      continue;
    }
    // Spec, action and policies follow the code; the paused state and note stay as the operator left them.
    await handle.update((previous) => ({
      ...previous,
      spec: options.spec,
      action: options.action,
      policies: options.policies,
    }));
    results.push({ scheduleId: options.scheduleId, result: 'updated' });
  }
  return results;
}
