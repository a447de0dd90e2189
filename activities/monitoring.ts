/**
 * The drift monitor's activities: live traffic against the production model's training baseline, the
 * retraining claim that enforces the cool-down, and the metrics of what the workflows decided (workflow
 * code cannot touch a metrics registry, so they report through these).
 */
import { ApplicationFailure } from '@temporalio/activity';
import { featureDrift, type DriftBaseline, type FeatureDrift } from '../lib/drift-stats.js';
import type { ObjectStore } from '../lib/object-store.js';
import { featureColumns, readPredictionLogs } from '../lib/prediction-log-reader.js';
import { compactTimestamp } from '../lib/temporal-names.js';
import type { WorkerMetrics } from '../lib/worker-metrics.js';
import type { ModelRegistry } from '../models/registry/types.js';
import { runIdentity, throttledHeartbeat } from './run-context.js';

export type RetrainingReason = 'drift' | 'accuracy';

export interface CheckLiveDriftInput {
  modelName: string;
  alias: string;
  window: { from: string; to: string };
  threshold: number;
  minSamples: number;
}

export interface LiveDriftSummary {
  /** Null when no model is served yet (nothing to compare with). */
  reportKey: string | null;
  modelName: string;
  version: string | null;
  window: { from: string; to: string };
  samples: number;
  verdict: 'drift' | 'stable' | 'insufficient-data' | 'no-model';
  driftedFeatures: string[];
  maxWassersteinNormalized: number;
  maxPsi: number;
}

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

export interface MonitoringDeps {
  store: ObjectStore;
  registry: ModelRegistry;
  metrics: WorkerMetrics;
}

/** The served version's manifest, or undefined before the first deployment (a normal state, not an error). */
export async function servedManifest(registry: ModelRegistry, modelName: string, alias: string) {
  const record = await registry.getAlias(modelName, alias);
  return record ? registry.getManifest(modelName, record.version) : undefined;
}

const noModel = (input: { modelName: string }) => ({
  modelName: input.modelName,
  samples: 0,
  verdict: 'no-model' as const,
  driftedFeatures: [],
  maxWassersteinNormalized: 0,
  maxPsi: 0,
});

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

export function createMonitoringActivities(deps: MonitoringDeps) {
  const { store, registry, metrics } = deps;
  return {
    async checkLiveDrift(input: CheckLiveDriftInput): Promise<LiveDriftSummary> {
      const manifest = await servedManifest(registry, input.modelName, input.alias);
      const heartbeat = throttledHeartbeat();
      if (!manifest) return { ...noModel(input), reportKey: null, version: null, window: input.window };
      const baselineKey = manifest.details?.driftBaselineKey;
      if (typeof baselineKey !== 'string') {
        throw ApplicationFailure.nonRetryable(
          `${input.modelName} ${manifest.version} has no drift baseline in its manifest`,
          'NoDriftBaseline',
        );
      }
      const baseline = JSON.parse((await store.get(baselineKey)).toString()) as DriftBaseline;
      const { records, objects } = await readPredictionLogs(
        store,
        input.modelName,
        input.window,
        (read, of) => heartbeat({ step: 'reading prediction logs', read, of }),
      );
      const features = manifest.featureSchema.filter((name) => baseline.features[name]);
      const columns = featureColumns(records, features);
      const perFeature: Record<string, FeatureDrift & { drifted: boolean }> = {};
      for (const name of features) {
        if (columns[name]!.length === 0) continue;
        const drift = featureDrift(baseline.features[name]!, columns[name]!);
        perFeature[name] = { ...drift, drifted: drift.wassersteinNormalized > input.threshold };
      }
      const enough = records.length >= input.minSamples && Object.keys(perFeature).length > 0;
      const drifted = Object.entries(perFeature).filter(([, d]) => d.drifted);
      const verdict = !enough ? 'insufficient-data' : drifted.length > 0 ? 'drift' : 'stable';
      const values = Object.values(perFeature);
      const summary: LiveDriftSummary & { reportKey: string } = {
        reportKey: `monitoring/${input.modelName}/drift/${compactTimestamp(new Date(input.window.to))}.json`,
        modelName: input.modelName,
        version: manifest.version,
        window: input.window,
        samples: records.length,
        verdict,
        driftedFeatures: drifted.map(([name]) => name),
        maxWassersteinNormalized: Math.max(0, ...values.map((d) => d.wassersteinNormalized)),
        maxPsi: Math.max(0, ...values.map((d) => d.psi)),
      };
      const report = { ...summary, threshold: input.threshold, logObjects: objects, features: perFeature };
      await store.put(summary.reportKey, JSON.stringify(report, null, 2), {
        'Content-Type': 'application/json',
      });

      // Gauges describe the latest verdict; with too few rows they are left as they were, not zeroed.
      const model = input.modelName;
      metrics.driftChecks.inc({ model });
      metrics.driftEvents.inc({ model }, 0); // the series exists before the first event, for increase()
      metrics.driftSamples.set({ model }, records.length);
      metrics.driftThreshold.set({ model }, input.threshold);
      if (enough) {
        for (const [feature, d] of Object.entries(perFeature)) {
          metrics.driftWasserstein.set({ model, feature }, d.wassersteinNormalized);
          metrics.driftPsi.set({ model, feature }, d.psi);
          metrics.driftKs.set({ model, feature }, d.ks);
        }
        metrics.driftDetected.set({ model }, verdict === 'drift' ? 1 : 0);
        if (verdict === 'drift') metrics.driftEvents.inc({ model });
      }
      return summary;
    },

    async claimRetraining(
      input: ClaimRetrainingInput,
    ): Promise<{ start: boolean; workflowId: string; claimedAt: string }> {
      return claimRetrainingWindow(store, input, runIdentity());
    },

    async recordRetrainingStarted(input: { reason: RetrainingReason; workflowId: string }): Promise<void> {
      metrics.retrainingTriggered.inc({ reason: input.reason });
    },

    async recordPipelineRun(input: {
      /** The run's outcome, or `failed`. */
      outcome: string;
      stageSeconds: Record<string, number>;
    }): Promise<void> {
      metrics.pipelineRuns.inc({ outcome: input.outcome });
      for (const [stage, seconds] of Object.entries(input.stageSeconds)) {
        metrics.stageDuration.observe({ stage }, seconds);
      }
    },
  };
}
