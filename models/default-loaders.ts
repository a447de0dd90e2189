/** The loaders for every artifact format this code base writes: the forest engines and the cashflow net. */
import type { ArtifactLoaders } from './artifact-loaders.js';
import { cashflowNetFormat } from './cashflow-net/artifact.js';
import { loadCashflowNet } from './cashflow-net/network.js';
import { getEngine, isEngineName } from './engines.js';
import { createArtifactLoaders } from './predictor.js';
import { loadRelative, relativeEngine } from './relative-model.js';

export function createDefaultLoaders(): ArtifactLoaders {
  return createArtifactLoaders({
    tabular: (format) => {
      if (isEngineName(format)) return (bytes) => getEngine(format).load(bytes);
      const inner = format.startsWith(`${relativeEngine}+`) ? format.slice(relativeEngine.length + 1) : '';
      if (isEngineName(inner))
        return (bytes) => loadRelative(bytes, (engine, payload) => getEngine(engine).load(payload));
      return undefined;
    },
    cashflow: (format) => (format === cashflowNetFormat ? loadCashflowNet : undefined),
  });
}
