/** The retraining cool-down on the real MinIO: concurrent alarms, retries and the cool-down's edges. */
import { describe, expect, it } from 'vitest';
import { claimRetrainingWindow } from '../../activities/retraining-claim.js';
import { isolatedStore } from './harness.js';

const run = (n: number) => ({ workflowId: `drift-check-${n}`, runId: `run-${n}` });
const input = (at: string) => ({
  modelName: 'cashflow-forecaster',
  reason: 'drift' as const,
  cooldownHours: 24,
  at,
});

describe('retraining claim', () => {
  it('lets exactly one of many simultaneous alarms start a retraining', async () => {
    const store = await isolatedStore('claims');
    const at = '2026-11-21T10:00:00.000Z';
    const results = await Promise.all(
      [1, 2, 3, 4, 5, 6].map((n) => claimRetrainingWindow(store, input(at), run(n))),
    );
    expect(results.filter((r) => r.start)).toHaveLength(1);
    expect(new Set(results.map((r) => r.workflowId)).size).toBe(1);
  });

  it('gives a retry its own claim back, refuses others within the cool-down, and allows one after it', async () => {
    const store = await isolatedStore('claims');
    const first = await claimRetrainingWindow(store, input('2026-11-21T23:00:00.000Z'), run(1));
    expect(first.start).toBe(true);
    expect(await claimRetrainingWindow(store, input('2026-11-21T23:00:00.000Z'), run(1))).toEqual(first);
    // Two hours later the day (window) has changed, but the claim is only two hours old: still refused.
    const later = await claimRetrainingWindow(store, input('2026-11-22T01:00:00.000Z'), run(2));
    expect(later).toMatchObject({ start: false, workflowId: first.workflowId });
    const nextDay = await claimRetrainingWindow(store, input('2026-11-23T00:00:00.000Z'), run(3));
    expect(nextDay.start).toBe(true);
    expect(nextDay.workflowId).not.toBe(first.workflowId);
  });
});
