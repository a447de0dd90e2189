import { describe, expect, it } from 'vitest';
import { binRows, computeEdges } from '../../../../models/random-forest/binning.js';

const noPause = () => Promise.resolve();

describe('quantile binning', () => {
  it('gives each of a few distinct values its own bin, split halfway between them', async () => {
    const x = Float64Array.from([3, 1, 2, 2, 1, 3, 10]);
    const edges = await computeEdges({ x, nRows: 7, nFeatures: 1 }, 256, noPause);
    expect(Array.from(edges.edges)).toEqual([1.5, 2.5, 6.5]);
    const out = new Uint8Array(7);
    binRows({ x, nRows: 7, nFeatures: 1 }, edges, out);
    expect(Array.from(out)).toEqual([2, 0, 1, 1, 0, 2, 3]);
  });

  it('cuts many distinct values into at most maxBins bins of similar size', async () => {
    const n = 10_000;
    const x = Float64Array.from({ length: n }, (_, i) => (i * 7919) % n);
    const edges = await computeEdges({ x, nRows: n, nFeatures: 1 }, 256, noPause);
    expect(edges.edges.length).toBe(255);
    const out = new Uint8Array(n);
    binRows({ x, nRows: n, nFeatures: 1 }, edges, out);
    const counts = new Array<number>(256).fill(0);
    for (const b of out) counts[b]!++;
    expect(Math.min(...counts)).toBeGreaterThanOrEqual(38);
    expect(Math.max(...counts)).toBeLessThanOrEqual(41);
  });

  it('keeps a value equal to an edge in the lower bin, so "bin ≤ t" means "x ≤ edge t"', async () => {
    const x = Float64Array.from([0, 1, 2, 3]);
    const edges = await computeEdges({ x, nRows: 4, nFeatures: 1 }, 256, noPause);
    const probe = Float64Array.from([0.5, 0.50001, -5, 99]);
    const out = new Uint8Array(4);
    binRows({ x: probe, nRows: 4, nFeatures: 1 }, edges, out);
    expect(Array.from(out)).toEqual([0, 1, 0, 3]);
  });
});
