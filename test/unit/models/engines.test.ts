import { describe, expect, it } from 'vitest';
import { friedmanTable, splitRows } from '../../../lib/synthetic-table.js';
import { defaultEngineName, getEngine } from '../../../models/engines.js';
import { loadTabularArtifact } from '../../../models/loaders.js';
import { ModelInputError, type Task } from '../../../models/engine.js';
import { accuracy, rSquared } from '../../../models/score.js';

/**
 * The histogram forest against the reference package on the same data with the same settings: all
 * features, features drawn without replacement, bootstrap rows, nodes of ≤ 3 samples left as leaves
 * (ml-cart's default). 1,500 × 8 training rows keep ml-random-forest to a few seconds; the 3,000-row holdout
 * keeps the scores' sampling noise well under the 0.02 tolerance.
 */
async function scores(task: Task): Promise<Record<string, number>> {
  const [train, holdout] = splitRows(friedmanTable(4500, 8, { seed: 1, task }), 1500);
  const out: Record<string, number> = {};
  for (const name of ['ml-random-forest', 'histogram-forest']) {
    const model = await getEngine(name).train(train, task, {
      seed: 1,
      nEstimators: 20,
      maxFeatures: 1,
      replacement: false,
      treeOptions: { minNumSamples: 3 },
    });
    const predicted = model.predict(holdout);
    out[name] = task === 'regression' ? rSquared(holdout.y, predicted) : accuracy(holdout.y, predicted);
  }
  return out;
}

describe('engines', () => {
  it('uses histogram-forest by default and names the known engines in errors', () => {
    expect(defaultEngineName).toBe('histogram-forest');
    expect(getEngine().name).toBe('histogram-forest');
    expect(getEngine('ml-random-forest').name).toBe('ml-random-forest');
    expect(() => getEngine('xgboost')).toThrow(
      new ModelInputError('unknown model engine "xgboost"; known: histogram-forest, ml-random-forest'),
    );
  });

  it('histogram-forest regression R² is within 0.02 of ml-random-forest', { timeout: 120_000 }, async () => {
    const s = await scores('regression');
    expect(s['ml-random-forest']).toBeGreaterThan(0.8);
    expect(Math.abs(s['histogram-forest']! - s['ml-random-forest']!)).toBeLessThanOrEqual(0.02);
  });

  it('histogram-forest accuracy is within 0.02 of ml-random-forest', { timeout: 120_000 }, async () => {
    const s = await scores('classification');
    expect(s['ml-random-forest']).toBeGreaterThan(0.8);
    expect(Math.abs(s['histogram-forest']! - s['ml-random-forest']!)).toBeLessThanOrEqual(0.02);
  });

  it('loads any artifact with the engine named in it', async () => {
    const data = friedmanTable(300, 6, { seed: 2 });
    for (const name of ['histogram-forest', 'ml-random-forest']) {
      const model = await getEngine(name).train(data, 'regression', { seed: 1, nEstimators: 3 });
      const loaded = loadTabularArtifact(model.serialize());
      expect(loaded.engine).toBe(name);
      expect(Array.from(loaded.predict(data))).toEqual(Array.from(model.predict(data)));
    }
  });
});
