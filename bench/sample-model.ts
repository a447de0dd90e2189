/**
 * Trains the production model the pipeline would deploy (default parameters) on the bundled S&P 500 data,
 * without Temporal, and registers it: the API benchmark then measures the real forests and cashflow net.
 */
import { readFile } from 'node:fs/promises';
import { sampleDataPath } from '../activities/ingestion.js';
import { sliceRows } from '../lib/feature-store.js';
import { buildFeatures, timeOrderedSplits } from '../lib/features.js';
import { parseMarketCsv } from '../lib/market-data.js';
import { cashflowNetFormat } from '../models/cashflow-net/artifact.js';
import { trainCashflowNet } from '../models/cashflow-net/network.js';
import { getEngine } from '../models/engines.js';
import { trainRelative } from '../models/relative-model.js';
import type { ModelRegistry } from '../models/registry/types.js';
import { resolvePipelineInput, type TrainingPipelineInput } from '../workflows/pipeline-types.js';

/** `modelOptions` overrides the pipeline's defaults, e.g. fewer trees and epochs for a quick real model. */
export async function registerSampleModel(
  registry: ModelRegistry,
  name: string,
  modelOptions?: TrainingPipelineInput['model'],
): Promise<Record<string, number>> {
  const { model, horizon } = resolvePipelineInput(modelOptions ? { model: modelOptions } : undefined);
  const { data } = parseMarketCsv(await readFile(sampleDataPath, 'utf8'), { defaultSymbol: 'SPX' });
  const set = buildFeatures(data, { horizon, riskThreshold: 0.03 });
  const splits = timeOrderedSplits(set, {
    validationFraction: 0.15,
    holdoutFraction: 0.15,
    embargo: horizon,
  });
  const train = sliceRows(set, ...splits.train);
  const engine = getEngine(model.engine);
  const options = {
    seed: model.seed,
    nEstimators: model.nEstimators,
    treeOptions: { maxDepth: model.maxDepth, minLeafSize: model.minLeafSize },
  };
  const rows = {
    x: train.x,
    nRows: train.nRows,
    nFeatures: train.nFeatures,
    featureNames: train.featureNames,
  };
  const prediction = await trainRelative(engine, { ...rows, y: train.target }, 'regression', options);
  const risk = await trainRelative(engine, { ...rows, y: train.risk }, 'classification', options);
  const cashflow = await trainCashflowNet(
    { ...rows, path: train.targetPath, horizons: horizon },
    {
      hiddenUnits: model.cashflowHiddenUnits,
      epochs: model.cashflowEpochs,
      batchSize: 256,
      learningRate: 0.005,
      seed: model.seed,
    },
  );
  const example = Object.fromEntries(
    set.featureNames.map((f, j) => [f, set.x[(set.nRows - 1) * set.nFeatures + j]!]),
  );
  const manifest = await registry.registerVersion(
    {
      name,
      featureSchema: set.featureNames,
      artifacts: [
        {
          name: 'prediction.bin',
          role: 'prediction',
          format: prediction.engine,
          body: prediction.serialize(),
        },
        { name: 'risk.bin', role: 'risk', format: risk.engine, body: risk.serialize() },
        { name: 'cashflow.bin', role: 'cashflow', format: cashflowNetFormat, body: cashflow },
      ],
      metrics: {},
      parameters: { ...model, horizon },
      lineage: { dataHash: 'bench', codeVersion: 'bench', workflowId: 'bench', runId: 'bench' },
      details: { inputExample: example },
    },
    `bench-${name}`,
  );
  await registry.setAlias(name, 'production', manifest.version);
  return example;
}
