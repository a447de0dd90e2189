/**
 * `npm run schedules -- apply`, run twice as a user runs it, against the real Temporal dev server: one of
 * each schedule, with the intended specs, actions and policies; pause, unpause and trigger work on them.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { resolve } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { ScheduleOverlapPolicy } from '@temporalio/client';
import { scheduleIds } from '../../schedules/index.js';
import { temporalClient } from './harness.js';

const root = resolve(import.meta.dirname, '../..');
const taskQueue = `schedules-test-${Date.now()}`;

async function schedules(...args: string[]): Promise<string> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', 'cli/schedules.ts', ...args],
    {
      cwd: root,
      env: {
        ...process.env,
        TEMPORAL_ADDRESS: inject('temporalAddress'),
        TEMPORAL_NAMESPACE: inject('temporalNamespace'),
        DRIFT_THRESHOLD: '0.3',
      },
    },
  );
  return stdout;
}

const client = await temporalClient();
afterAll(async () => {
  for (const id of Object.values(scheduleIds))
    await client.schedule
      .getHandle(id)
      .delete()
      .catch(() => undefined);
  await client.connection.close();
});

/** Actions a schedule has taken, waiting (briefly) until it has taken at least one. */
async function recentRuns(id: string): Promise<{ scheduledAt: string; workflowId: string }[]> {
  const handle = client.schedule.getHandle(id);
  for (let attempt = 0; attempt < 50; attempt++) {
    const { info } = await handle.describe();
    if (info.recentActions.length > 0) {
      return info.recentActions.map((a) => ({
        scheduledAt: a.scheduledAt.toISOString(),
        workflowId: a.action.workflow.workflowId,
      }));
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return [];
}

describe('schedules command', () => {
  it('applied twice leaves one of each schedule with the intended spec, action and policies', async () => {
    expect(await schedules('apply', '--task-queue', taskQueue)).toMatch(/cashflow-market-refresh: created/);
    // An operator's pause survives a re-apply; everything else follows the code.
    expect(await schedules('pause', scheduleIds.weeklyRetraining, '--note', 'holiday')).toMatch(/paused/);
    const second = await schedules('apply', '--task-queue', taskQueue);
    expect(second.trim().split('\n')).toEqual(Object.values(scheduleIds).map((id) => `${id}: updated`));

    const listed: string[] = [];
    for await (const s of client.schedule.list()) listed.push(s.scheduleId);
    expect(listed.filter((id) => id.startsWith('cashflow-')).sort()).toEqual(
      Object.values(scheduleIds).sort(),
    );

    const weekly = await client.schedule.getHandle(scheduleIds.weeklyRetraining).describe();
    expect(weekly.spec.calendars).toEqual([
      expect.objectContaining({
        dayOfWeek: [{ start: 'SUNDAY', end: 'SUNDAY', step: 1 }],
        hour: [{ start: 2, end: 2, step: 1 }],
      }),
    ]);
    expect(weekly.action).toMatchObject({ workflowType: 'trainingPipelineWorkflow', taskQueue });
    expect(weekly.policies).toMatchObject({ overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: 86_400_000 });
    expect(weekly.state).toMatchObject({ paused: true, note: 'holiday' });

    const drift = await client.schedule.getHandle(scheduleIds.dailyDriftCheck).describe();
    expect(drift.spec.calendars).toEqual([
      expect.objectContaining({
        hour: [{ start: 6, end: 6, step: 1 }],
        minute: [{ start: 0, end: 0, step: 1 }],
      }),
    ]);
    expect(drift.action).toMatchObject({ workflowType: 'driftMonitorWorkflow', taskQueue });
    expect(drift.action.args).toEqual([expect.objectContaining({ threshold: 0.3, windowHours: 24 })]);
    expect(drift.policies).toMatchObject({
      overlap: ScheduleOverlapPolicy.BUFFER_ONE,
      catchupWindow: 86_400_000,
    });
    expect(drift.state.paused).toBe(false);

    const refresh = await client.schedule.getHandle(scheduleIds.marketRefresh).describe();
    expect(refresh.spec.intervals).toEqual([expect.objectContaining({ every: 300_000 })]);
    expect(refresh.action).toMatchObject({ workflowType: 'marketRefreshWorkflow', taskQueue });
    expect(refresh.policies).toMatchObject({ overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: 300_000 });
  });

  it('unpauses, triggers and backfills from the command line', async () => {
    await schedules('apply', '--task-queue', taskQueue);
    expect(await schedules('unpause', scheduleIds.weeklyRetraining)).toMatch(/active/);
    expect((await client.schedule.getHandle(scheduleIds.weeklyRetraining).describe()).state.paused).toBe(
      false,
    );

    await schedules('trigger', scheduleIds.dailyDriftCheck);
    await schedules(
      'backfill',
      scheduleIds.marketRefresh,
      '--from',
      '2026-01-01T00:00:00Z',
      '--to',
      '2026-01-01T00:10:00Z',
    );
    // The started runs wait on a task queue no worker polls; what matters is which runs the schedules took.
    const drift = await recentRuns(scheduleIds.dailyDriftCheck);
    expect(drift).toHaveLength(1);
    // Backfilled actions carry the historic time they stand for; the first blocks the rest (BUFFER_ALL).
    const refresh = await recentRuns(scheduleIds.marketRefresh);
    expect(refresh).toEqual([
      {
        scheduledAt: '2026-01-01T00:00:00.000Z',
        workflowId: expect.stringMatching(/^scheduled-market-refresh-2026-01-01T00:00:00Z$/),
      },
    ]);
  });
});
