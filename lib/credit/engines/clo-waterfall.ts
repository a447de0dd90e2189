/**
 * A CLO/CDO waterfall over a collateral pool's projection (any engine's, or sumProjections of several):
 * each period the collateral's interest collections pay senior fees, then each class's interest in order
 * of seniority; after the interest of a class that carries coverage tests, its over-collateralisation (OC)
 * and interest-coverage (IC) tests are measured, and when one fails the interest that is left is diverted
 * to pay down principal, most senior class first, by the amount that cures the test (or all of it). What
 * interest remains goes to the equity. Principal collections (scheduled, prepaid, recovered) pay the
 * classes sequentially, or pro rata by balance while every test passes, and the rest goes to the equity.
 *
 * Tests as measured on a determination date, before the period's payments:
 *   OC(k) = (collateral par + principal collections) / Σ balances of class k and every class above it;
 *   IC(k) = (interest collections − senior fees) / Σ interest due on class k and every class above it.
 * Unpaid interest is carried to the next period (deferred, without interest on it).
 */
import type { CashFlowProjection } from '../projection.js';

export interface Tranche {
  name: string;
  balance: number;
  /** Annual coupon (for a floating class, index + spread over the period). */
  coupon: number;
  /** OC and IC triggers tested after this class's interest (e.g. 1.2 = 120%). */
  ocTrigger?: number;
  icTrigger?: number;
}

export interface WaterfallInputs {
  collateral: CashFlowProjection;
  /** Debt classes, most senior first; the equity takes whatever is left. */
  tranches: readonly Tranche[];
  principalPayment: 'sequential' | 'pro-rata';
  /** Senior fees as an annual share of the collateral's opening par. Default 0. */
  seniorFeeRate?: number;
}

export interface TrancheFlows {
  name: string;
  interest: Float64Array;
  principal: Float64Array;
  /** Balance after the period's payments. */
  balance: Float64Array;
  /** Interest due and not paid, carried forward. */
  interestShortfall: Float64Array;
  /** interest + principal: what the class's holders receive. */
  cashFlow: Float64Array;
}

export interface CoverageTest {
  /** The class the test belongs to. */
  name: string;
  kind: 'OC' | 'IC';
  trigger: number;
  ratio: Float64Array;
  passed: boolean[];
}

export interface WaterfallResult {
  periods: number;
  periodsPerYear: number;
  tranches: TrancheFlows[];
  equity: Float64Array;
  fees: Float64Array;
  /** Interest used to pay down principal because a test failed. */
  divertedInterest: Float64Array;
  tests: CoverageTest[];
}

/** Pays `cash` to the classes' principal most senior first; returns what is left. */
function paySequential(cash: number, balances: number[], paid: number[]): number {
  for (let j = 0; j < balances.length && cash > 0; j++) {
    const pay = Math.min(cash, balances[j]!);
    balances[j]! -= pay;
    paid[j]! += pay;
    cash -= pay;
  }
  return cash;
}

