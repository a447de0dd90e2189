/**
 * The catalogue is the one declaration of a feature: one added entry reaches feature engineering, the
 * scale-free inputs, the example row, the API's field schema and the README's table, and any change to an
 * entry in use gives the stored feature set a new key.
 */
import { describe, expect, it } from 'vitest';
import { Compile } from 'typebox/compile';
import { featureRowSchema } from '../../../api/schemas/predict.js';
import { featureCatalogue, type FeatureEntry } from '../../../lib/feature-catalogue.js';
import {
  contractFields,
  entriesIn,
  exampleRow,
  featureSetKey,
  featureTableRows,
  selectFeatures,
} from '../../../lib/feature-sets.js';
import { buildFeatures } from '../../../lib/features.js';
import { relativeInputs } from '../../../lib/relative-features.js';
import { generateSyntheticMarket } from '../../../lib/sources/synthetic.js';

/** A new indicator, as a developer would add it: one entry (its function is inline here). */
const range10: FeatureEntry = {
  name: 'range_10',
  description: 'Highest high minus lowest low of the last 10 days.',
  computation: 'max(high, 10) − min(low, 10)',
  sets: ['extended'],
  view: 'ratio-to-price',
  range: { minimum: 0 },
  example: 6.5,
  fromBars: (b) =>
    b.close.map((_, t) =>
      t < 9
        ? Number.NaN
        : Math.max(...b.high.subarray(t - 9, t + 1)) - Math.min(...b.low.subarray(t - 9, t + 1)),
    ),
};
const withRange10 = [...featureCatalogue, range10];

describe('feature catalogue', () => {
  it('declares the reference request’s twelve fields, in its order, as the contract', () => {
    expect(contractFields).toEqual([
      ...['stock_price', 'volatility', 'volume', 'sma_20', 'sma_50', 'rsi', 'macd'],
      ...['bollinger_upper', 'bollinger_lower', 'vix', 'treasury_10y', 'dollar_index'],
    ]);
    expect(new Set(featureCatalogue.map((e) => e.name)).size).toBe(featureCatalogue.length);
  });

  it('has every example inside its own valid range', () => {
    const check = Compile(featureRowSchema());
    expect(check.Check(exampleRow(featureCatalogue))).toBe(true);
  });

  it('takes an added entry to feature engineering, the scale-free inputs, the example row, the API schema and the table', () => {
    const data = generateSyntheticMarket({ rows: 200, symbols: 1, seed: 4 });
    const set = buildFeatures(data, {
      horizon: 3,
      riskThreshold: 0.03,
      features: 'extended',
      catalogue: withRange10,
    });
    expect(set.featureNames.at(-1)).toBe('range_10');
    const t = data.date.indexOf(set.date[0]!);
    const d = set.nFeatures;
    const expected =
      Math.max(...data.high.subarray(t - 9, t + 1)) - Math.min(...data.low.subarray(t - 9, t + 1));
    expect(set.x[d - 1]).toBeCloseTo(expected, 9);

    // models see it as a ratio to the price
    const rel = relativeInputs(set.x.subarray(0, d), 1, set.featureNames, withRange10);
    expect(rel.names.at(-1)).toBe('range_10');
    expect(rel.x[rel.nFeatures - 1]).toBeCloseTo(expected / set.x[0]!, 12);

    expect(exampleRow(entriesIn('extended', withRange10))).toMatchObject({ range_10: 6.5 });
    const schema = featureRowSchema(withRange10) as unknown as { properties: Record<string, object> };
    expect(schema.properties.range_10).toMatchObject({
      type: 'number',
      minimum: 0,
      description: expect.stringContaining('Highest high minus lowest low') as unknown,
    });
    expect(featureTableRows(withRange10).at(-1)).toEqual([
      '`range_10`',
      'extended',
      'max(high, 10) − min(low, 10)',
      'value / price',
      '≥ 0',
      'Highest high minus lowest low of the last 10 days.',
    ]);
  });

  it('gives the stored feature set a new key when an entry in use changes, and only then', () => {
    const contract = featureSetKey(selectFeatures('contract'));
    const extended = featureSetKey(selectFeatures('extended'));
    expect(contract).toMatch(/^[0-9a-f]{64}$/);
    expect(extended).not.toBe(contract);
    // An added extended entry changes the extended key, not the contract's
    expect(featureSetKey(selectFeatures('extended', [], withRange10))).not.toBe(extended);
    expect(featureSetKey(selectFeatures('contract', [], withRange10))).toBe(contract);
    // A changed computation or view of an entry in use changes the key
    const changed = (patch: Partial<FeatureEntry>) =>
      featureCatalogue.map((e) => (e.name === 'sma_20' ? ({ ...e, ...patch } as FeatureEntry) : e));
    expect(
      featureSetKey(selectFeatures('contract', [], changed({ fromBars: (b) => b.close.map((c) => c * 2) }))),
    ).not.toBe(contract);
    expect(featureSetKey(selectFeatures('contract', [], changed({ view: 'as-is' })))).not.toBe(contract);
    // A macro source's fields are part of it
    expect(featureSetKey(selectFeatures('contract', ['vix']))).not.toBe(contract);
  });

  it('refuses to scale a signature name it does not declare, instead of passing a raw level', () => {
    expect(() => relativeInputs(Float64Array.from([100, 5]), 1, ['stock_price', 'mystery'])).toThrow(
      /feature mystery is not in the feature catalogue/,
    );
  });
});
