/**
 * A small version trained by the real engines (histogram forests on scale-free inputs and the cashflow
 * net) on seeded synthetic bars, registered and aliased `production`: for tests of what the real models do
 * with extreme inputs, without the pipeline.
 */
import { buildFeatures } from '../../lib/features.js';
import type { FeatureChoice } from '../../lib/feature-sets.js';
import { generateSyntheticMarket } from '../../lib/sources/synthetic.js';
import { cashflowNetFormat } from '../../models/cashflow-net/artifact.js';
import { trainCashflowNet } from '../../models/cashflow-net/network.js';
import { getEngine } from '../../models/engines.js';
import { trainRelative } from '../../models/relative-model.js';
import type { ModelManifest, ModelRegistry } from '../../models/registry/types.js';

export async function registerSmallRealModel(
  registry: ModelRegistry,
  name: string,
  features: FeatureChoice = 'contract',
): Promise<ModelManifest> {
  const horizon = 3;
  const set = buildFeatures(generateSyntheticMarket({ rows: 600, symbols: 1, seed: 11 }), {
    horizon,
    riskThreshold: 0.03,
    features,
  });
  const labelled = set.nRows - horizon;
  const rows = {
    x: set.x.subarray(0, labelled * set.nFeatures),
    nRows: labelled,
    nFeatures: set.nFeatures,
    featureNames: set.featureNames,
  };
  const engine = getEngine('histogram-forest');
  const options = { seed: 1, nEstimators: 8, nThreads: 1, treeOptions: { maxDepth: 4, minLeafSize: 5 } };
  const prediction = await trainRelative(
    engine,
    { ...rows, y: set.target.subarray(0, labelled) },
    'regression',
    options,
  );
  const risk = await trainRelative(
    engine,
    { ...rows, y: set.risk.subarray(0, labelled) },
    'classification',
    options,
  );
  const cashflow = await trainCashflowNet(
    { ...rows, path: set.targetPath.subarray(0, labelled * horizon), horizons: horizon },
    { hiddenUnits: 8, epochs: 2, batchSize: 64, learningRate: 0.01, seed: 1 },
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
      parameters: { horizon },
      lineage: { dataHash: 'synthetic', codeVersion: 'test', workflowId: 'test', runId: 'test' },
    },
    `small-real-${name}-${features}`,
  );
  await registry.setAlias(name, 'production', manifest.version);
  return manifest;
}
