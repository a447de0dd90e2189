/**
 * Best split of one node on one feature, from a histogram (large nodes) or from rows in bin order (small
 * nodes, see sorted-block.ts).
 *
 * Both impurities reduce to the same score: a split's weighted impurity decrease is
 *   score(left) + score(right) - score(node),  score = Σ_k s_k² / w
 * with s = [Σ w·y] for variance (regression) and s = class counts for Gini (classification).
 */

/** Per-bin statistics: regression [w, Σw·y]; classification the weight of each class. */
export function statWidth(nClasses: number): number {
  return nClasses === 0 ? 2 : nClasses;
}

export class SplitState {
  /** Raw score (weighted impurity decrease) of the best split so far; 0 means none. */
  bestScore = 0;
  bestFeature = -1;
  /** Last non-empty bin on the left, and the first non-empty bin on the right. */
  bestLow = 0;
  bestHigh = 0;
  bestLeftWeight = 0;
  /** Left statistics while scanning (class counts for classification). */
  readonly left: Float64Array;
  /** Node totals: [w, Σw·y] or class weights. */
  readonly total: Float64Array;
  totalWeight = 0;
  totalScore = 0;

  constructor(
    readonly nClasses: number,
    readonly minLeaf: number,
  ) {
    this.left = new Float64Array(Math.max(2, nClasses));
    this.total = new Float64Array(Math.max(2, nClasses));
  }

  /** Sets the node totals before the features of a node are searched. */
  startNode(): void {
    const k = this.nClasses;
    const t = this.total;
    if (k === 0) {
      this.totalWeight = t[0]!;
      this.totalScore = (t[1]! * t[1]!) / t[0]!;
    } else {
      let w = 0;
      let s = 0;
      for (let c = 0; c < k; c++) {
        w += t[c]!;
        s += t[c]! * t[c]!;
      }
      this.totalWeight = w;
      this.totalScore = s / w;
    }
    this.bestScore = 0;
    this.bestFeature = -1;
  }

  /** Scans bins 0..n-1 of feature f in `hist` (from `base`) and keeps the best cut between non-empty bins. */
  scan(f: number, hist: Float64Array, base: number, n: number): void {
    const k = this.nClasses;
    let wl = 0;
    let prev = -1;
    if (k === 0) {
      let syl = 0;
      for (let b = 0; b < n; b++) {
        const h = base + b * 2;
        const w = hist[h]!;
        if (w === 0) continue;
        if (prev >= 0) this.considerRegression(f, wl, syl, prev, b);
        wl += w;
        syl += hist[h + 1]!;
        prev = b;
      }
      return;
    }
    const left = this.left;
    left.fill(0);
    for (let b = 0; b < n; b++) {
      const h = base + b * k;
      let w = 0;
      for (let c = 0; c < k; c++) w += hist[h + c]!;
      if (w === 0) continue;
      if (prev >= 0) this.considerClasses(f, wl, prev, b);
      for (let c = 0; c < k; c++) left[c]! += hist[h + c]!;
      wl += w;
      prev = b;
    }
  }

  /** Regression cut with weight wl and Σw·y syl on the left, between bins low and high. */
  considerRegression(f: number, wl: number, syl: number, low: number, high: number): void {
    const wr = this.totalWeight - wl;
    if (wl < this.minLeaf || wr < this.minLeaf) return;
    const syr = this.total[1]! - syl;
    const score = (syl * syl) / wl + (syr * syr) / wr - this.totalScore;
    if (score > this.bestScore) this.keep(f, score, low, high, wl);
  }

  /** Classification cut with class weights `left` (weight wl) on the left, between bins low and high. */
  considerClasses(f: number, wl: number, low: number, high: number): void {
    const wr = this.totalWeight - wl;
    if (wl < this.minLeaf || wr < this.minLeaf) return;
    let sl = 0;
    let sr = 0;
    for (let c = 0; c < this.nClasses; c++) {
      const l = this.left[c]!;
      const r = this.total[c]! - l;
      sl += l * l;
      sr += r * r;
    }
    const score = sl / wl + sr / wr - this.totalScore;
    if (score > this.bestScore) this.keep(f, score, low, high, wl);
  }

  private keep(f: number, score: number, low: number, high: number, wl: number): void {
    this.bestScore = score;
    this.bestFeature = f;
    this.bestLow = low;
    this.bestHigh = high;
    this.bestLeftWeight = wl;
  }

  /** The split bin: halfway between the two non-empty bins around the cut, as exact CART splits are. */
  threshold(): number {
    return (this.bestLow + this.bestHigh - 1) >>> 1;
  }
}
