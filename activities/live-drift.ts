/**
 * The drift monitor's check of live traffic: the API's logged inputs of a window against the served
 * model's training baseline, compared feature by feature as the pipeline's drift stage does
 * (lib/drift-stats.ts `driftReport`). The report goes to the store; the drift metrics are published.
 */
import { ApplicationFailure } from '@temporalio/activity';
import { driftReport, type DriftBaseline } from '../lib/drift-stats.js';
import type { ObjectStore } from '../lib/object-store.js';
import { featureColumns, readPredictionLogs } from '../lib/prediction-log-reader.js';
import { compactTimestamp } from '../lib/temporal-names.js';
import type { WorkerMetrics } from '../lib/worker-metrics.js';
import type { ModelRegistry } from '../models/registry/types.js';
import { throttledHeartbeat } from './run-context.js';

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

export function createLiveDriftActivities(deps: {
  store: ObjectStore;
  registry: ModelRegistry;
  metrics: WorkerMetrics;
}) {
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
      // A feature no logged row carries is left out of the report, not compared with nothing.
      const drift = driftReport(
        features.filter((name) => columns[name]!.length > 0).map((name) => [name, columns[name]!] as const),
        baseline.features,
        (f) => f.wassersteinNormalized > input.threshold,
      );
      const perFeature = drift.features;
      const enough = records.length >= input.minSamples && Object.keys(perFeature).length > 0;
      const verdict = !enough ? 'insufficient-data' : drift.driftedFeatures.length > 0 ? 'drift' : 'stable';
      const summary: LiveDriftSummary & { reportKey: string } = {
        reportKey: `monitoring/${input.modelName}/drift/${compactTimestamp(new Date(input.window.to))}.json`,
        modelName: input.modelName,
        version: manifest.version,
        window: input.window,
        samples: records.length,
        verdict,
        driftedFeatures: drift.driftedFeatures,
        maxWassersteinNormalized: drift.maxWassersteinNormalized,
        maxPsi: drift.maxPsi,
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
  };
}
