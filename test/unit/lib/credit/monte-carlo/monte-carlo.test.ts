/**
 * Monte Carlo core: the generator against Random123's known answers, chunk-merge equality, the codec, and
 * the path loop against the deterministic amortisation engine when the model has no randomness.
 */
import { describe, expect, it } from 'vitest';
import { cdrToMdr, cprToSmm } from '../../../../../lib/credit/conventions.js';
import { amortise } from '../../../../../lib/credit/engines/amortise.js';
import { decodePathChunk, encodePathChunk } from '../../../../../lib/credit/monte-carlo/chunk-codec.js';
import {
  DEFAULT_MORTGAGE_MODEL,
  type MortgageMonteCarloModel,
} from '../../../../../lib/credit/monte-carlo/model.js';
import { philox4x32 } from '../../../../../lib/credit/monte-carlo/philox.js';
import { syntheticMortgagePool } from '../../../../../lib/credit/monte-carlo/pool.js';
import { preparePool, simulatePaths } from '../../../../../lib/credit/monte-carlo/simulate.js';
import {
  mergePathChunks,
  percentileOfSorted,
  percentilesBySelection,
  summarisePaths,
} from '../../../../../lib/credit/monte-carlo/summary.js';
import { sumProjections } from '../../../../../lib/credit/projection.js';

const model: MortgageMonteCarloModel = {
  ...DEFAULT_MORTGAGE_MODEL,
  horizonMonths: 120,
  recoveryLagMonths: 6,
};
const pool = syntheticMortgagePool(40, 11);
// Short loans so the 120-month horizon covers them.
pool.remainingTermMonths.fill(120);
pool.ageMonths.fill(0);
const prepared = preparePool(pool, model);

describe('Philox4x32-10', () => {
  it("matches Random123's known-answer vectors (kat_vectors: philox4x32 10)", () => {
    const out = new Uint32Array(4);
    philox4x32(0, 0, 0, 0, 0, 0, out);
    expect([...out]).toEqual([0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8]);
    philox4x32(0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff, out);
    expect([...out]).toEqual([0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd]);
    philox4x32(0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344, 0xa4093822, 0x299f31d0, out);
    expect([...out]).toEqual([0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1]);
  });
});

describe('chunked runs', () => {
  const whole = simulatePaths(prepared, model, { seed: 7, fromPath: 0, toPath: 30 });

  it('merging chunks run in any order equals one run over all paths, value for value', () => {
    const parts = [
      simulatePaths(prepared, model, { seed: 7, fromPath: 17, toPath: 30 }),
      simulatePaths(prepared, model, { seed: 7, fromPath: 0, toPath: 5 }),
      simulatePaths(prepared, model, { seed: 7, fromPath: 5, toPath: 17 }),
    ];
    const merged = mergePathChunks(parts);
    expect(merged).toEqual(whole);
    expect(summarisePaths(merged)).toEqual(summarisePaths(whole));
  });

  it('refuses chunks that leave a gap', () => {
    const a = simulatePaths(prepared, model, { seed: 7, fromPath: 0, toPath: 3 });
    const b = simulatePaths(prepared, model, { seed: 7, fromPath: 4, toPath: 6 });
    expect(() => mergePathChunks([a, b])).toThrow(/not contiguous/);
  });

  it('is deterministic for a seed and changes with it', () => {
    expect(simulatePaths(prepared, model, { seed: 7, fromPath: 3, toPath: 4 }).npv[0]).toBe(whole.npv[3]);
    expect(simulatePaths(prepared, model, { seed: 8, fromPath: 3, toPath: 4 }).npv[0]).not.toBe(whole.npv[3]);
  });

  it('a chunk survives the byte codec unchanged', () => {
    expect(decodePathChunk(encodePathChunk(whole))).toEqual(whole);
    expect(() => decodePathChunk(encodePathChunk(whole).subarray(0, 100))).toThrow(/truncated/);
  });

  it('summarises P5 ≤ P50 ≤ P95 bands and per-path distributions', () => {
    const s = summarisePaths(whole);
    expect(s.paths).toBe(30);
    expect(s.months).toBe(126);
    for (let t = 0; t < s.months; t++) {
      expect(s.bands.cashFlow.p5[t]!).toBeLessThanOrEqual(s.bands.cashFlow.p50[t]!);
      expect(s.bands.cashFlow.p50[t]!).toBeLessThanOrEqual(s.bands.cashFlow.p95[t]!);
    }
    expect(s.distributions.irr.count + s.pathsWithoutIrr).toBe(30);
    expect(s.distributions.wal.mean).toBeGreaterThan(0);
  });
});

