/**
 * The model engines by name: which forest implementation trains a model is a configuration choice, and
 * an artifact names the engine that reads it back.
 */
import { ModelInputError, type ModelEngine } from './engine.js';
import type { ForestOptions } from './forest-options.js';
import { mlRandomForestEngine } from './ml-random-forest/index.js';
import { histogramForestEngine } from './random-forest/index.js';

export const engines = {
  'histogram-forest': histogramForestEngine,
  'ml-random-forest': mlRandomForestEngine,
} as const satisfies Record<string, ModelEngine<ForestOptions>>;

export type EngineName = keyof typeof engines;

/** The pipeline's forests use this engine unless configured otherwise: it trains in seconds, not hours. */
export const defaultEngineName: EngineName = 'histogram-forest';

export function isEngineName(name: string): name is EngineName {
  return Object.hasOwn(engines, name);
}

export function getEngine(name: string = defaultEngineName): ModelEngine<ForestOptions> {
  if (!isEngineName(name)) {
    throw new ModelInputError(`unknown model engine "${name}"; known: ${Object.keys(engines).join(', ')}`);
  }
  return engines[name];
}
