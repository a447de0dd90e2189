import { describe, expect, it } from 'vitest';
import { ArtifactError, readEnvelope, writeEnvelope } from '../../../models/artifact-envelope.js';
import { friedmanTable } from '../../../lib/synthetic-table.js';
import { histogramForestEngine as engine } from '../../../models/random-forest/index.js';

const base = { engine: 'test-engine', task: 'regression' as const, featureNames: ['a', 'b'] };

describe('artifact envelope', () => {
  it('round-trips header fields and payload, with the payload 8-byte aligned', () => {
    const payload = Uint8Array.from([1, 2, 3, 4, 5]);
    const bytes = writeEnvelope(base, { extra: 7 }, payload);
    const { header, payload: read } = readEnvelope(bytes, 'test-engine');
    expect(header).toMatchObject({ ...base, extra: 7, payloadLength: 5 });
    expect(Array.from(read)).toEqual([1, 2, 3, 4, 5]);
    expect(read.byteOffset % 8).toBe(0);
  });

  it('rejects another engine, a flipped byte, truncation and foreign files with clear errors', () => {
    const bytes = writeEnvelope(base, {}, new Uint8Array(64).fill(9));
    expect(() => readEnvelope(bytes, 'histogram-forest')).toThrow(
      new ArtifactError('artifact was written by engine "test-engine", not "histogram-forest"'),
    );
    const flipped = bytes.slice();
    flipped[flipped.length - 1]! ^= 1;
    expect(() => readEnvelope(flipped)).toThrow(/checksum mismatch/);
    expect(() => readEnvelope(bytes.subarray(0, bytes.length - 3))).toThrow(/truncated/);
    expect(() => readEnvelope(bytes.subarray(0, 20))).toThrow(/truncated/);
    expect(() => readEnvelope(Buffer.from('{"engine":"histogram-forest"}'))).toThrow(/not a model artifact/);
  });

  it('makes a forest load fail loudly on a corrupted or cut artifact', async () => {
    const model = await engine.train(friedmanTable(300, 5, { seed: 1 }), 'regression', {
      seed: 1,
      nEstimators: 2,
    });
    const bytes = model.serialize();
    const corrupted = bytes.slice();
    corrupted[bytes.length >> 1]! ^= 0xff;
    expect(() => engine.load(corrupted)).toThrow(ArtifactError);
    expect(() => engine.load(bytes.subarray(0, bytes.length - 1))).toThrow(/truncated/);
    // A copy at an odd offset in memory still loads (sections are copied when they cannot be viewed).
    const shifted = new Uint8Array(bytes.length + 1);
    shifted.set(bytes, 1);
    const rows = friedmanTable(10, 5, { seed: 9 });
    expect(Array.from(engine.load(shifted.subarray(1)).predict(rows))).toEqual(
      Array.from(model.predict(rows)),
    );
  });
});
