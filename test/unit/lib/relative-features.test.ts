import { describe, expect, it } from 'vitest';
import { FeatureValueError, relativeInputs } from '../../../lib/relative-features.js';

const names = ['stock_price', 'sma_20', 'macd', 'volume', 'rsi'];

describe('relativeInputs', () => {
  it('expresses price-like features relative to the price, drops the price and volume levels', () => {
    // sma_20 200 at price 100 -> 1.0 above; macd 5 -> 0.05 of the price; rsi kept as it is
    const rel = relativeInputs(Float64Array.from([100, 200, 5, 1e9, 55]), 1, names);
    expect(rel.names).toEqual(['sma_20', 'macd', 'rsi']);
    expect(Array.from(rel.x)).toEqual([1, 0.05, 55]);
    expect(Array.from(rel.price)).toEqual([100]);
  });

  it('computes the transform of one input once for models with equal signatures', () => {
    const x = Float64Array.from([100, 200, 5, 1e9, 55]);
    expect(relativeInputs(x, 1, [...names])).toBe(relativeInputs(x, 1, [...names]));
    expect(relativeInputs(Float64Array.from(x), 1, names)).not.toBe(relativeInputs(x, 1, names));
  });

  it('names the field when the price cannot scale the row', () => {
    expect(() => relativeInputs(Float64Array.from([0, 1, 1, 1, 1]), 1, names)).toThrow(FeatureValueError);
    expect(() => relativeInputs(Float64Array.from([-3, 1, 1, 1, 1]), 1, names)).toThrow(
      /stock_price must be a positive price, row 0 has -3/,
    );
  });
});
