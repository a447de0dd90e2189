import { describe, expect, it } from 'vitest';
import { leafOf, toPreorder } from '../../../../models/random-forest/tree-layout.js';

describe('tree layout', () => {
  // Grown in allocation order: 0 splits into 1, 2; 2 splits into 3, 4. Leaves 1, 3, 4 hold leaf indices 0, 1, 2.
  //        0: f1 ≤ 10
  //       /          \
  //   1: leaf 0     2: f0 ≤ 3
  //                 /        \
  //            3: leaf 1   4: leaf 2
  const split = Int32Array.from([(1 << 8) | 10, -1, (0 << 8) | 3, -1, -1]);
  const child = Int32Array.from([1, 0, 3, 1, 2]);

  it('rewrites a tree into preorder with the left child next and right child pointers', () => {
    const nodes = toPreorder(split, child, 5, new Int32Array(16), new Int32Array(10));
    // Preorder: 0, 1 (leaf 0), 2, 3 (leaf 1), 4 (leaf 2).
    expect(Array.from(nodes)).toEqual([(1 << 8) | 10, 2, -1, 0, 3, 4, -1, 1, -1, 2]);
  });

  it('walks rows to the right leaves: bin ≤ threshold goes left', () => {
    const nodes = toPreorder(split, child, 5, new Int32Array(16), new Int32Array(10));
    const rows = Uint8Array.from([0, 10, 3, 11, 4, 11, 255, 0]);
    expect([0, 2, 4, 6].map((r) => leafOf(nodes, 0, rows, r))).toEqual([0, 1, 2, 0]);
  });
});
