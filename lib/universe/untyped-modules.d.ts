// Type declarations for the two dependencies that ship none, limited to what this folder calls.

declare module 'seek-bzip' {
  const Bunzip: {
    /** Decodes a whole bzip2 stream. */
    decode(input: Buffer): Buffer;
  };
  export default Bunzip;
}

declare module 'quadprog' {
  /**
   * Goldfarb-Idnani dual method (the R package's Fortran, ported): minimise -d'b + b'Db / 2 subject to
   * A'b >= b0, the first `meq` constraints as equalities. Arrays are 1-based (index 0 unused); Amat[i][j]
   * is variable i of constraint j. Dmat is overwritten.
   */
  export function solveQP(
    Dmat: number[][],
    dvec: number[],
    Amat: number[][],
    bvec: number[],
    meq?: number,
    factorized?: number[],
  ): {
    solution: number[];
    Lagrangian: number[];
    value: number[];
    iterations: number[];
    iact: number[];
    message: string;
  };
}