export function runWaterfall(inputs: WaterfallInputs): WaterfallResult {
  const { collateral: c, tranches } = inputs;
  const n = c.periods;
  const f = c.periodsPerYear;
  const flows: TrancheFlows[] = tranches.map((tr) => ({
    name: tr.name,
    interest: new Float64Array(n),
    principal: new Float64Array(n),
    balance: new Float64Array(n),
    interestShortfall: new Float64Array(n),
    cashFlow: new Float64Array(n),
  }));
  const tests: CoverageTest[] = [];
  const testOf = new Map<string, CoverageTest>();
  for (const tr of tranches) {
    for (const kind of ['OC', 'IC'] as const) {
      const trigger = kind === 'OC' ? tr.ocTrigger : tr.icTrigger;
      if (trigger === undefined) continue;
      const test: CoverageTest = { name: tr.name, kind, trigger, ratio: new Float64Array(n), passed: [] };
      tests.push(test);
      testOf.set(`${kind}:${tr.name}`, test);
    }
  }
  const result: WaterfallResult = {
    periods: n,
    periodsPerYear: f,
    tranches: flows,
    equity: new Float64Array(n),
    fees: new Float64Array(n),
    divertedInterest: new Float64Array(n),
    tests,
  };
  const balances = tranches.map((tr) => tr.balance);
  const carried = tranches.map(() => 0);
  for (let t = 0; t < n; t++) {
    const principalCash = c.scheduledPrincipal[t]! + c.prepayment[t]! + c.recovery[t]!;
    const openingPar = c.balance[t]! + c.scheduledPrincipal[t]! + c.prepayment[t]! + c.defaults[t]!;
    const ocNumerator = c.balance[t]! + principalCash;
    const paid = tranches.map(() => 0);
    const fees = Math.min(c.interest[t]!, (openingPar * (inputs.seniorFeeRate ?? 0)) / f);
    const icNumerator = c.interest[t]! - fees;
    let available = icNumerator;
    let anyFailed = false;
    let seniorBalance = 0;
    let seniorDue = 0;
    for (let k = 0; k < tranches.length; k++) {
      const scheduledDue = (balances[k]! * tranches[k]!.coupon) / f;
      const due = scheduledDue + carried[k]!;
      const pay = Math.min(available, due);
      available -= pay;
      carried[k] = due - pay;
      flows[k]!.interest[t] = pay;
      flows[k]!.interestShortfall[t] = carried[k]!;
      seniorBalance += balances[k]!;
      seniorDue += scheduledDue;
      const oc = testOf.get(`OC:${tranches[k]!.name}`);
      const ic = testOf.get(`IC:${tranches[k]!.name}`);
      let cure = 0;
      if (oc) {
        const ratio = seniorBalance > 0 ? ocNumerator / seniorBalance : Infinity;
        oc.ratio[t] = ratio;
        oc.passed[t] = ratio >= oc.trigger;
        // Paying down X of the classes above makes (numerator) / (balance − X) reach the trigger.
        if (!oc.passed[t]) cure = Math.max(cure, seniorBalance - ocNumerator / oc.trigger);
      }
      if (ic) {
        const ratio = seniorDue > 0 ? icNumerator / seniorDue : Infinity;
        ic.ratio[t] = ratio;
        ic.passed[t] = ratio >= ic.trigger;
        // The senior paydown whose saved interest brings the ratio to the trigger, most senior first.
        if (!ic.passed[t]) {
          let excessDue = seniorDue - icNumerator / ic.trigger;
          let amount = 0;
          for (let j = 0; j <= k && excessDue > 0; j++) {
            const perUnit = tranches[j]!.coupon / f;
            const x = perUnit > 0 ? Math.min(balances[j]!, excessDue / perUnit) : balances[j]!;
            amount += x;
            excessDue -= x * perUnit;
          }
          cure = Math.max(cure, amount);
        }
      }
      if ((oc && !oc.passed[t]) || (ic && !ic.passed[t])) {
        anyFailed = true;
        const divert = Math.min(available, cure);
        const unused = paySequential(divert, balances, paid);
        available -= divert - unused;
        result.divertedInterest[t]! += divert - unused;
        seniorBalance = balances.slice(0, k + 1).reduce((s, b) => s + b, 0);
      }
    }
    result.fees[t] = fees;
    let residual = available;
    if (inputs.principalPayment === 'sequential' || anyFailed) {
      residual += paySequential(principalCash, balances, paid);
    } else {
      const total = balances.reduce((s, b) => s + b, 0);
      const toDebt = Math.min(principalCash, total);
      for (let j = 0; j < balances.length && total > 0; j++) {
        const pay = (toDebt * balances[j]!) / total;
        balances[j]! -= pay;
        paid[j]! += pay;
      }
      residual += principalCash - toDebt;
    }
    result.equity[t] = residual;
    for (let k = 0; k < tranches.length; k++) {
      flows[k]!.principal[t] = paid[k]!;
      flows[k]!.balance[t] = balances[k]!;
      flows[k]!.cashFlow[t] = flows[k]!.interest[t]! + paid[k]!;
    }
  }
  return result;
}
