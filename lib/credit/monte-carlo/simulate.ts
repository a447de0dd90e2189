/**
 * Runs paths [fromPath, toPath) of a seeded Monte Carlo over a mortgage pool. A path's numbers depend only
 * on (seed, path index), so any split of the paths into chunks, run anywhere in any order and merged with
 * mergePathChunks, equals one run over all of them, value for value.
 *
 * The hot loop goes loan by loan over typed arrays with no allocation: for each path and month it walks
 * the loans still amortising and accumulates the pool's flows.
 */
import { irr } from '../analytics/irr.js';
import { modelConstants, type MortgageMonteCarloModel } from './model.js';
import { normalPair } from './philox.js';
import { poolTables, type LoanPool, type PoolTables } from './pool.js';

export interface PathRange {
  seed: number;
  fromPath: number;
  toPath: number;
}

/** Per-path results of a range of paths; series are path-major (path k's month t at k·months + t). */
export interface PathChunk {
  fromPath: number;
  toPath: number;
  months: number;
  /** Pool cash flow (interest + scheduled principal + prepayment + recovery). */
  cashFlow: Float64Array;
  /** Pool performing balance at the end of the month. */
  balance: Float64Array;
  /** Loss realised in the month. */
  loss: Float64Array;
  shortRate: Float64Array;
  /** Value along the path's own short rate plus OAS, minus the price. */
  npv: Float64Array;
  /** Annual yield (monthly IRR × 12) at the price; NaN where no IRR exists. */
  irr: Float64Array;
  /** Weighted average life in years, weighted by the balance reduction. */
  wal: Float64Array;
  /** Realised losses over the opening balance. */
  lossRate: Float64Array;
}

export const CHUNK_SERIES = ['cashFlow', 'balance', 'loss', 'shortRate'] as const;
export const CHUNK_SCALARS = ['npv', 'irr', 'wal', 'lossRate'] as const;

/** Pool and tables prepared once, shared by every chunk a process runs. */
export interface PreparedPool {
  pool: LoanPool;
  tables: PoolTables;
  openingBalance: number;
}

export function preparePool(pool: LoanPool, model: MortgageMonteCarloModel): PreparedPool {
  const months = model.horizonMonths + model.recoveryLagMonths;
  return {
    pool,
    tables: poolTables(pool, Math.min(months, model.horizonMonths), model.prepayment.steepness),
    openingBalance: pool.balance.reduce((s, b) => s + b, 0),
  };
}

