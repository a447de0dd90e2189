/**
 * Feature sets as one binary object: [uint32 header length][JSON header][float64 blocks]. The header has
 * the signature, row count, dates and symbols; the blocks are x, target, targetPath and risk, so a stage
 * reads them as typed arrays without parsing numbers.
 */
import type { FeatureSet } from './features.js';

interface Header {
  featureNames: string[];
  nRows: number;
  nFeatures: number;
  horizon: number;
  date: string[];
  /** Symbols as indexes into `symbols`, to keep the header small for many rows. */
  symbols: string[];
  symbolIndex: number[];
}

export function encodeFeatureSet(set: FeatureSet): Buffer {
  const symbols = [...new Set(set.symbol)].sort();
  const index = new Map(symbols.map((s, i) => [s, i]));
  const header: Header = {
    featureNames: set.featureNames,
    nRows: set.nRows,
    nFeatures: set.nFeatures,
    horizon: set.horizon,
    date: set.date,
    symbols,
    symbolIndex: set.symbol.map((s) => index.get(s)!),
  };
  const json = Buffer.from(JSON.stringify(header));
  const pad = (8 - ((4 + json.length) % 8)) % 8; // align the float blocks on 8 bytes
  const blocks = [set.x, set.target, set.targetPath, set.risk];
  const out = Buffer.alloc(4 + json.length + pad + blocks.reduce((n, b) => n + b.byteLength, 0));
  out.writeUInt32LE(json.length + pad, 0);
  json.copy(out, 4);
  out.fill(0x20, 4 + json.length, 4 + json.length + pad); // spaces: still valid JSON after trimming
  let offset = 4 + json.length + pad;
  for (const block of blocks) {
    out.set(new Uint8Array(block.buffer, block.byteOffset, block.byteLength), offset);
    offset += block.byteLength;
  }
  return out;
}

export function decodeFeatureSet(bytes: Buffer): FeatureSet {
  const length = bytes.readUInt32LE(0);
  const header = JSON.parse(bytes.subarray(4, 4 + length).toString('utf8')) as Header;
  const { nRows: n, nFeatures: d, horizon: H } = header;
  // Copy into a fresh aligned buffer: Buffer slices from a pool need not be 8-byte aligned.
  const body = new Uint8Array(bytes.subarray(4 + length)).buffer;
  const sizes = [n * d, n, n * H, n];
  const views: Float64Array[] = [];
  let offset = 0;
  for (const size of sizes) {
    views.push(new Float64Array(body, offset, size));
    offset += size * 8;
  }
  if (offset !== body.byteLength)
    throw new Error(`feature set is ${body.byteLength} bytes, expected ${offset}: truncated`);
  return {
    featureNames: header.featureNames,
    nRows: n,
    nFeatures: d,
    horizon: H,
    date: header.date,
    symbol: header.symbolIndex.map((i) => header.symbols[i]!),
    x: views[0]!,
    target: views[1]!,
    targetPath: views[2]!,
    risk: views[3]!,
  };
}

/** Rows [start, end) of a feature set as its own (shared-memory) feature set. */
export function sliceRows(set: FeatureSet, start: number, end: number): FeatureSet {
  const d = set.nFeatures;
  const H = set.horizon;
  return {
    ...set,
    nRows: end - start,
    x: set.x.subarray(start * d, end * d),
    date: set.date.slice(start, end),
    symbol: set.symbol.slice(start, end),
    target: set.target.subarray(start, end),
    targetPath: set.targetPath.subarray(start * H, end * H),
    risk: set.risk.subarray(start, end),
  };
}

/** At most `max` rows, evenly spaced in time (deterministic), as a new feature set; all rows if fewer. */
export function evenlySpacedRows(set: FeatureSet, max: number): FeatureSet {
  if (set.nRows <= max) return set;
  const d = set.nFeatures;
  const H = set.horizon;
  const pick = Array.from({ length: max }, (_, k) => Math.floor((k * set.nRows) / max));
  const x = new Float64Array(max * d);
  const targetPath = new Float64Array(max * H);
  pick.forEach((src, i) => {
    x.set(set.x.subarray(src * d, src * d + d), i * d);
    targetPath.set(set.targetPath.subarray(src * H, src * H + H), i * H);
  });
  return {
    ...set,
    nRows: max,
    x,
    targetPath,
    date: pick.map((i) => set.date[i]!),
    symbol: pick.map((i) => set.symbol[i]!),
    target: Float64Array.from(pick, (i) => set.target[i]!),
    risk: Float64Array.from(pick, (i) => set.risk[i]!),
  };
}
