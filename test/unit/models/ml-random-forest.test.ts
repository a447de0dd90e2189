import { describe, expect, it } from 'vitest';
import { friedmanTable } from '../../../lib/synthetic-table.js';
import { mlRandomForestEngine as engine } from '../../../models/ml-random-forest/index.js';
import { histogramForestEngine } from '../../../models/random-forest/index.js';

const data = friedmanTable(200, 6, { seed: 4 });

describe('ml-random-forest engine', () => {
  it('trains two trees without crashing on rows that are never out of bag', async () => {
    const model = await engine.train(data, 'regression', { seed: 1, nEstimators: 2 });
    const summary = model.summary as { oobRows: number; oobScore: number | null; nTrees: number };
    expect(summary.nTrees).toBe(2);
    // With two bootstraps about 0.63² of the rows are in both, so never out of bag.
    expect(summary.oobRows).toBeGreaterThan(0);
    expect(summary.oobRows).toBeLessThan(data.nRows);
    expect(typeof summary.oobScore).toBe('number');
  });

  it('saves, checks and reloads its artifact', async () => {
    const cls = friedmanTable(200, 6, { seed: 4, task: 'classification' });
    const model = await engine.train(cls, 'classification', { seed: 1, nEstimators: 3 });
    const bytes = model.serialize();
    const loaded = engine.load(bytes);
    expect(Array.from(loaded.predict(cls))).toEqual(Array.from(model.predict(cls)));
    expect(Array.from(loaded.predictProbability!(cls))).toEqual(Array.from(model.predictProbability!(cls)));
    const forest = await histogramForestEngine.train(cls, 'classification', { seed: 1, nEstimators: 2 });
    expect(() => engine.load(forest.serialize())).toThrow(
      /written by engine "histogram-forest", not "ml-random-forest"/,
    );
  });

  it('refuses an option it does not have instead of ignoring it', async () => {
    await expect(
      engine.train(data, 'regression', { seed: 1, nEstimators: 2, treeOptions: { minLeafSize: 5 } }),
    ).rejects.toThrow(/minLeafSize is a histogram-forest option/);
  });
});

describe('ml-random-forest engine off the event loop', () => {
  it('keeps the event loop turning while it trains, and stops on abort', async () => {
    const big = friedmanTable(1500, 8, { seed: 4 });
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    const controller = new AbortController();
    const run = engine.train(big, 'regression', { seed: 1, nEstimators: 200, signal: controller.signal });
    // Abort from a timer callback: it can only fire if training is not holding this thread.
    const abortTimer = setTimeout(() => controller.abort(), 300);
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    clearInterval(timer);
    clearTimeout(abortTimer);
    expect(ticks).toBeGreaterThan(0);
  });
});
