/** Fit scores shared by the engines (out-of-bag estimates) and their checks. */

/** Coefficient of determination of predictions against truth. */
export function rSquared(truth: ArrayLike<number>, predicted: ArrayLike<number>): number {
  let mean = 0;
  for (let i = 0; i < truth.length; i++) mean += truth[i]!;
  mean /= truth.length;
  let ssRes = 0;
  let ssTot = 0;
  for (let i = 0; i < truth.length; i++) {
    ssRes += (truth[i]! - predicted[i]!) ** 2;
    ssTot += (truth[i]! - mean) ** 2;
  }
  return 1 - ssRes / ssTot;
}

export function accuracy(truth: ArrayLike<number>, predicted: ArrayLike<number>): number {
  let hits = 0;
  for (let i = 0; i < truth.length; i++) if (truth[i] === predicted[i]) hits++;
  return hits / truth.length;
}
