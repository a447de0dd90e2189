/**
 * Stage 5, drift: each feature's distribution in the most recent rows (holdout onwards, labelled or not)
 * against the training baseline: PSI, Kolmogorov-Smirnov and the normalised Wasserstein distance. The full
 * report goes to the store; the result carries the summary.
 */
import { DatasetError } from '../lib/dataset-error.js';
import { driftReport, type DriftBaseline } from '../lib/drift-stats.js';
import type { ObjectStore } from '../lib/object-store.js';
import type { FeatureSetRef } from './features.js';
import { loadFeatureSet, runPrefix } from './run-context.js';
import { failingFastOnBadInput } from './failures.js';

export interface CheckDriftInput {
  features: FeatureSetRef;
  /** A feature drifts when its normalised Wasserstein distance or its PSI exceeds these. */
  wassersteinThreshold: number;
  psiThreshold: number;
}

/** Where the full report is, and its summary. */
export interface DriftSummary {
  reportKey: string;
  featuresChecked: number;
  driftedFeatures: string[];
  maxPsi: number;
  maxWassersteinNormalized: number;
}

export function createDriftActivities(deps: { store: ObjectStore }) {
  return {
    checkDrift: failingFastOnBadInput(async (input: CheckDriftInput): Promise<DriftSummary> => {
      const set = await loadFeatureSet(deps.store, input.features);
      const baseline = JSON.parse(
        (await deps.store.get(input.features.baselineKey)).toString(),
      ) as DriftBaseline;
      const start = input.features.splits.holdout[0];
      const d = set.nFeatures;
      const columns = set.featureNames.map((name, j) => {
        if (!baseline.features[name]) {
          throw new DatasetError(
            `drift baseline ${input.features.baselineKey} has no statistics for feature ${name}: it belongs to another feature set`,
          );
        }
        const recent = new Float64Array(set.nRows - start);
        for (let i = start; i < set.nRows; i++) recent[i - start] = set.x[i * d + j]!;
        return [name, recent] as const;
      });
      const drift = driftReport(
        columns,
        baseline.features,
        (f) => f.wassersteinNormalized > input.wassersteinThreshold || f.psi > input.psiThreshold,
      );
      const reportKey = `${runPrefix()}/drift-report.json`;
      const report = {
        window: {
          fromRow: start,
          toRow: set.nRows,
          fromDate: set.date[start],
          toDate: set.date[set.nRows - 1],
        },
        thresholds: { wassersteinNormalized: input.wassersteinThreshold, psi: input.psiThreshold },
        features: drift.features,
      };
      await deps.store.put(reportKey, JSON.stringify(report, null, 2), {
        'Content-Type': 'application/json',
      });
      return {
        reportKey,
        featuresChecked: columns.length,
        driftedFeatures: drift.driftedFeatures,
        maxPsi: drift.maxPsi,
        maxWassersteinNormalized: drift.maxWassersteinNormalized,
      };
    }),
  };
}
