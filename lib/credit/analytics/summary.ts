/**
 * The analytics of one projection in one call, so every asset class is summarised the same way: totals,
 * WAL, and, when a discount curve or a yield is given, value, yield and risk measures.
 */
import { balanceReduction, type CashFlowProjection } from '../projection.js';
import {
  convexity,
  macaulayDuration,
  modifiedDuration,
  priceFromYield,
  weightedAverageLife,
  yieldFromPrice,
} from './bond-math.js';
import { priceOnCurve, zSpread, type ZeroCurve } from './curve.js';

export interface ValuationInputs {
  /** Discount curve; the value is the cash flows on it plus `spread`. */
  curve?: ZeroCurve;
  /** Annual spread over the curve. Default 0. */
  spread?: number;
  /** Price paid (same units as the balances): gives the yield, and the Z-spread if a curve is given. */
  price?: number;
  /** Annual yield for duration and convexity when no price is given. */
  yield?: number;
}

export interface ProjectionSummary {
  totalCashFlow: number;
  totalInterest: number;
  totalPrincipal: number;
  totalDefaults: number;
  totalLoss: number;
  /** totalLoss / opening balance. */
  lossRate: number;
  /** Years, weighted by the balance reduction (scheduled + prepaid + defaulted). */
  weightedAverageLife: number;
  value?: number;
  /** Annual yield at `price` (or the given yield). */
  yield?: number;
  zSpread?: number;
  macaulayDuration?: number;
  modifiedDuration?: number;
  convexity?: number;
  /** Set when a measure asked for does not exist (e.g. no yield prices the flows). */
  notes: string[];
}

const total = (a: Float64Array) => a.reduce((s, x) => s + x, 0);

export function summariseProjection(
  p: CashFlowProjection,
  openingBalance: number,
  inputs: ValuationInputs = {},
): ProjectionSummary {
  const f = p.periodsPerYear;
  const totalLoss = total(p.loss);
  const summary: ProjectionSummary = {
    totalCashFlow: total(p.totalCashFlow),
    totalInterest: total(p.interest),
    totalPrincipal: total(p.scheduledPrincipal) + total(p.prepayment) + total(p.recovery),
    totalDefaults: total(p.defaults),
    totalLoss,
    lossRate: openingBalance > 0 ? totalLoss / openingBalance : 0,
    weightedAverageLife: weightedAverageLife(balanceReduction(p), f),
    notes: [],
  };
  const cf = p.totalCashFlow;
  if (inputs.curve) summary.value = priceOnCurve(cf, inputs.curve, f, inputs.spread ?? 0);
  let y = inputs.yield;
  if (inputs.price !== undefined) {
    const found = yieldFromPrice(cf, inputs.price, f);
    if (found.exists) y = found.annualYield;
    else summary.notes.push(`yield: ${found.message}`);
    if (inputs.curve) {
      const z = zSpread(cf, inputs.price, inputs.curve, f);
      if (z.exists) summary.zSpread = z.spread;
      else summary.notes.push(`zSpread: ${z.message}`);
    }
  }
  if (y !== undefined) {
    summary.yield = y;
    summary.value ??= priceFromYield(cf, y, f);
    summary.macaulayDuration = macaulayDuration(cf, y, f);
    summary.modifiedDuration = modifiedDuration(cf, y, f);
    summary.convexity = convexity(cf, y, f);
  }
  return summary;
}
