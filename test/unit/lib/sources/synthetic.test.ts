/**
 * The synthetic generator is valid by construction: for any seed and size, every bar passes the same rules
 * ingestion applies, the canonical CSV reads back to the same bars, and the features stage finds a target
 * for every row its splits hand to training. Series of tens of thousands of days are included: a free
 * random walk that long used to reach sub-cent prices whose rounded bars were quietly dropped.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DatasetError } from '../../../../lib/dataset-error.js';
import { buildFeatures, timeOrderedSplits } from '../../../../lib/features.js';
import { parseMarketCsv, toCanonicalCsv } from '../../../../lib/market-data.js';
import { validateMarketData } from '../../../../lib/market-validation.js';
import { generateSyntheticMarket } from '../../../../lib/sources/synthetic.js';

const seed = fc.integer({ min: 0, max: 2 ** 32 - 1 });

describe('generateSyntheticMarket', () => {
  it('makes only bars that pass ingestion, sorted, without gaps, for any seed and size', () => {
    fc.assert(
      fc.property(
        seed,
        fc.integer({ min: 1, max: 25_000 }),
        fc.integer({ min: 1, max: 4 }),
        (s, rows, symbols) => {
          const data = generateSyntheticMarket({ rows, symbols, seed: s });
          expect(data.date.length).toBe(symbols * Math.ceil(rows / symbols));
          const { report } = validateMarketData(data, { source: 'synthetic', maxBadFraction: 0 });
          expect(report.quarantined).toEqual([]);
          expect(report.warnings).toEqual([]);
          const outOfBand = data.close.filter((c) => !(c >= 1 && c <= 10_000));
          expect(outOfBand.length).toBe(0);
        },
      ),
      // The regression case: one symbol's 20,000 days of the 2,000,000-row, 100-symbol, seed-13 run.
      { numRuns: 40, examples: [[13, 20_000, 1]] },
    );
  }, 60_000);

  it('reads back from its canonical CSV as exactly the same bars', () => {
    fc.assert(
      fc.property(
        seed,
        fc.integer({ min: 1, max: 3_000 }),
        fc.integer({ min: 1, max: 5 }),
        (s, rows, symbols) => {
          const data = generateSyntheticMarket({ rows, symbols, seed: s });
          const { data: again, report } = parseMarketCsv(toCanonicalCsv(data), { defaultSymbol: 'X' });
          expect(report.quarantined).toEqual([]);
          expect(again).toEqual(data);
        },
      ),
      { numRuns: 30 },
    );
  }, 60_000);

  it('gives every row of every split a finite target, or refuses too few dates with a DatasetError', () => {
    const options = { validationFraction: 0.15, holdoutFraction: 0.15, embargo: 5 };
    fc.assert(
      fc.property(
        seed,
        fc.integer({ min: 1, max: 6_000 }),
        fc.integer({ min: 1, max: 3 }),
        (s, rows, symbols) => {
          const set = buildFeatures(generateSyntheticMarket({ rows, symbols, seed: s }), {
            horizon: 5,
            riskThreshold: 0.03,
          });
          let splits;
          try {
            splits = timeOrderedSplits(set, options);
          } catch (err) {
            expect(err).toBeInstanceOf(DatasetError);
            return;
          }
          const unknown = [splits.train, splits.validation, splits.holdout].flatMap(([start, end]) =>
            Array.from(set.target.subarray(start, end)).filter((t) => !Number.isFinite(t)),
          );
          expect(unknown).toEqual([]);
        },
      ),
      { numRuns: 25, examples: [[13, 1_000, 1]] },
    );
  }, 60_000);

  it('is the same data for the same seed', () => {
    expect(generateSyntheticMarket({ rows: 500, symbols: 2, seed: 9 })).toEqual(
      generateSyntheticMarket({ rows: 500, symbols: 2, seed: 9 }),
    );
  });

  it('refuses sizes it cannot make, saying why', () => {
    expect(() => generateSyntheticMarket({ rows: 0, symbols: 1, seed: 1 })).toThrow(
      'synthetic rows must be a whole number >= 1, not 0',
    );
    expect(() => generateSyntheticMarket({ rows: 10, symbols: 0, seed: 1 })).toThrow(DatasetError);
    expect(() => generateSyntheticMarket({ rows: 3_000_000, symbols: 1, seed: 1 })).toThrow(
      /3000000 days per symbol; at most 2000000 fit before the year 10000/,
    );
  });
});
