/**
 * The cashflow net: trains on scale-free inputs, answers cash flows, serves through the typed-array
 * forward pass, and that pass gives what TF.js itself computes from the same weights.
 */
import type { Tensor } from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { decodeCashflowNet } from '../../../../models/cashflow-net/artifact.js';
import { loadTf } from '../../../../models/cashflow-net/backend.js';
import { denseNetFrom } from '../../../../models/cashflow-net/dense-forward.js';
import { loadCashflowNet, trainCashflowNet } from '../../../../models/cashflow-net/network.js';
import { buildFeatures } from '../../../../lib/features.js';
import { generateSyntheticMarket } from '../../../../lib/sources/synthetic.js';

const set = buildFeatures(generateSyntheticMarket({ rows: 1200, symbols: 2, seed: 5 }), {
  horizon: 3,
  riskThreshold: 0.03,
});
const train = {
  x: set.x,
  nRows: set.nRows,
  nFeatures: set.nFeatures,
  path: set.targetPath,
  horizons: 3,
  featureNames: set.featureNames,
};
const params = { hiddenUnits: 8, epochs: 3, batchSize: 64, learningRate: 0.01, seed: 3 };

describe('cashflow net', () => {
  it('serves P10 <= P50 <= P90 cash flows for every horizon, in price units', async () => {
    const model = await loadCashflowNet(await trainCashflowNet(train, params));
    const paths = model.predictQuantiles({
      x: set.x.subarray(0, 5 * set.nFeatures),
      nRows: 5,
      nFeatures: set.nFeatures,
    });
    expect(model.horizons).toBe(3);
    expect(model.backend).toMatch(/typed-array forward pass \(trained on (tensorflow|wasm|cpu)\)/);
    for (let i = 0; i < 15; i++) {
      expect(paths.p10[i]!).toBeLessThanOrEqual(paths.p50[i]!);
      expect(paths.p50[i]!).toBeLessThanOrEqual(paths.p90[i]!);
    }
    // Doubling every price-like input doubles the answered cash flows: the net works in returns.
    const scaled = Float64Array.from(set.x.subarray(0, set.nFeatures), (v, j) =>
      [
        'stock_price',
        'sma_20',
        'sma_50',
        'bollinger_upper',
        'bollinger_lower',
        'macd',
        'atr_14',
        'dollar_volume',
      ].includes(set.featureNames[j]!)
        ? v * 2
        : v,
    );
    const once = model.predictQuantiles({
      x: set.x.subarray(0, set.nFeatures),
      nRows: 1,
      nFeatures: set.nFeatures,
    });
    const twice = model.predictQuantiles({ x: scaled, nRows: 1, nFeatures: set.nFeatures });
    expect(twice.p50[2]).toBeCloseTo(2 * once.p50[2]!, 6);
  });

  it('the typed-array forward pass matches TF.js on the same weights', async () => {
    const bytes = await trainCashflowNet(train, params);
    const { header, weights } = decodeCashflowNet(bytes);
    const { tf } = await loadTf();
    const model = await tf.loadLayersModel(
      tf.io.fromMemory({
        modelTopology: header.modelTopology as object,
        weightSpecs: header.weightSpecs as never,
        weightData: weights.buffer.slice(
          weights.byteOffset,
          weights.byteOffset + weights.byteLength,
        ) as ArrayBuffer,
      }),
    );
    const d = header.inputMean.length;
    const input = Float32Array.from({ length: 4 * d }, (_, i) => Math.sin(i) * 2);
    const expected = (model.predict(tf.tensor2d(input, [4, d])) as Tensor).dataSync();
    const actual = denseNetFrom(header.modelTopology, header.weightSpecs as never, weights).forward(input, 4);
    expect(actual.length).toBe(expected.length);
    actual.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 5));
  });
});
