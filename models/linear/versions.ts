/**
 * Registers versions built with the linear engine, and the loaders that read them back: what the API tests
 * and the API benchmark serve when the HTTP path, not a forest, is under test.
 */
import { contractFields, entriesIn, exampleRow } from '../../lib/feature-sets.js';
import { createLoaders } from '../loaders.js';
import type { ModelManifest, ModelRegistry, NewVersion } from '../registry/types.js';
import {
  linearCashflowArtifact,
  linearCashflowFormat,
  linearFormat,
  linearModel,
  loadLinearCashflow,
  loadLinearModel,
} from './engine.js';

/** The features of the reference request, in the order the models expect them. */
export const referenceFeatures = [...contractFields];

/** The reference request's features with example values (the API's `referenceRow`). */
export const referenceRow: Record<string, number> = exampleRow(entriesIn('contract'));

export const testLoaders = createLoaders({
  tabular: (format) => (format === linearFormat ? loadLinearModel : undefined),
  cashflow: (format) => (format === linearCashflowFormat ? loadLinearCashflow : undefined),
});

export interface TestVersionOptions {
  name: string;
  /** Added to every prediction, so tests can tell versions apart by their answers. */
  bias: number;
  features?: string[];
  horizons?: number;
}

export function testVersion(options: TestVersionOptions): NewVersion {
  const featureNames = options.features ?? referenceFeatures;
  const weights = featureNames.map((f) => (f === 'stock_price' ? 0.8 : 0));
  // The risk classifier flags rows whose vix is above 25 (logistic score vix − 25).
  const riskWeights = featureNames.map((f) => (f === 'vix' ? 1 : 0));
  const prediction = linearModel({ task: 'regression', featureNames, weights, bias: options.bias });
  const risk = linearModel({ task: 'classification', featureNames, weights: riskWeights, bias: -25 });
  return {
    name: options.name,
    featureSchema: featureNames,
    artifacts: [
      { name: 'prediction.json', role: 'prediction', format: linearFormat, body: prediction.serialize() },
      { name: 'risk.json', role: 'risk', format: linearFormat, body: risk.serialize() },
      {
        name: 'cashflow.json',
        role: 'cashflow',
        format: linearCashflowFormat,
        body: linearCashflowArtifact({
          featureNames,
          horizons: options.horizons ?? 5,
          weights,
          bias: options.bias,
          drift: 0.5,
          spread: 2,
        }),
      },
    ],
    metrics: { mae: 1.5 },
    parameters: { bias: options.bias },
    lineage: { dataHash: 'test-data', codeVersion: 'test', workflowId: 'test-workflow', runId: 'test-run' },
  };
}

export async function registerTestVersion(
  registry: ModelRegistry,
  options: TestVersionOptions & { key?: string },
): Promise<ModelManifest> {
  return registry.registerVersion(testVersion(options), options.key ?? `${options.name}-${options.bias}`);
}
