/**
 * Philox4x32-10, a counter-based generator (Salmon, Moraes, Dror, Shaw, "Parallel random numbers: as easy
 * as 1, 2, 3", SC'11; the Random123 library). Each output block is a pure function of (counter, key), so
 * path p's month t draws the same numbers whichever chunk of paths computes it and in whatever order: the
 * property that makes chunked Monte Carlo runs merge into exactly the single run. The NumPy side of the
 * benchmark implements the same function, so both sides see identical random numbers.
 */

const M0 = 0xd2511f53;
const M1 = 0xcd9e8d57;
const W0 = 0x9e3779b9;
const W1 = 0xbb67ae85;

/** High 32 bits of the 64-bit product of two uint32 (16-bit limbs keep every partial product exact). */
function mulhi(a: number, b: number): number {
  const aLo = a & 0xffff;
  const aHi = a >>> 16;
  const bLo = b & 0xffff;
  const bHi = b >>> 16;
  const loLo = aLo * bLo;
  const hiLo = aHi * bLo;
  const loHi = aLo * bHi;
  const cross = (loLo >>> 16) + (hiLo & 0xffff) + loHi;
  return (aHi * bHi + (hiLo >>> 16) + Math.floor(cross / 65536)) >>> 0;
}

/** Writes the four uint32 words of philox4x32-10(counter, key) into `out`. */
export function philox4x32(
  c0: number,
  c1: number,
  c2: number,
  c3: number,
  k0: number,
  k1: number,
  out: Uint32Array,
): void {
  let x0 = c0 >>> 0;
  let x1 = c1 >>> 0;
  let x2 = c2 >>> 0;
  let x3 = c3 >>> 0;
  let key0 = k0 >>> 0;
  let key1 = k1 >>> 0;
  for (let round = 0; round < 10; round++) {
    if (round > 0) {
      key0 = (key0 + W0) >>> 0;
      key1 = (key1 + W1) >>> 0;
    }
    const hi0 = mulhi(M0, x0);
    const lo0 = Math.imul(M0, x0) >>> 0;
    const hi1 = mulhi(M1, x2);
    const lo1 = Math.imul(M1, x2) >>> 0;
    const y0 = (hi1 ^ x1 ^ key0) >>> 0;
    const y2 = (hi0 ^ x3 ^ key1) >>> 0;
    x0 = y0;
    x1 = lo1;
    x2 = y2;
    x3 = lo0;
  }
  out[0] = x0;
  out[1] = x1;
  out[2] = x2;
  out[3] = x3;
}

/** A uniform in [0, 1) with 53 random bits from two uint32 words (27 high bits of one, 26 of the other). */
export function uniform53(hi: number, lo: number): number {
  return ((hi >>> 5) * 67108864 + (lo >>> 6)) / 9007199254740992;
}

const block = new Uint32Array(4);

/**
 * Two independent standard normals for (seed, path, step, stream) by Box-Muller on one Philox block.
 * The counter is [step, path, stream, 0] and the key the seed's low and high 32 bits.
 */
export function normalPair(
  seed: number,
  path: number,
  step: number,
  stream: number,
  out: Float64Array,
): void {
  philox4x32(step, path, stream, 0, seed >>> 0, Math.floor(seed / 4294967296) >>> 0, block);
  const u1 = uniform53(block[0]!, block[1]!);
  const u2 = uniform53(block[2]!, block[3]!);
  const radius = Math.sqrt(-2 * Math.log(1 - u1));
  const angle = 2 * Math.PI * u2;
  out[0] = radius * Math.cos(angle);
  out[1] = radius * Math.sin(angle);
}
