/** The loaders for every artifact format this code base writes: the forest engines and the cashflow net. */
import type { ArtifactLoaders } from './artifact-loaders.js';
import { cashflowNetFormat } from './cashflow-net/artifact.js';
import { loadCashflowNet } from './cashflow-net/network.js';
import { getEngine, isEngineName } from './engines.js';
import { createArtifactLoaders } from './predictor.js';

export function createDefaultLoaders(): ArtifactLoaders {
  return createArtifactLoaders({
    tabular: (format) => (isEngineName(format) ? (bytes) => getEngine(format).load(bytes) : undefined),
    cashflow: (format) => (format === cashflowNetFormat ? loadCashflowNet : undefined),
  });
}
