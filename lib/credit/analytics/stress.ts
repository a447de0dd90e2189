/**
 * Stress scenarios: named changes to a mortgage's assumptions (prepayment and default multipliers, a
 * severity shift, a rate shock on the discount curve and on an ARM's index), each projected and summarised
 * side by side with the base case.
 */
import type { RateVector } from '../conventions.js';
import { projectMortgage, type MortgageAssumptions, type MortgageLoan } from '../engines/mortgage.js';
import { shiftCurve } from './curve.js';
import { summariseProjection, type ProjectionSummary, type ValuationInputs } from './summary.js';

export interface StressScenario {
  name: string;
  /** Multiplies the CPR vector or the PSA speed. Default 1. */
  prepaymentMultiplier?: number;
  /** Multiplies the CDR vector. Default 1. */
  defaultMultiplier?: number;
  /** Added to the severity (then held in [0, 1]). Default 0. */
  severityShift?: number;
  /** Parallel shift of the discount curve and of an ARM's index, in basis points. Default 0. */
  rateShockBp?: number;
}

export const STANDARD_STRESSES: readonly StressScenario[] = [
  { name: 'base' },
  { name: 'fast prepayment', prepaymentMultiplier: 1.5 },
  { name: 'slow prepayment', prepaymentMultiplier: 0.5 },
  { name: 'defaults doubled', defaultMultiplier: 2 },
  { name: 'severity +20 points', severityShift: 0.2 },
  { name: 'rates +200 bp', rateShockBp: 200 },
  { name: 'rates -200 bp', rateShockBp: -200 },
  {
    name: 'recession: slow prepayment, defaults tripled, severity +15 points',
    prepaymentMultiplier: 0.5,
    defaultMultiplier: 3,
    severityShift: 0.15,
  },
];

function mapVector(v: RateVector, f: (x: number) => number): RateVector {
  return typeof v === 'number' ? f(v) : Float64Array.from(Array.from(v), f);
}

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

export function stressAssumptions(a: MortgageAssumptions, s: StressScenario): MortgageAssumptions {
  const pm = s.prepaymentMultiplier ?? 1;
  const dm = s.defaultMultiplier ?? 1;
  const shift = s.severityShift ?? 0;
  return {
    ...a,
    prepayment:
      a.prepayment.kind === 'psa'
        ? { kind: 'psa', speed: a.prepayment.speed * pm }
        : { kind: 'cpr', cpr: mapVector(a.prepayment.cpr, (x) => clamp01(x * pm)) },
    cdr: mapVector(a.cdr, (x) => clamp01(x * dm)),
    severity: mapVector(a.severity, (x) => clamp01(x + shift)),
  };
}

function stressLoan(loan: MortgageLoan, s: StressScenario): MortgageLoan {
  const shock = (s.rateShockBp ?? 0) / 10_000;
  if (!loan.arm || shock === 0) return loan;
  return { ...loan, arm: { ...loan.arm, indexRate: mapVector(loan.arm.indexRate, (x) => x + shock) } };
}

export interface StressResult {
  scenario: StressScenario;
  summary: ProjectionSummary;
}

export function runMortgageStresses(
  loan: MortgageLoan,
  assumptions: MortgageAssumptions,
  valuation: ValuationInputs,
  scenarios: readonly StressScenario[] = STANDARD_STRESSES,
): StressResult[] {
  return scenarios.map((scenario) => {
    const shock = (scenario.rateShockBp ?? 0) / 10_000;
    const projection = projectMortgage(stressLoan(loan, scenario), stressAssumptions(assumptions, scenario));
    const inputs: ValuationInputs = valuation.curve
      ? { ...valuation, curve: shiftCurve(valuation.curve, shock) }
      : { ...valuation, yield: valuation.yield === undefined ? undefined : valuation.yield + shock };
    return { scenario, summary: summariseProjection(projection, loan.balance, inputs) };
  });
}
