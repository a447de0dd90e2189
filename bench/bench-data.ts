/**
 * Benchmark data sets, written once as raw little-endian float64 files so every side (Node engines and
 * scikit-learn) reads exactly the same numbers: x-train.f64, y-train.f64, x-test.f64, y-test.f64, meta.json.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { friedmanTable, splitRows, type SyntheticTable } from '../lib/synthetic-table.js';

export interface BenchMeta {
  name: string;
  trainRows: number;
  testRows: number;
  nFeatures: number;
  seed: number;
}

function bytesOf(a: Float64Array): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}

export async function writeBenchData(dir: string, meta: BenchMeta): Promise<void> {
  const table = friedmanTable(meta.trainRows + meta.testRows, meta.nFeatures, { seed: meta.seed });
  const [train, test] = splitRows(table, meta.trainRows);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'x-train.f64'), bytesOf(train.x));
  await writeFile(join(dir, 'y-train.f64'), bytesOf(train.y));
  await writeFile(join(dir, 'x-test.f64'), bytesOf(test.x));
  await writeFile(join(dir, 'y-test.f64'), bytesOf(test.y));
  await writeFile(join(dir, 'meta.json'), JSON.stringify(meta));
}

async function readF64(path: string): Promise<Float64Array> {
  const buf = await readFile(path);
  // Copy into a fresh, aligned buffer: Buffer's pool gives no alignment guarantee.
  return new Float64Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
}

export async function readBenchData(
  dir: string,
): Promise<{ meta: BenchMeta; train: SyntheticTable; test: SyntheticTable }> {
  const meta = JSON.parse(await readFile(join(dir, 'meta.json'), 'utf8')) as BenchMeta;
  const featureNames = Array.from({ length: meta.nFeatures }, (_, f) => `x${f}`);
  const table = async (x: string, y: string, nRows: number): Promise<SyntheticTable> => ({
    x: await readF64(join(dir, x)),
    y: await readF64(join(dir, y)),
    nRows,
    nFeatures: meta.nFeatures,
    featureNames,
  });
  return {
    meta,
    train: await table('x-train.f64', 'y-train.f64', meta.trainRows),
    test: await table('x-test.f64', 'y-test.f64', meta.testRows),
  };
}
