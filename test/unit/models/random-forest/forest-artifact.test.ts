import { describe, expect, it } from 'vitest';
import { friedmanTable } from '../../../../lib/synthetic-table.js';
import { readEnvelope, writeEnvelope } from '../../../../models/artifact-envelope.js';
import { histogramForestEngine as engine } from '../../../../models/random-forest/index.js';

/** Rewrites one int of the nodes section and re-seals the envelope with a valid checksum. */
function forge(bytes: Uint8Array, nodeInt: number, value: number): Uint8Array {
  const { header, payload } = readEnvelope(bytes);
  const copy = payload.slice();
  const [offset] = (header.sections as Record<string, [number, number]>).nodes!;
  new DataView(copy.buffer).setInt32(offset + nodeInt * 4, value, true);
  const { engine: e, task, featureNames, payloadLength: _l, sha256: _s, ...rest } = header;
  return writeEnvelope({ engine: e, task, featureNames }, rest, copy);
}

describe('histogram-forest artifact', () => {
  const data = friedmanTable(400, 5, { seed: 3 });

  it('is compact: a few bytes per node on top of the bin edges', async () => {
    const model = await engine.train(data, 'regression', { seed: 1, nEstimators: 4 });
    const { nNodes, nLeaves } = model.summary as { nNodes: number; nLeaves: number };
    const { header } = readEnvelope(model.serialize());
    // 8 bytes per node, 8 per leaf value; the rest is the edges and offsets.
    expect(header.payloadLength).toBeLessThan(8 * nNodes + 8 * nLeaves + 8 * 5 * 256 + 1024);
  });

  it('refuses a well-sealed artifact whose nodes point backwards or to a missing feature', async () => {
    const model = await engine.train(data, 'regression', { seed: 1, nEstimators: 2 });
    const bytes = model.serialize();
    // The root's right-child pointer aimed at itself would make a walk loop forever.
    expect(() => engine.load(forge(bytes, 1, 0))).toThrow(
      /inconsistent: tree 0 node 0 points outside the tree/,
    );
    expect(() => engine.load(forge(bytes, 0, (9 << 8) | 1))).toThrow(/splits on feature 9 of 5/);
    expect(engine.load(forge(bytes, 0, readEnvelopeRoot(bytes))).featureNames).toEqual(data.featureNames);
  });
});

function readEnvelopeRoot(bytes: Uint8Array): number {
  const { header, payload } = readEnvelope(bytes);
  const [offset] = (header.sections as Record<string, [number, number]>).nodes!;
  return new DataView(payload.buffer, payload.byteOffset).getInt32(offset, true);
}
