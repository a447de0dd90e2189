import { describe, expect, it } from 'vitest';
import { DatasetError } from '../../../lib/dataset-error.js';
import { assertEnoughHistory, minimumLabelledDates, warmupBars } from '../../../lib/enough-history.js';
import { buildFeatures, timeOrderedSplits } from '../../../lib/features.js';
import { generateSyntheticMarket } from '../../../lib/sources/synthetic.js';

const settings = { horizon: 5, validationFraction: 0.15, holdoutFraction: 0.15 };

describe('assertEnoughHistory', () => {
  it('knows the warm-up and the splits: 49 bars for sma_50, 22 labelled dates for H = 5', () => {
    expect(warmupBars()).toBe(49);
    // 22 dates - 2 embargoes of 5 = 12 usable: 10 training, floor(1.8) = 1 validation, 1 holdout.
    expect(minimumLabelledDates(settings)).toBe(22);
  });

  it('accepts exactly the shortest series the features stage can split, and refuses one bar less', () => {
    const enough = generateSyntheticMarket({ rows: 76, symbols: 1, seed: 4 });
    expect(() => assertEnoughHistory(enough, settings, 'x')).not.toThrow();
    const set = buildFeatures(enough, { horizon: 5, riskThreshold: 0.03 });
    expect(() => timeOrderedSplits(set, { ...settings, embargo: 5 })).not.toThrow();

    const short = generateSyntheticMarket({ rows: 75, symbols: 1, seed: 4 });
    expect(() => assertEnoughHistory(short, settings, 'x')).toThrow(DatasetError);
    const shortSet = buildFeatures(short, { horizon: 5, riskThreshold: 0.03 });
    expect(() => timeOrderedSplits(shortSet, { ...settings, embargo: 5 })).toThrow(DatasetError);
  });

  it('says how much there is and how much is needed', () => {
    const data = generateSyntheticMarket({ rows: 120, symbols: 2, seed: 4 });
    expect(() => assertEnoughHistory(data, settings, 'prices.csv')).toThrow(
      'prices.csv has too little history: 120 rows over 60 dates and 2 symbols, giving 6 dates with a known ' +
        '5-day outcome; at least 76 consecutive bars of a symbol are needed',
    );
  });
});
