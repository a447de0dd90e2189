import { describe, expect, it } from 'vitest';
import { friedmanTable, splitRows } from '../../../../lib/synthetic-table.js';
import { ModelInputError, type TrainingData } from '../../../../models/engine.js';
import { histogramForestEngine as engine } from '../../../../models/random-forest/index.js';
import { rSquared } from '../../../../models/score.js';

const table = friedmanTable(3000, 8, { seed: 11 });
const [train, holdout] = splitRows(table, 2000);

describe('histogram-forest', () => {
  it('gives the same forest bytes for a seed with 1 or 2 threads', async () => {
    const one = await engine.train(train, 'regression', { seed: 3, nEstimators: 8, nThreads: 1 });
    const two = await engine.train(train, 'regression', { seed: 3, nEstimators: 8, nThreads: 2 });
    expect(Buffer.from(two.serialize()).equals(Buffer.from(one.serialize()))).toBe(true);
    const other = await engine.train(train, 'regression', { seed: 4, nEstimators: 8, nThreads: 2 });
    expect(Buffer.from(other.serialize()).equals(Buffer.from(one.serialize()))).toBe(false);
  });

  it('learns the signal and reports out-of-bag score and importances', async () => {
    const model = await engine.train(train, 'regression', { seed: 1, nEstimators: 30 });
    const r2 = rSquared(holdout.y, model.predict(holdout));
    expect(r2).toBeGreaterThan(0.8);
    const summary = model.summary as {
      oobScore: number;
      oobRows: number;
      featureImportances: Record<string, number>;
    };
    // The out-of-bag estimate tracks the holdout score without seeing the holdout.
    expect(Math.abs(summary.oobScore - r2)).toBeLessThan(0.05);
    expect(summary.oobRows).toBe(train.nRows);
    const imp = summary.featureImportances;
    expect(Object.values(imp).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
    // x3 (10·x3) carries more signal than any pure-noise column (x5..x7).
    expect(imp.x3).toBeGreaterThan(10 * Math.max(imp.x5!, imp.x6!, imp.x7!));
  });

  it('predicts identically after save and load, and keeps its signature and summary', async () => {
    const model = await engine.train(train, 'regression', { seed: 2, nEstimators: 10 });
    const loaded = engine.load(model.serialize());
    expect(loaded.featureNames).toEqual(train.featureNames);
    expect(loaded.summary).toEqual(model.summary);
    expect(Array.from(loaded.predict(holdout))).toEqual(Array.from(model.predict(holdout)));
  });

  it('classifies with probabilities consistent with the predicted class', async () => {
    const cls = friedmanTable(1500, 8, { seed: 5, task: 'classification' });
    const model = await engine.train(cls, 'classification', { seed: 1, nEstimators: 20 });
    const labels = model.predict(cls);
    const p = model.predictProbability!(cls);
    for (let r = 0; r < cls.nRows; r++) {
      expect(p[r]).toBeGreaterThanOrEqual(0);
      expect(p[r]).toBeLessThanOrEqual(1);
      if (p[r] !== 0.5) expect(labels[r]).toBe(p[r]! > 0.5 ? 1 : 0);
    }
    expect(model.summary.oobMetric).toBe('accuracy');
    const reloaded = engine.load(model.serialize());
    expect(Array.from(reloaded.predictProbability!(cls))).toEqual(Array.from(p));
  });

  it('honours maxDepth: a depth-1 forest is made of stumps', async () => {
    const model = await engine.train(train, 'regression', {
      seed: 1,
      nEstimators: 5,
      treeOptions: { maxDepth: 1 },
    });
    expect(model.summary.nNodes).toBe(5 * 3);
  });

  it('reports progress once per tree, ending at the total', async () => {
    const calls: [number, number][] = [];
    await engine.train(train, 'regression', {
      seed: 1,
      nEstimators: 6,
      nThreads: 2,
      onProgress: (done, total) => calls.push([done, total]),
    });
    expect(calls).toEqual([1, 2, 3, 4, 5, 6].map((d) => [d, 6]));
  });

  it('rejects with an AbortError when cancelled, before or during training', async () => {
    const before = new AbortController();
    before.abort();
    await expect(engine.train(train, 'regression', { seed: 1, signal: before.signal })).rejects.toMatchObject(
      {
        name: 'AbortError',
      },
    );
    const during = new AbortController();
    let progress = 0;
    const run = engine.train(train, 'regression', {
      seed: 1,
      nEstimators: 500,
      nThreads: 2,
      signal: during.signal,
      onProgress: (done) => {
        progress = done;
        if (done === 1) during.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(progress).toBeLessThan(500);
  });

  it('refuses bad input with a ModelInputError that says what is wrong', async () => {
    const bad = (patch: Partial<TrainingData>) =>
      engine.train({ ...train, ...patch }, 'regression', { seed: 1 });
    const x = train.x.slice();
    x[5 * 8 + 2] = NaN;
    await expect(bad({ x })).rejects.toThrow(
      new ModelInputError('row 5, feature 2 is NaN: values must be finite', 5),
    );
    await expect(bad({ x: new Float64Array(0), y: new Float64Array(0), nRows: 0 })).rejects.toThrow(/empty/);
    await expect(bad({ nFeatures: 7 })).rejects.toThrow(ModelInputError);
    await expect(bad({ y: train.y.subarray(1) })).rejects.toThrow(/y has 1999 values for 2000 rows/);
    const model = await engine.train(train, 'regression', { seed: 1, nEstimators: 2 });
    const narrow = { x: new Float64Array(7), nRows: 1, nFeatures: 7 };
    expect(() => model.predict(narrow)).toThrow(
      new ModelInputError('rows have 7 features, the model expects 8'),
    );
    const labels = friedmanTable(50, 5, { seed: 1 });
    await expect(engine.train(labels, 'classification', { seed: 1 })).rejects.toThrow(
      /class labels must be whole/,
    );
  });
});