export function simulatePaths(
  prepared: PreparedPool,
  model: MortgageMonteCarloModel,
  range: PathRange,
): PathChunk {
  const c = modelConstants(model);
  const { pool, tables, openingBalance } = prepared;
  const { months } = c;
  const horizon = model.horizonMonths;
  const lag = model.recoveryLagMonths;
  const n = pool.size;
  const count = range.toPath - range.fromPath;
  const chunk: PathChunk = {
    fromPath: range.fromPath,
    toPath: range.toPath,
    months,
    cashFlow: new Float64Array(count * months),
    balance: new Float64Array(count * months),
    loss: new Float64Array(count * months),
    shortRate: new Float64Array(count * months),
    npv: new Float64Array(count),
    irr: new Float64Array(count),
    wal: new Float64Array(count),
    lossRate: new Float64Array(count),
  };
  const bal = new Float64Array(n);
  const mdr = new Float64Array(months);
  const curveScale = new Float64Array(months);
  const recovery = new Float64Array(months);
  const flows = new Float64Array(months + 1);
  const z = new Float64Array(2);
  const { scheduledShare, activeLoans, monthlyRate, curveFactor } = tables;
  const { defaultMultiplier, severity, ageMonths } = pool;
  const { smmMin, smmSpan, invSeasoning } = c;
  const r0 = model.shortRate.initial;
  const theta = model.shortRate.longTermMean;
  const k = model.prepayment.steepness;
  const price = model.valuation.priceRatio * openingBalance;

  for (let p = 0; p < count; p++) {
    const path = range.fromPath + p;
    const base = p * months;
    // The path's rates and pool-level default rates first: they do not depend on the loans.
    let r = r0;
    let x = 0;
    for (let t = 0; t < months; t++) {
      normalPair(range.seed, path, t, 0, z);
      r = theta + (r - theta) * c.rateDecay + c.rateStep * z[0]!;
      const shock = model.default.correlation * z[0]! + c.correlationComplement * z[1]!;
      x = x * c.creditDecay + c.creditStep * shock;
      const cdr = Math.min(
        model.default.maxCdr,
        model.default.baseCdr * Math.exp(x + model.default.rateSensitivity * (r - r0)),
      );
      mdr[t] = 1 - Math.pow(1 - cdr, 1 / 12);
      curveScale[t] = Math.exp(k * (r + model.prepayment.mortgageSpread + model.prepayment.midpoint));
      chunk.shortRate[base + t] = r;
    }
    bal.set(pool.balance);
    recovery.fill(0);
    let walWeighted = 0;
    let walTotal = 0;
    let lossTotal = 0;
    let opening = openingBalance;
    for (let t = 0; t < horizon; t++) {
      const active = activeLoans[t]!;
      if (active === 0) break;
      const row = t * n;
      const mdrT = mdr[t]!;
      const scaleT = curveScale[t]!;
      const ageShift = t + 1;
      let sInterest = 0;
      let sDefault = 0;
      let sLoss = 0;
      let sBalance = 0;
      // Ternaries rather than Math.min: the same values (no NaN can arise here) and a faster loop in V8.
      for (let i = 0; i < active; i++) {
        const b = bal[i]!;
        const hazard = defaultMultiplier[i]! * mdrT;
        const defaulted = hazard < 1 ? b * hazard : b;
        const performing = b - defaulted;
        const rest = performing - performing * scheduledShare[row + i]!;
        const seasoning = (ageMonths[i]! + ageShift) * invSeasoning;
        const smm = (smmMin + smmSpan / (1 + curveFactor[i]! * scaleT)) * (seasoning < 1 ? seasoning : 1);
        const left = rest - rest * smm;
        bal[i] = left;
        sInterest += performing * monthlyRate[i]!;
        sDefault += defaulted;
        sLoss += defaulted * severity[i]!;
        sBalance += left;
      }
      // Loans past their term hold a zero balance, so the month's opening balance is last month's closing
      // one and the principal paid (scheduled + prepaid) is what is neither defaulted nor left.
      const principal = opening - sDefault - sBalance;
      opening = sBalance;
      chunk.cashFlow[base + t] = sInterest + principal;
      chunk.balance[base + t] = sBalance;
      chunk.loss[base + t + lag] = sLoss;
      recovery[t + lag] = sDefault - sLoss;
      walWeighted += (t + 1) * (principal + sDefault);
      walTotal += principal + sDefault;
      lossTotal += sLoss;
    }
    // Recoveries join the cash flows; then value, yield and life of the path.
    let discount = 1;
    let value = 0;
    flows[0] = -price;
    for (let t = 0; t < months; t++) {
      const cf = chunk.cashFlow[base + t]! + recovery[t]!;
      chunk.cashFlow[base + t] = cf;
      discount *= Math.exp(-(chunk.shortRate[base + t]! + model.valuation.oas) / 12);
      value += cf * discount;
      flows[t + 1] = cf;
    }
    chunk.npv[p] = value - price;
    const found = irr(flows, { guess: 0.005 });
    chunk.irr[p] = found.exists ? found.rate * 12 : Number.NaN;
    chunk.wal[p] = walTotal === 0 ? 0 : walWeighted / walTotal / 12;
    chunk.lossRate[p] = lossTotal / openingBalance;
  }
  return chunk;
}
