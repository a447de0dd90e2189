/**
 * The amortising core shared by the mortgage, auto-loan and commercial engines: one loan (or a
 * representative line of a pool) paying a level payment recomputed every period from the performing
 * balance, the period's note rate and the periods left, so fixed-rate loans, resets of adjustable-rate
 * loans, interest-only periods and balloons are one loop.
 *
 * Order inside a period (the standard-formula order): defaults leave the balance first; the performing
 * rest pays interest and its scheduled principal; a share (SMM) of what is then left prepays. A default's
 * loss (severity) and recovery (1 − severity) arrive `recoveryLag` periods later, so the projection runs
 * `termPeriods + recoveryLag` periods.
 */
import { levelPayment, valueAt, type RateVector } from '../conventions.js';
import { emptyProjection, finishTotals, type CashFlowProjection } from '../projection.js';

export interface AmortisingTerms {
  balance: number;
  /** Periods to maturity; whatever is outstanding in the last one is paid then (a balloon if any). */
  termPeriods: number;
  /** Annual note rate for each period. */
  noteRate: RateVector;
  periodsPerYear: number;
  /** Leading periods that pay interest only. Default 0. */
  interestOnlyPeriods?: number;
  /** Periods the level payment amortises over once interest-only ends. Default: the rest of the term. */
  amortisationPeriods?: number;
}

export interface AmortisingBehaviour {
  /** Share of the performing balance (after scheduled principal) prepaid in each period. */
  smm: (t: number) => number;
  /** Share of the opening balance defaulting in each period. */
  mdr: (t: number) => number;
  /** Share of a default lost (the rest is recovered). */
  severity: RateVector;
  /** Periods from default to loss and recovery. */
  recoveryLag: number;
}

export interface AmortisedProjection extends CashFlowProjection {
  /** Annual note rate applied in each period (the reset path for adjustable-rate loans). */
  noteRate: Float64Array;
  /** Part of the scheduled principal that is a balloon: due at maturity beyond the regular payment. */
  balloon: Float64Array;
}

export function amortise(terms: AmortisingTerms, behaviour: AmortisingBehaviour): AmortisedProjection {
  const { termPeriods, periodsPerYear } = terms;
  const io = terms.interestOnlyPeriods ?? 0;
  const amortisation = terms.amortisationPeriods ?? termPeriods - io;
  const lag = behaviour.recoveryLag;
  const periods = termPeriods + lag;
  const p = emptyProjection(periods, periodsPerYear);
  const noteRate = new Float64Array(periods);
  const balloon = new Float64Array(periods);
  let balance = terms.balance;
  for (let t = 0; t < termPeriods && balance > 0; t++) {
    const annualRate = valueAt(terms.noteRate, t);
    noteRate[t] = annualRate;
    const rate = annualRate / periodsPerYear;
    const defaulted = balance * Math.min(1, Math.max(0, behaviour.mdr(t)));
    const performing = balance - defaulted;
    const interest = performing * rate;
    let scheduled = 0;
    if (t >= io) {
      const left = amortisation - (t - io);
      const regular = Math.min(performing, levelPayment(performing, rate, left) - interest);
      scheduled = t === termPeriods - 1 ? performing : regular;
      balloon[t] = scheduled - regular;
    }
    const prepaid = (performing - scheduled) * Math.min(1, Math.max(0, behaviour.smm(t)));
    balance = performing - scheduled - prepaid;
    p.balance[t] = balance;
    p.interest[t] = interest;
    p.scheduledPrincipal[t] = scheduled;
    p.prepayment[t] = prepaid;
    p.defaults[t] = defaulted;
    const severity = valueAt(behaviour.severity, t);
    p.loss[t + lag] = p.loss[t + lag]! + defaulted * severity;
    p.recovery[t + lag] = p.recovery[t + lag]! + defaulted * (1 - severity);
  }
  finishTotals(p);
  return { ...p, noteRate, balloon };
}
