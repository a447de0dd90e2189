/**
 * Commercial real-estate loans: interest-only months, amortisation on a schedule longer than the term and a
 * balloon at maturity, with the property's NOI and value driving default:
 *
 * - DSCR(t) = annual NOI(t) / annual debt service(t); LTV(t) = balance(t) / value(t);
 * - term default: the whole loan defaults in the first month DSCR falls below `termDefaultDscr`;
 * - balloon default: at maturity the loan refinances only if LTV ≤ `refinanceMaxLtv` and the DSCR on the
 *   new loan's terms ≥ `refinanceMinDscr`; otherwise the balloon defaults;
 * - severity of a default from the property: 1 − value · (1 − liquidation cost) / balance, at least 0.
 *
 * Stress: NOI and value shocks (one-off levels) and annual growth, as in DSCR/LTV stress tests.
 */
import { levelPayment } from '../conventions.js';
import { amortise, type AmortisedProjection } from './amortise.js';

export interface CommercialLoan {
  balance: number;
  noteRate: number;
  termMonths: number;
  amortisationMonths: number;
  interestOnlyMonths: number;
  /** Annual net operating income of the property today. */
  noi: number;
  propertyValue: number;
}

export interface CommercialAssumptions {
  /** One-off change of NOI, e.g. −0.2 for a 20% fall. Default 0. */
  noiShock?: number;
  /** One-off change of the property value. Default 0. */
  valueShock?: number;
  /** Annual growth of NOI and value. Default 0. */
  annualGrowth?: number;
  termDefaultDscr: number;
  refinanceMaxLtv: number;
  refinanceMinDscr: number;
  /** Rate and amortisation of the refinancing loan, for the DSCR test at maturity. */
  refinanceRate: number;
  refinanceAmortisationMonths: number;
  /** Share of the value lost to sale costs when a defaulted loan is liquidated. */
  liquidationCost: number;
  recoveryLagMonths: number;
  /** Annual prepayment rate (commercial loans usually have lock-outs: 0). Default 0. */
  cpr?: number;
}

export interface CommercialProjection extends AmortisedProjection {
  dscr: Float64Array;
  ltv: Float64Array;
  /** Month (1-based) of a term default, or null. */
  termDefaultMonth: number | null;
  balloonDefault: boolean;
}

function propertyPath(loan: CommercialLoan, a: CommercialAssumptions) {
  const growth = a.annualGrowth ?? 0;
  return (t: number) => {
    const g = Math.pow(1 + growth, (t + 1) / 12);
    return {
      noi: loan.noi * (1 + (a.noiShock ?? 0)) * g,
      value: loan.propertyValue * (1 + (a.valueShock ?? 0)) * g,
    };
  };
}

/** Annual debt service of the loan in month t (interest only, or the level payment) on `balance`. */
function annualDebtService(loan: CommercialLoan, t: number, balance: number): number {
  const rate = loan.noteRate / 12;
  if (t < loan.interestOnlyMonths) return balance * rate * 12;
  return levelPayment(balance, rate, loan.amortisationMonths - (t - loan.interestOnlyMonths)) * 12;
}

export function projectCommercialLoan(loan: CommercialLoan, a: CommercialAssumptions): CommercialProjection {
  const property = propertyPath(loan, a);
  const term = loan.termMonths;
  // First pass without defaults finds when the loan defaults; the second projects with that default.
  const terms = {
    balance: loan.balance,
    termPeriods: term,
    noteRate: loan.noteRate,
    periodsPerYear: 12,
    interestOnlyPeriods: loan.interestOnlyMonths,
    amortisationPeriods: loan.amortisationMonths,
  };
  const smm = 1 - Math.pow(1 - (a.cpr ?? 0), 1 / 12);
  const performing = amortise(terms, { smm: () => smm, mdr: () => 0, severity: 0, recoveryLag: 0 });
  let defaultMonth: number | null = null;
  let termDefault = false;
  let balance = loan.balance;
  for (let t = 0; t < term && defaultMonth === null; t++) {
    const { noi } = property(t);
    if (noi / annualDebtService(loan, t, balance) < a.termDefaultDscr) {
      defaultMonth = t;
      termDefault = true;
    }
    balance = performing.balance[t]!;
  }
  let balloonDefault = false;
  if (defaultMonth === null) {
    const atMaturity = performing.scheduledPrincipal[term - 1]! + performing.prepayment[term - 1]!;
    const { noi, value } = property(term - 1);
    const refiService = levelPayment(atMaturity, a.refinanceRate / 12, a.refinanceAmortisationMonths) * 12;
    if (
      atMaturity > 0 &&
      (atMaturity / value > a.refinanceMaxLtv || noi / refiService < a.refinanceMinDscr)
    ) {
      balloonDefault = true;
      defaultMonth = term - 1;
    }
  }
  const liquidationSeverity = (t: number, owed: number) =>
    owed <= 0 ? 0 : Math.max(0, 1 - (property(t).value * (1 - a.liquidationCost)) / owed);
  let severity = 0;
  if (defaultMonth !== null) {
    const owed = defaultMonth === 0 ? loan.balance : performing.balance[defaultMonth - 1]!;
    severity = liquidationSeverity(defaultMonth, owed);
  }
  const projection = amortise(terms, {
    smm: (t) => (balloonDefault && t === term - 1 ? 0 : smm),
    // A balloon default is modelled as the whole remaining balance defaulting in the maturity month.
    mdr: (t) => (t === defaultMonth ? 1 : 0),
    severity,
    recoveryLag: a.recoveryLagMonths,
  });
  const dscr = new Float64Array(projection.periods);
  const ltv = new Float64Array(projection.periods);
  let opening = loan.balance;
  for (let t = 0; t < term; t++) {
    const { noi, value } = property(t);
    dscr[t] = opening > 0 ? noi / annualDebtService(loan, t, opening) : Number.NaN;
    ltv[t] = opening / value;
    opening = projection.balance[t]!;
  }
  return {
    ...projection,
    dscr,
    ltv,
    termDefaultMonth: termDefault && defaultMonth !== null ? defaultMonth + 1 : null,
    balloonDefault,
  };
}

export interface StressCell {
  noiShock: number;
  valueShock: number;
  minDscr: number;
  maxLtv: number;
  lossRate: number;
  termDefaultMonth: number | null;
  balloonDefault: boolean;
}

/** The loan under every pair of NOI and value shocks: the DSCR/LTV stress grid. */
export function commercialStressGrid(
  loan: CommercialLoan,
  a: CommercialAssumptions,
  noiShocks: readonly number[],
  valueShocks: readonly number[],
): StressCell[] {
  const cells: StressCell[] = [];
  for (const noiShock of noiShocks) {
    for (const valueShock of valueShocks) {
      const p = projectCommercialLoan(loan, { ...a, noiShock, valueShock });
      let minDscr = Infinity;
      let maxLtv = 0;
      for (let t = 0; t < loan.termMonths; t++) {
        if (!Number.isNaN(p.dscr[t]!)) minDscr = Math.min(minDscr, p.dscr[t]!);
        maxLtv = Math.max(maxLtv, p.ltv[t]!);
      }
      const loss = p.loss.reduce((s, x) => s + x, 0);
      cells.push({
        noiShock,
        valueShock,
        minDscr,
        maxLtv,
        lossRate: loss / loan.balance,
        termDefaultMonth: p.termDefaultMonth,
        balloonDefault: p.balloonDefault,
      });
    }
  }
  return cells;
}
