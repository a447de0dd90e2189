/**
 * Seeded random numbers. Each tree gets its own generator derived from (seed, tree index), so a tree is
 * the same whichever worker builds it and in whatever order: the forest depends on the seed only.
 */

/** splitmix32 finaliser: spreads nearby inputs (seed, seed + 1, ...) over unrelated states. */
function mix32(x: number): number {
  x = (x + 0x9e3779b9) | 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/** xoshiro128** : fast, 128-bit state, good statistical quality for sampling. */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number, stream: number) {
    const s = mix32(seed ^ mix32(stream));
    this.a = mix32(s);
    this.b = mix32(this.a ^ 0x6a09e667);
    this.c = mix32(this.b ^ 0xbb67ae85);
    this.d = mix32(this.c ^ 0x3c6ef372) | 1;
  }

  /** Uniform 32-bit unsigned integer. */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.b, 5), 7), 9) >>> 0;
    const t = this.b << 9;
    this.c ^= this.a;
    this.d ^= this.b;
    this.b ^= this.c;
    this.a ^= this.d;
    this.c ^= t;
    this.d = rotl(this.d, 11);
    return result;
  }

  /** Uniform integer in [0, n), n ≤ 2^32 (multiply-shift: no modulo bias worth measuring at these sizes). */
  nextInt(n: number): number {
    return Math.floor((this.nextUint32() / 4294967296) * n);
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** The generator of tree `tree` of a forest seeded with `seed`. */
export function treeRng(seed: number, tree: number): Rng {
  return new Rng(seed, tree);
}
