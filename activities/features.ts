/**
 * Stage 2, features: indicators per symbol, the forward cash-flow target, time-ordered splits with an
 * embargo, and the training rows' feature statistics stored as the drift baseline. Keyed by the data hash,
 * the settings and the catalogue entries in use (their declarations and code), so the same inputs reuse the
 * stored result and a changed feature never does.
 */
import { Context } from '@temporalio/activity';
import { baselineOf, type DriftBaseline } from '../lib/drift-stats.js';
import { encodeFeatureSet } from '../lib/feature-store.js';
import {
  buildFeatures,
  featureCodeKey,
  featureEntriesFor,
  timeOrderedSplits,
  type Splits,
} from '../lib/features.js';
import { featureSetKey, type FeatureChoice } from '../lib/feature-sets.js';
import { alignMacro } from '../lib/macro-join.js';
import { DatasetError, parseMarketCsv } from '../lib/market-data.js';
import { sha256Hex, type ObjectStore } from '../lib/object-store.js';
import type { MacroObservations } from '../lib/sources/fred.js';
import { featureSchemaHash } from '../models/registry/types.js';
import { failingFastOnBadInput } from './failures.js';
import type { DatasetRef } from './ingestion.js';

export interface BuildFeaturesInput {
  dataset: DatasetRef;
  horizon: number;
  riskThreshold: number;
  /** Absent in runs recorded before feature sets had names: the contract's fields. */
  features?: FeatureChoice;
  validationFraction: number;
  holdoutFraction: number;
}

/** The stored feature set, its time-ordered splits and the drift baseline of its training rows. */
export interface FeatureSetRef {
  key: string;
  featureNames: string[];
  featureSchemaHash: string;
  rows: number;
  horizon: number;
  splits: Splits;
  baselineKey: string;
  /** The features of the latest row: a real input, kept with the model as its example request. */
  exampleRow: Record<string, number>;
}

export function createFeatureActivities(deps: { store: ObjectStore }) {
  return {
    buildFeatures: failingFastOnBadInput(async (input: BuildFeaturesInput): Promise<FeatureSetRef> => {
      const { dataset, horizon } = input;
      const choice = input.features ?? 'contract';
      const observations = dataset.macroKey
        ? (JSON.parse((await deps.store.get(dataset.macroKey)).toString()) as MacroObservations)
        : undefined;
      const entries = featureEntriesFor(choice, Object.keys(observations?.series ?? {}));
      const settings = {
        horizon,
        riskThreshold: input.riskThreshold,
        v: input.validationFraction,
        h: input.holdoutFraction,
        macro: dataset.macroKey ?? null,
        features: featureSetKey(entries),
        code: featureCodeKey,
      };
      const id = sha256Hex(`${dataset.dataHash}:${JSON.stringify(settings)}`);
      const key = `features/${id}.bin`;
      const baselineKey = `features/${id}.baseline.json`;
      const refKey = `features/${id}.ref.json`;
      if (await deps.store.exists(refKey))
        return JSON.parse((await deps.store.get(refKey)).toString()) as FeatureSetRef;

      const csv = (await deps.store.get(dataset.key)).toString('utf8');
      const { data, report } = parseMarketCsv(csv, { defaultSymbol: 'UNKNOWN', source: dataset.key });
      // Ingestion stores only rows that pass these rules: a row dropped now would be data lost silently.
      if (report.quarantined.length > 0) {
        throw new DatasetError(
          `${dataset.key} has ${report.quarantined.length} rows the ingestion rules refuse (line ${report.quarantined[0]!.line}: ${report.quarantined[0]!.reason}): it was not stored by ingestion`,
        );
      }
      Context.current().heartbeat({ step: 'loaded', rows: data.date.length });
      const macro = observations ? await alignMacro(data.date, observations) : undefined;
      const set = buildFeatures(
        data,
        { horizon, riskThreshold: input.riskThreshold, features: choice },
        macro,
      );
      Context.current().heartbeat({ step: 'features', rows: set.nRows });
      const splits = timeOrderedSplits(set, {
        validationFraction: input.validationFraction,
        holdoutFraction: input.holdoutFraction,
        embargo: horizon,
      });

      const [start, end] = splits.train;
      const baseline: DriftBaseline = { featureNames: set.featureNames, rows: end - start, features: {} };
      set.featureNames.forEach((name, j) => {
        const column = new Float64Array(end - start);
        for (let i = start; i < end; i++) column[i - start] = set.x[i * set.nFeatures + j]!;
        baseline.features[name] = baselineOf(column);
      });

      await deps.store.put(key, encodeFeatureSet(set), { 'Content-Type': 'application/octet-stream' });
      await deps.store.put(baselineKey, JSON.stringify(baseline), { 'Content-Type': 'application/json' });
      const ref: FeatureSetRef = {
        key,
        featureNames: set.featureNames,
        featureSchemaHash: featureSchemaHash(set.featureNames),
        rows: set.nRows,
        horizon,
        splits,
        baselineKey,
        exampleRow: Object.fromEntries(
          set.featureNames.map((name, j) => [name, set.x[(set.nRows - 1) * set.nFeatures + j]!]),
        ),
      };
      // Written last: its presence means the feature set and the baseline are complete.
      await deps.store.put(refKey, JSON.stringify(ref), { 'Content-Type': 'application/json' });
      return ref;
    }),
  };
}
