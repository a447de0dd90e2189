/**
 * The seed's monthly K-means (ml-kmeans): 4 clusters whose initial centroids are zero except on RSI,
 * where they are 30, 45, 55 and 70. The features are not rescaled, as in the seed, so RSI (0..100) drives
 * the distance and each cluster is an RSI regime; cluster 3 (the highest RSI) is the one the seed's
 * portfolio buys. Lloyd iterations from those centroids keep the order in practice; should two centroids
 * cross, the labels are renumbered by centroid RSI so that label k means the same regime every month.
 */
import { kmeans } from 'ml-kmeans';
import { UniverseInputError } from './errors.js';

export interface ClusterOptions {
  /** Feature names in the order of the rows' values. */
  features: string[];
  /** The feature the initial centroids are set on. */
  seedFeature: string;
  /** Initial centroid values on `seedFeature`, ascending; their count is the number of clusters. */
  seedCentroids: number[];
  maxIterations: number;
}

export const defaultSeedCentroids = [30, 45, 55, 70];

export interface ClusterResult {
  /** Cluster of each row, 0..K-1, ordered by centroid value on the seed feature. */
  labels: Int32Array;
  /** K centroids in feature order. */
  centroids: number[][];
  /** Rows in each cluster. */
  sizes: number[];
  iterations: number;
  converged: boolean;
  /** True when the labels had to be renumbered to keep the seed order. */
  reordered: boolean;
}

export function clusterRows(rows: readonly (readonly number[])[], options: ClusterOptions): ClusterResult {
  const K = options.seedCentroids.length;
  const seedAt = options.features.indexOf(options.seedFeature);
  if (seedAt < 0) {
    throw new UniverseInputError('clustering.features', `the features must include ${options.seedFeature}`);
  }
  if (rows.length < K) {
    throw new UniverseInputError('clustering', `${rows.length} symbol(s) cannot form ${K} clusters`);
  }
  const initialization = options.seedCentroids.map((value) => {
    const centroid = new Array<number>(options.features.length).fill(0);
    centroid[seedAt] = value;
    return centroid;
  });
  const result = kmeans(rows as number[][], K, { initialization, maxIterations: options.maxIterations });
  const order = [...Array(K).keys()].sort(
    (a, b) => result.centroids[a]![seedAt]! - result.centroids[b]![seedAt]!,
  );
  const reordered = order.some((from, to) => from !== to);
  const labelOf = new Int32Array(K);
  order.forEach((from, to) => (labelOf[from] = to));
  const labels = Int32Array.from(result.clusters, (c) => labelOf[c]!);
  const sizes = new Array<number>(K).fill(0);
  for (const label of labels) sizes[label]!++;
  return {
    labels,
    centroids: order.map((from) => result.centroids[from]!),
    sizes,
    iterations: result.iterations,
    converged: result.converged,
    reordered,
  };
}
