/**
 * Realised performance: logged predictions whose horizon has passed in the newest market data are joined
 * with what happened (the forward cash flow the features stage computes as its target), and their MAE is
 * published next to the validation MAE from the model's manifest. A logged row is matched by its `as_of`
 * date and price when the client sent one, else by its price and 20-day average (a pair that identifies a
 * trading day of one symbol in practice).
 */
import { buildFeatures, type FeatureSet } from '../lib/features.js';
import { parseMarketCsv } from '../lib/market-data.js';
import type { ObjectStore } from '../lib/object-store.js';
import { readPredictionLogs, type LoggedPrediction } from '../lib/prediction-log-reader.js';
import { compactTimestamp } from '../lib/temporal-names.js';
import type { WorkerMetrics } from '../lib/worker-metrics.js';
import type { ModelRegistry } from '../models/registry/types.js';
import type { DatasetRef } from './ingestion.js';
import { servedManifest } from './live-drift.js';
import { throttledHeartbeat } from './run-context.js';

export interface MeasureRealisedInput {
  modelName: string;
  alias: string;
  dataset: DatasetRef;
  window: { from: string; to: string };
  accuracyDropThreshold: number;
  minSamples: number;
}

export interface RealisedPerformance {
  /** Null when no model is served yet. */
  reportKey: string | null;
  modelName: string;
  version: string | null;
  samples: number;
  realisedMae: number | null;
  validationMae: number | null;
  /** realised / validation - 1; null without samples. */
  drop: number | null;
  verdict: 'degraded' | 'ok' | 'insufficient-data' | 'no-model';
}

// Ten significant digits: equal for the same double sent back, robust to a client's float formatting.
const num = (v: number | undefined) => (v === undefined ? 'NaN' : v.toPrecision(10));

/** Row index by (date, price) and by (price, sma_20), for rows whose horizon has passed. */
function indexRows(set: FeatureSet) {
  const price = set.featureNames.indexOf('stock_price');
  const sma20 = set.featureNames.indexOf('sma_20');
  const byDate = new Map<string, number>();
  const byValues = new Map<string, number>();
  for (let i = 0; i < set.nRows; i++) {
    if (!Number.isFinite(set.target[i])) continue;
    const p = set.x[i * set.nFeatures + price];
    byDate.set(`${set.date[i]}|${num(p)}`, i);
    byValues.set(`${num(p)}|${num(set.x[i * set.nFeatures + sma20])}`, i);
  }
  return (r: LoggedPrediction) =>
    r.as_of !== undefined
      ? byDate.get(`${r.as_of}|${num(r.input.stock_price)}`)
      : byValues.get(`${num(r.input.stock_price)}|${num(r.input.sma_20)}`);
}

export function createRealisedActivities(deps: {
  store: ObjectStore;
  registry: ModelRegistry;
  metrics: WorkerMetrics;
}) {
  const { store, registry, metrics } = deps;
  return {
    async measureRealisedPerformance(input: MeasureRealisedInput): Promise<RealisedPerformance> {
      const manifest = await servedManifest(registry, input.modelName, input.alias);
      const heartbeat = throttledHeartbeat();
      if (!manifest) {
        return {
          reportKey: null,
          modelName: input.modelName,
          version: null,
          samples: 0,
          realisedMae: null,
          validationMae: null,
          drop: null,
          verdict: 'no-model',
        };
      }
      const horizon = Number(manifest.details?.horizon ?? 5);
      const csv = (await store.get(input.dataset.key)).toString('utf8');
      const { data } = parseMarketCsv(csv, { defaultSymbol: 'UNKNOWN', source: input.dataset.key });
      const set = buildFeatures(data, { horizon, riskThreshold: 0.03 });
      const find = indexRows(set);
      const { records } = await readPredictionLogs(store, input.modelName, input.window, (read, of) =>
        heartbeat({ step: 'reading prediction logs', read, of }),
      );
      let total = 0;
      let samples = 0;
      for (const r of records) {
        if (r.model.version !== manifest.version) continue;
        const i = find(r);
        if (i === undefined) continue;
        total += Math.abs(r.output.prediction - set.target[i]!);
        samples++;
      }
      const realisedMae = samples > 0 ? total / samples : null;
      const validationMae = Number.isFinite(manifest.metrics.mae) ? manifest.metrics.mae! : null;
      const drop = realisedMae !== null && validationMae ? realisedMae / validationMae - 1 : null;
      const verdict =
        samples < input.minSamples || drop === null
          ? 'insufficient-data'
          : drop > input.accuracyDropThreshold
            ? 'degraded'
            : 'ok';
      const result: RealisedPerformance & { reportKey: string } = {
        reportKey: `monitoring/${input.modelName}/realised/${compactTimestamp(new Date(input.window.to))}.json`,
        modelName: input.modelName,
        version: manifest.version,
        samples,
        realisedMae,
        validationMae,
        drop,
        verdict,
      };
      await store.put(
        result.reportKey,
        JSON.stringify({ ...result, dataset: input.dataset.key, logged: records.length, horizon }, null, 2),
        { 'Content-Type': 'application/json' },
      );
      const labels = { model: input.modelName, version: manifest.version };
      if (validationMae !== null) metrics.validationMae.set(labels, validationMae);
      metrics.realisedSamples.set(labels, samples);
      if (realisedMae !== null) metrics.realisedMae.set(labels, realisedMae);
      return result;
    },
  };
}
