/**
 * A path chunk as bytes and back, so a parallel activity can store its chunk in the object store and the
 * merging step read it (chunks are megabytes: too big for a workflow payload). Layout: "CMC1", a uint32
 * header length, the JSON header {fromPath, toPath, months}, zero padding to a multiple of 8, then every
 * series and scalar array in CHUNK_SERIES then CHUNK_SCALARS order as little-endian float64.
 */
import { CHUNK_SCALARS, CHUNK_SERIES, type PathChunk } from './simulate.js';

const MAGIC = 'CMC1';

export function encodePathChunk(chunk: PathChunk): Uint8Array {
  const header = new TextEncoder().encode(
    JSON.stringify({ fromPath: chunk.fromPath, toPath: chunk.toPath, months: chunk.months }),
  );
  const start = Math.ceil((8 + header.length) / 8) * 8;
  const count = chunk.toPath - chunk.fromPath;
  const values = (CHUNK_SERIES.length * chunk.months + CHUNK_SCALARS.length) * count;
  const bytes = new Uint8Array(start + values * 8);
  bytes.set(new TextEncoder().encode(MAGIC), 0);
  new DataView(bytes.buffer).setUint32(4, header.length, true);
  bytes.set(header, 8);
  const body = new DataView(bytes.buffer, start);
  let offset = 0;
  for (const key of [...CHUNK_SERIES, ...CHUNK_SCALARS]) {
    for (const x of chunk[key]) {
      body.setFloat64(offset, x, true);
      offset += 8;
    }
  }
  return bytes;
}

export function decodePathChunk(bytes: Uint8Array): PathChunk {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (new TextDecoder().decode(bytes.subarray(0, 4)) !== MAGIC)
    throw new Error('not a path chunk (bad magic)');
  const headerLength = view.getUint32(4, true);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + headerLength))) as {
    fromPath: number;
    toPath: number;
    months: number;
  };
  const start = Math.ceil((8 + headerLength) / 8) * 8;
  const count = header.toPath - header.fromPath;
  const chunk = { ...header } as PathChunk;
  let offset = start;
  const read = (length: number) => {
    if (offset + length * 8 > bytes.byteLength) throw new Error('path chunk is truncated');
    const out = new Float64Array(length);
    for (let i = 0; i < length; i++, offset += 8) out[i] = view.getFloat64(offset, true);
    return out;
  };
  for (const key of CHUNK_SERIES) chunk[key] = read(count * header.months);
  for (const key of CHUNK_SCALARS) chunk[key] = read(count);
  if (offset !== bytes.byteLength) throw new Error('path chunk has trailing bytes');
  return chunk;
}
