/** The RSI-seeded K-means keeps label k on the k-th RSI regime, month after month. */
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../../lib/sources/synthetic.js';
import { clusterRows, defaultSeedCentroids } from '../../../../lib/universe/clustering.js';

const features = ['garman_klass_vol', 'rsi', 'return_1m', 'Mkt-RF'];
const options = { features, seedFeature: 'rsi', seedCentroids: defaultSeedCentroids, maxIterations: 100 };

/** A month of symbols in four RSI regimes around 28, 44, 57 and 73, shuffled; other features at their usual scale. */
function month(seed: number, sizes: number[]) {
  const random = seededRandom(seed);
  const centres = [28, 44, 57, 73];
  const rows: { regime: number; row: number[] }[] = [];
  sizes.forEach((size, regime) => {
    for (let i = 0; i < size; i++) {
      const rsi = centres[regime]! + 6 * (random() - 0.5);
      rows.push({ regime, row: [0.01 + 0.02 * random(), rsi, 0.1 * (random() - 0.5), 0.5 + random()] });
    }
  });
  for (let i = rows.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [rows[i], rows[j]] = [rows[j]!, rows[i]!];
  }
  return rows;
}

describe('clusterRows', () => {
  it('labels each RSI regime with its seed order, in every month', () => {
    for (const [seed, sizes] of [
      [1, [10, 25, 30, 12]],
      [2, [30, 8, 12, 40]],
      [3, [5, 5, 60, 5]],
    ] as const) {
      const rows = month(seed, [...sizes]);
      const result = clusterRows(
        rows.map((r) => r.row),
        options,
      );
      rows.forEach((r, i) => expect(result.labels[i]).toBe(r.regime));
      expect(result.sizes).toEqual([...sizes]);
      expect(result.reordered).toBe(false);
      const rsi = result.centroids.map((c) => c[1]!);
      expect([...rsi].sort((a, b) => a - b)).toEqual(rsi);
      expect(result.converged).toBe(true);
    }
  });

  it('renumbers the clusters by centroid RSI when Lloyd iterations let two centroids cross', () => {
    // With a large-scale second feature the iterations move the centroid seeded at 55 above the one seeded
    // at 70 (ml-kmeans alone ends with centroid RSIs 34.7, 34.8, 70, 42).
    const rows = [
      [75, 39],
      [25, 52],
      [100, 58],
      [50, 41],
      [75, 27],
      [75, 32],
      [50, 70],
      [50, 28],
      [75, 42],
      [100, 22],
      [100, 24],
      [25, 32],
    ];
    const result = clusterRows(rows, { ...options, features: ['other', 'rsi'] });
    expect(result.reordered).toBe(true);
    const rsi = result.centroids.map((c) => c[1]!);
    expect(rsi.map((v) => Math.round(v * 10) / 10)).toEqual([34.7, 34.8, 42, 70]);
    // The row at RSI 70 sits alone in the top cluster, whatever number ml-kmeans gave it.
    expect(result.labels[6]).toBe(3);
    expect(result.sizes[3]).toBe(1);
  });

  it('refuses fewer rows than clusters and features without the seed feature', () => {
    expect(() => clusterRows([[1, 30]], { ...options, features: ['x', 'rsi'] })).toThrow(
      /cannot form 4 clusters/,
    );
    expect(() => clusterRows([[1], [2], [3], [4]], { ...options, features: ['x'] })).toThrow(
      /must include rsi/,
    );
  });
});
