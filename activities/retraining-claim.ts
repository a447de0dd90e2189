/**
 * The retraining claim that enforces the cool-down between alarms: the drift monitor and the market
 * refresh ask it before starting a retraining run (workflows/retraining.ts).
 */
import type { ObjectStore } from '../lib/object-store.js';
import { compactTimestamp } from '../lib/temporal-names.js';
import { runIdentity } from './run-context.js';

export type RetrainingReason = 'drift' | 'accuracy';

export interface ClaimRetrainingInput {
  modelName: string;
  reason: RetrainingReason;
  cooldownHours: number;
  /** Workflow time of the claim (ISO), so a retried activity decides the same way. */
  at: string;
}

interface RetrainingClaim {
  workflowId: string;
  reason: RetrainingReason;
  claimedAt: string;
  claimant: { workflowId: string; runId: string };
}

/**
 * The retraining cool-down. Claims live under one key per cool-down window, written only if absent (a
 * conditional PUT), so two alarms at the same moment cannot both win; a claim from the previous window still
 * counts while it is younger than the cool-down. A retry by the same claimant gets its own claim back.
 */
export async function claimRetrainingWindow(
  store: ObjectStore,
  input: ClaimRetrainingInput,
  claimant: { workflowId: string; runId: string },
): Promise<{ start: boolean; workflowId: string; claimedAt: string }> {
  const cooldownMs = input.cooldownHours * 3_600_000;
  const at = Date.parse(input.at);
  const window = Math.floor(at / cooldownMs);
  const keyOf = (w: number) => `monitoring/${input.modelName}/retraining-claims/${w}.json`;
  const read = async (key: string) =>
    (await store.exists(key))
      ? (JSON.parse((await store.get(key)).toString()) as RetrainingClaim)
      : undefined;
  const verdict = (claim: RetrainingClaim) => {
    const mine = claim.claimant.workflowId === claimant.workflowId && claim.claimant.runId === claimant.runId;
    if (mine) return { start: true, workflowId: claim.workflowId, claimedAt: claim.claimedAt };
    if (at - Date.parse(claim.claimedAt) < cooldownMs) {
      return { start: false, workflowId: claim.workflowId, claimedAt: claim.claimedAt };
    }
    return undefined;
  };
  for (const w of [window, window - 1]) {
    const previous = await read(keyOf(w));
    const decided = previous && verdict(previous);
    if (decided) return decided;
  }
  const claim: RetrainingClaim = {
    workflowId: `retraining-${input.modelName}-${input.reason}-${compactTimestamp(new Date(input.at))}`,
    reason: input.reason,
    claimedAt: input.at,
    claimant,
  };
  if (await store.putIfAbsent(keyOf(window), JSON.stringify(claim, null, 2))) {
    return { start: true, workflowId: claim.workflowId, claimedAt: claim.claimedAt };
  }
  // Another alarm claimed this window between our look and our write: its claim decides.
  const winner = (await read(keyOf(window)))!;
  return verdict(winner) ?? { start: false, workflowId: winner.workflowId, claimedAt: winner.claimedAt };
}

export function createRetrainingClaimActivities(deps: { store: ObjectStore }) {
  return {
    async claimRetraining(
      input: ClaimRetrainingInput,
    ): Promise<{ start: boolean; workflowId: string; claimedAt: string }> {
      return claimRetrainingWindow(deps.store, input, runIdentity());
    },
  };
}
