/**
 * Scale-free model inputs from the raw signature. Prices trend: a model fed index levels meets levels in
 * its holdout (and in production) it never saw in training, and trees cannot extrapolate. So the models
 * see price-like features relative to the current price, sizes on a log scale, and predict returns, which
 * the serving side turns back into cash flows by multiplying with `stock_price`. The API keeps taking the
 * raw reference fields; the mapping is part of the model.
 */

const relativeToPrice = new Set(['sma_20', 'sma_50', 'bollinger_upper', 'bollinger_lower']);
const ratioToPrice = new Set(['macd', 'atr_14']);
const logScale = new Set(['volume', 'dollar_volume']);
export const priceFeature = 'stock_price';

export interface RelativeInputs {
  x: Float64Array;
  nRows: number;
  nFeatures: number;
  names: string[];
  /** The `stock_price` of each row, to scale returns back to cash flows. */
  price: Float64Array;
}

export function relativeInputs(x: Float64Array, nRows: number, names: readonly string[]): RelativeInputs {
  const d = names.length;
  const p = names.indexOf(priceFeature);
  if (p < 0) throw new Error(`the signature has no ${priceFeature}: relative inputs need it`);
  const kept = names.map((name, j) => ({ name, j })).filter(({ name }) => name !== priceFeature);
  const out = new Float64Array(nRows * kept.length);
  const price = new Float64Array(nRows);
  for (let i = 0; i < nRows; i++) {
    const px = x[i * d + p]!;
    price[i] = px;
    kept.forEach(({ name, j }, k) => {
      const v = x[i * d + j]!;
      out[i * kept.length + k] = relativeToPrice.has(name)
        ? v / px - 1
        : ratioToPrice.has(name)
          ? v / px
          : logScale.has(name)
            ? Math.log1p(Math.max(v, 0))
            : v;
    });
  }
  return { x: out, nRows, nFeatures: kept.length, names: kept.map((k) => k.name), price };
}