describe('path loop', () => {
  it('with no randomness equals the deterministic engine run loan by loan on the same rates', () => {
    const calm: MortgageMonteCarloModel = {
      ...model,
      shortRate: { ...model.shortRate, volatility: 0 },
      default: { ...model.default, volatility: 0 },
    };
    const path = simulatePaths(preparePool(pool, calm), calm, { seed: 1, fromPath: 0, toPath: 1 });
    // Short rate with σ = 0: r(t) = θ + (r(t−1) − θ)·e^(−κ/12), the first step from r(0).
    const { initial, longTermMean, meanReversion } = calm.shortRate;
    const rates: number[] = [];
    let r = initial;
    for (let t = 0; t < path.months; t++)
      rates.push((r = longTermMean + (r - longTermMean) * Math.exp(-meanReversion / 12)));
    const pp = calm.prepayment;
    const d = calm.default;
    const loans = Array.from({ length: pool.size }, (_, i) =>
      amortise(
        { balance: pool.balance[i]!, termPeriods: 120, noteRate: pool.noteRate[i]!, periodsPerYear: 12 },
        {
          smm: (t) => {
            const incentive = pool.noteRate[i]! - (rates[t]! + pp.mortgageSpread);
            const curve =
              cprToSmm(pp.minCpr) +
              (cprToSmm(pp.maxCpr) - cprToSmm(pp.minCpr)) /
                (1 + Math.exp(-pp.steepness * (incentive - pp.midpoint)));
            return curve * Math.min(1, (pool.ageMonths[i]! + t + 1) / pp.seasoningMonths);
          },
          mdr: (t) =>
            pool.defaultMultiplier[i]! *
            cdrToMdr(Math.min(d.maxCdr, d.baseCdr * Math.exp(d.rateSensitivity * (rates[t]! - initial)))),
          severity: pool.severity[i]!,
          recoveryLag: calm.recoveryLagMonths,
        },
      ),
    );
    const expected = sumProjections(loans);
    for (let t = 0; t < path.months; t++) {
      expect(path.shortRate[t]).toBeCloseTo(rates[t]!, 14);
      expect(path.cashFlow[t]! / expected.totalCashFlow[t]!).toBeCloseTo(1, 9);
      expect(path.loss[t]).toBeCloseTo(expected.loss[t]!, 4);
    }
  });
});

describe('percentiles', () => {
  it("interpolate linearly between order statistics, as NumPy's default (type 7)", () => {
    // (n − 1)·p = 3 · 0.05 = 0.15 → 1 + 0.15 · (2 − 1) = 1.15; the median of 1..4 is 2.5.
    expect(percentileOfSorted([1, 2, 3, 4], 5)).toBeCloseTo(1.15, 12);
    expect(percentileOfSorted([1, 2, 3, 4], 50)).toBe(2.5);
    expect(percentileOfSorted([1, 2, 3, 4], 100)).toBe(4);
  });
});

describe('percentiles by selection', () => {
  it('equal the percentiles of the sorted values, ties and all', () => {
    const values = Float64Array.from(
      { length: 1001 },
      (_, i) => ((i * 7919) % 1009) / 10 + (i % 5 === 0 ? 0 : 0.5),
    );
    values.fill(3, 100, 300); // a run of ties, like zero balances after payoff
    const sorted = Float64Array.from(values).sort();
    const ps = [5, 50, 95];
    expect(percentilesBySelection(Float64Array.from(values), ps)).toEqual(
      ps.map((p) => percentileOfSorted(sorted, p)),
    );
    expect(percentilesBySelection(Float64Array.from([4, 1, 3, 2]), [5, 50, 100])).toEqual([1.15, 2.5, 4]);
  });
});
