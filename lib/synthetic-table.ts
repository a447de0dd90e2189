/**
 * Deterministic tabular data with a known signal (Friedman #1, plus pure-noise columns), for engine tests
 * and benchmarks: models can be compared on it without shipping data files.
 *
 *   y = 10·sin(π·x0·x1) + 20·(x2 − 0.5)² + 10·x3 + 5·x4 + noise,   x ~ U(0, 1)
 *
 * Classification labels are y above its median (1) or not (0).
 */

export interface SyntheticTable {
  /** Row-major values, nRows × nFeatures. */
  x: Float64Array;
  y: Float64Array;
  nRows: number;
  nFeatures: number;
  featureNames: string[];
}

/** mulberry32: tiny, seeded, good enough for generating test data. */
function mulberry32(seed: number): () => number {
  let a = seed | 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function friedmanTable(
  nRows: number,
  nFeatures: number,
  options: { seed: number; noise?: number; task?: 'regression' | 'classification' },
): SyntheticTable {
  if (nFeatures < 5) throw new RangeError('the Friedman signal needs at least 5 features');
  const random = mulberry32(options.seed);
  const noise = options.noise ?? 1;
  const x = new Float64Array(nRows * nFeatures);
  const y = new Float64Array(nRows);
  for (let r = 0; r < nRows; r++) {
    const row = r * nFeatures;
    for (let f = 0; f < nFeatures; f++) x[row + f] = random();
    const [x0, x1, x2, x3, x4] = [x[row]!, x[row + 1]!, x[row + 2]!, x[row + 3]!, x[row + 4]!];
    // Box-Muller: Gaussian noise so the best achievable R² is below 1, as with real data.
    const gauss = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    y[r] = 10 * Math.sin(Math.PI * x0 * x1) + 20 * (x2 - 0.5) ** 2 + 10 * x3 + 5 * x4 + noise * gauss;
  }
  if (options.task === 'classification') {
    const median = Float64Array.from(y).sort()[Math.floor(nRows / 2)]!;
    for (let r = 0; r < nRows; r++) y[r] = y[r]! > median ? 1 : 0;
  }
  const featureNames = Array.from({ length: nFeatures }, (_, f) => `x${f}`);
  return { x, y, nRows, nFeatures, featureNames };
}

/** Splits a table into its first `trainRows` rows and the rest (rows are i.i.d., so order does not matter). */
export function splitRows(table: SyntheticTable, trainRows: number): [SyntheticTable, SyntheticTable] {
  const F = table.nFeatures;
  const part = (from: number, to: number): SyntheticTable => ({
    x: table.x.slice(from * F, to * F),
    y: table.y.slice(from, to),
    nRows: to - from,
    nFeatures: F,
    featureNames: table.featureNames,
  });
  return [part(0, trainRows), part(trainRows, table.nRows)];
}
