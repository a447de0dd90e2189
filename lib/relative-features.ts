/**
 * Scale-free model inputs from the raw signature. Prices trend: a model fed index levels meets levels in
 * its holdout (and in production) it never saw in training, and trees cannot extrapolate. So the models
 * see price-like features relative to the current price and predict returns, which the serving side turns
 * back into cash flows by multiplying with `stock_price`. Volume levels trend with the market's growth
 * and, on the sample, taught the forest that "high volume" meant 2008 (directional accuracy 0.40 with
 * them, 0.63 without): they stay in the signature and in drift monitoring, not in the models' inputs. The
 * API keeps taking the raw fields; the mapping is part of the model. How each feature is seen is its
 * catalogue entry's `view` (lib/feature-catalogue.ts).
 */
import { featureCatalogue, type FeatureEntry, type ModelView } from './feature-catalogue.js';

export const priceFeature = 'stock_price';

export interface RelativeInputs {
  x: Float64Array;
  nRows: number;
  nFeatures: number;
  names: string[];
  /** The `stock_price` of each row, to scale returns back to cash flows. */
  price: Float64Array;
}

/**
 * A value the model cannot use, e.g. a non-positive price: the caller's input, so a 400, not a 500.
 * `field` is the feature to fix (undefined when no single one is to blame), `row` the row it is in.
 */
export class FeatureValueError extends Error {
  override name = 'FeatureValueError';
  constructor(
    readonly field: string | undefined,
    readonly row: number,
    message: string,
  ) {
    super(message);
  }
}

/** How the models see each name of a signature; a name the catalogue lacks is refused, never guessed. */
export function viewsOf(
  names: readonly string[],
  catalogue: readonly FeatureEntry[] = featureCatalogue,
): ModelView[] {
  return names.map((name) => {
    const entry = catalogue.find((e) => e.name === name);
    if (!entry) throw new Error(`feature ${name} is not in the feature catalogue: declare how models see it`);
    return entry.view;
  });
}

/**
 * The last transform of each input array. A served version runs three models (prediction, risk, cash-flow
 * path) on the same rows; each asks for the same transform, which is computed once. Inputs are treated as
 * immutable once passed in (the API builds a new matrix per request).
 */
const computed = new WeakMap<
  Float64Array,
  { names: readonly string[]; nRows: number; value: RelativeInputs }
>();

export function relativeInputs(
  x: Float64Array,
  nRows: number,
  names: readonly string[],
  catalogue: readonly FeatureEntry[] = featureCatalogue,
): RelativeInputs {
  const hit = computed.get(x);
  if (hit && hit.nRows === nRows && sameNames(hit.names, names) && catalogue === featureCatalogue)
    return hit.value;
  const value = computeRelativeInputs(x, nRows, names, viewsOf(names, catalogue));
  if (catalogue === featureCatalogue) computed.set(x, { names, nRows, value });
  return value;
}

function sameNames(a: readonly string[], b: readonly string[]): boolean {
  return a === b || (a.length === b.length && a.every((name, i) => name === b[i]));
}

function computeRelativeInputs(
  x: Float64Array,
  nRows: number,
  names: readonly string[],
  views: readonly ModelView[],
): RelativeInputs {
  const d = names.length;
  const p = names.indexOf(priceFeature);
  if (p < 0) throw new Error(`the signature has no ${priceFeature}: relative inputs need it`);
  const kept = names
    .map((name, j) => ({ name, j, view: views[j]! }))
    .filter(({ view }) => view !== 'price' && view !== 'not-an-input');
  const out = new Float64Array(nRows * kept.length);
  const price = new Float64Array(nRows);
  for (let i = 0; i < nRows; i++) {
    const px = x[i * d + p]!;
    if (!(px > 0) || !Number.isFinite(px)) {
      throw new FeatureValueError(
        priceFeature,
        i,
        `${priceFeature} must be a positive price, row ${i} has ${px}`,
      );
    }
    price[i] = px;
    kept.forEach(({ name, j, view }, k) => {
      const v = x[i * d + j]!;
      const input = view === 'relative-to-price' ? v / px - 1 : view === 'ratio-to-price' ? v / px : v;
      // A huge value over a tiny (even subnormal) price overflows: the model cannot use that row.
      if (!Number.isFinite(input)) {
        throw new FeatureValueError(
          name,
          i,
          `${name} / ${priceFeature} is not a finite number (${v} / ${px}): the model cannot use it`,
        );
      }
      out[i * kept.length + k] = input;
    });
  }
  return { x: out, nRows, nFeatures: kept.length, names: kept.map((k) => k.name), price };
}
